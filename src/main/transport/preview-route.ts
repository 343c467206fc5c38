import { MEDIA_HTTP_PREFIX, MEDIA_SCHEME } from '../../shared/contract'
import { manifestScript } from '../export/player-files'
import { PLAYER_CSS, PLAYER_HTML, PLAYER_JS } from '../export/player-assets.generated'
import type { MediaHandler } from './media-route'

/**
 * The playlist preview: the bundled player's files, and a manifest made on the fly, under
 * `cache/.preview/<playlist id>/` of the media route (`/media/cache/.preview/3/index.html` in
 * serve mode, behind its token; `marquee-media://cache/.preview/3/index.html` in the app). Being
 * inside the cache's URL space, the player's relative `../<path>` URLs reach cached variants.
 */
export const PREVIEW_SEGMENT = '.preview'

const FILES: Record<string, { type: string; body?: string }> = {
  'index.html': { type: 'text/html; charset=utf-8', body: PLAYER_HTML },
  'player.css': { type: 'text/css; charset=utf-8', body: PLAYER_CSS },
  'player.js': { type: 'text/javascript; charset=utf-8', body: PLAYER_JS },
  'manifest.js': { type: 'text/javascript; charset=utf-8' },
}

/** `{playlistId, file}` when the URL names a preview file, else null. */
export function previewTarget(url: URL): { playlistId: number; file: string } | null {
  const path =
    url.protocol === `${MEDIA_SCHEME}:`
      ? `${url.host}${url.pathname}`
      : url.pathname.startsWith(MEDIA_HTTP_PREFIX)
        ? url.pathname.slice(MEDIA_HTTP_PREFIX.length)
        : null
  const match = path ? /^cache\/\.preview\/([1-9]\d{0,15})\/([a-z.]+)$/.exec(path) : null
  if (!match || !FILES[match[2]!]) return null
  return { playlistId: Number(match[1]), file: match[2]! }
}

/** The media route, with preview files answered before the cache is looked at. */
export function withPreview(
  media: MediaHandler,
  build: (playlistId: number) => { manifest: object; widgets: ReadonlyArray<{ id: string }> },
): MediaHandler {
  return async (request) => {
    const target = previewTarget(new URL(request.url))
    if (!target) return media(request)
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } })
    const file = FILES[target.file]!
    let body = file.body
    if (body === undefined) {
      try {
        const { manifest, widgets } = build(target.playlistId)
        body = manifestScript(manifest, widgets)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        return new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain' } })
      }
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': file.type,
        // Made from the playlist as it is now: never reuse an older one.
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  }
}

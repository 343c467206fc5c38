import { join } from 'node:path'
import { MEDIA_HTTP_PREFIX, MEDIA_SCHEME } from '../../shared/contract'
import type { MediaFilesRepository } from '../repositories/media-files.repository'
import { RootUnavailable } from '../repositories/originals.repository'
import { mediaContentHeaders } from './content-type'
import { parseRange } from './range'

export type MediaHandler = (request: Request) => Promise<Response>

export interface MediaSources {
  /** Registered roots, looked up on every request so removed roots stop serving at once. */
  rootPath(id: number): string | undefined
  cacheDir: string
}

/** `rootId` is null for the cache. */
type Target = { base: string; segments: string[]; rootId: number | null }

/**
 * The one media route. Electron's `protocol.handle('marquee-media', …)` and serve mode's
 * `/media/…` both call it. URLs name a root by id or the cache, then a relative path:
 * `marquee-media://root/3/Lobby/a.jpg`, `/media/cache/ab/cd/<sha>/small.webp`.
 */
export function createMediaHandler(
  sources: MediaSources,
  files: MediaFilesRepository,
): MediaHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' })
    }
    const target = parseTarget(new URL(request.url), sources)
    if (target === 'bad') return plain(400, 'Bad media path')
    if (!target) return plain(404, 'Not found')
    const rootId = target.rootId ?? undefined
    let file
    try {
      file = await files.resolveInside(target.base, join(target.base, ...target.segments), rootId)
    } catch (error) {
      // A network root whose share hangs: say so at once, and let the viewer fall back.
      if (error instanceof RootUnavailable)
        return plain(503, error.message, { 'Retry-After': '15' })
      throw error
    }
    if (!file) return plain(404, 'Not found')

    // Cached variants are named by the content they were made from: a URL never changes
    // meaning, so the browser may keep them for good. Originals can change under their name.
    const caching = {
      'Cache-Control':
        target.rootId === null ? 'public, max-age=31536000, immutable' : 'private, max-age=3600',
      ETag: `"${file.size.toString(36)}-${Math.floor(file.mtimeMs).toString(36)}"`,
    }
    if (request.headers.get('if-none-match') === caching.ETag)
      return new Response(null, { status: 304, headers: caching })
    const headers: Record<string, string> = {
      'Accept-Ranges': 'bytes',
      ...mediaContentHeaders(file.path),
      ...caching,
      'Last-Modified': new Date(file.mtimeMs).toUTCString(),
      'X-Content-Type-Options': 'nosniff',
    }
    const range = parseRange(request.headers.get('range'), file.size)
    if (range.kind === 'unsatisfiable') {
      return plain(416, 'Range not satisfiable', { 'Content-Range': `bytes */${file.size}` })
    }
    const [status, start, end] =
      range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, file.size - 1]
    headers['Content-Length'] = String(Math.max(0, end - start + 1))
    if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${file.size}`
    const body =
      request.method === 'HEAD' || file.size === 0
        ? null
        : files.read(file.path, start, end, rootId)
    return new Response(body, { status, headers })
  }
}

function parseTarget(url: URL, sources: MediaSources): Target | 'bad' | null {
  let raw: string
  if (url.protocol === `${MEDIA_SCHEME}:`) raw = `${url.host}${url.pathname}`
  else if (url.pathname.startsWith(MEDIA_HTTP_PREFIX))
    raw = url.pathname.slice(MEDIA_HTTP_PREFIX.length)
  else return null
  const [area, ...rest] = raw.split('/')
  let base: string | undefined
  let rootId: number | null = null
  if (area === 'cache') base = sources.cacheDir
  else if (area === 'root') {
    const id = rest.shift()
    if (!id || !/^[1-9]\d{0,15}$/.test(id)) return 'bad'
    rootId = Number(id)
    base = sources.rootPath(rootId)
  } else return null
  if (!base) return null
  const segments = decodeSegments(rest)
  return segments ? { base, segments, rootId } : 'bad'
}

/** Decodes each segment and refuses any that could climb out or smuggle a separator. */
function decodeSegments(raw: string[]): string[] | null {
  if (raw.length === 0) return null
  const out: string[] = []
  for (const part of raw) {
    let segment: string
    try {
      segment = decodeURIComponent(part)
    } catch {
      return null
    }
    if (segment === '' || segment === '.' || segment === '..') return null
    if (segment.includes('/') || segment.includes('\0')) return null
    if (process.platform === 'win32' && /[\\:]/.test(segment)) return null
    out.push(segment)
  }
  return out
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    },
  })
}

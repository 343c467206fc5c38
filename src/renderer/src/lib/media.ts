/**
 * Media URLs for both transports: `marquee-media://…` in the desktop app, `/media/…` on
 * `marquee serve` (same origin, so the session cookie goes along). Cached variants are named by
 * content hash, so a URL never changes meaning and the browser may keep it forever.
 */
import { MEDIA_HTTP_PREFIX, MEDIA_SCHEME } from '../../../shared/contract'

export type Variant = 'small' | 'medium' | 'large' | 'preview'

const base = (): string => (window.marquee ? `${MEDIA_SCHEME}://` : MEDIA_HTTP_PREFIX)

const encodePath = (relPath: string): string => relPath.split('/').map(encodeURIComponent).join('/')

/** A cached variant of some content: `small`/`medium`/`large` WebP or the `preview` MP4. */
export function variantUrl(sha256: string, variant: Variant): string {
  const file = variant === 'preview' ? 'preview.mp4' : `${variant}.webp`
  return `${base()}cache/media/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}/${file}`
}

/** The original file, read from its root (fails with 503 while the root is offline). */
export function originalUrl(rootId: number, relPath: string): string {
  return `${base()}root/${rootId}/${encodePath(relPath)}`
}

/** The best still for a tile or a viewer of a given size, from the variants that exist. */
export function bestVariant(
  variants: readonly string[],
  want: 'small' | 'medium' | 'large',
): Variant | null {
  const order: Variant[] =
    want === 'small'
      ? ['small', 'medium', 'large']
      : want === 'medium'
        ? ['medium', 'large', 'small']
        : ['large', 'medium', 'small']
  return order.find((v) => variants.includes(v)) ?? null
}

/**
 * The playlist preview: the bundled player served from the cache's URL space, so its relative
 * object paths reach cached variants (src/main/transport/preview-route.ts).
 */
export function previewUrl(playlistId: number): string {
  return `${base()}cache/.preview/${playlistId}/index.html`
}

/** What the viewer draws or plays for an asset, from the variants that exist and the root's state. */
import type { Asset } from '../../../../shared/domain'
import { bestVariant, originalUrl, variantUrl } from '../../lib/media'
import { browserCanDraw, browserCanPlay } from './original-probe'
import type { Size } from './zoom'

export interface Still {
  url: string
  size: Size
  /** The size zoom percentages refer to: the original's when it can be loaded, else the still's. */
  natural: Size
  /** The original to swap in when zooming past the still's pixels; null when it cannot be. */
  original: string | null
}

export type Stage =
  | { kind: 'image'; still: Still }
  | { kind: 'video'; src: string; poster: string | null; fromOriginal: boolean }
  | { kind: 'audio'; src: string | null; cover: string | null }
  | { kind: 'none' }

const sizeOf = (width: number | null, height: number | null): Size | null =>
  width && height ? { width, height } : null

export function stillOf(asset: Asset, originalReachable: boolean): Still | null {
  const variants = asset.derivatives.map((d) => d.variant)
  const name = bestVariant(variants, 'large')
  if (!asset.sha256 || !name) return null
  const derivative = asset.derivatives.find((d) => d.variant === name)!
  const own = sizeOf(asset.width, asset.height)
  const size = sizeOf(derivative.width, derivative.height) ?? own
  if (!size) return null
  const drawable = asset.type === 'image' && browserCanDraw(asset.mime) && own !== null
  const original = drawable && originalReachable ? originalUrl(asset.rootId, asset.relPath) : null
  return {
    url: variantUrl(asset.sha256, name),
    size,
    natural: drawable ? own : size,
    original,
  }
}

/**
 * Images (and PDFs' first pages) as a zoomable still; videos as their `preview` MP4, else the
 * original when a browser plays it; sounds as the original. An offline root leaves only what
 * is in the cache.
 */
export function stageOf(asset: Asset, originalReachable: boolean): Stage {
  const still = stillOf(asset, originalReachable)
  const original = originalUrl(asset.rootId, asset.relPath)
  if (asset.type === 'video') {
    const hasPreview = asset.sha256 && asset.derivatives.some((d) => d.variant === 'preview')
    const poster = still?.url ?? null
    if (hasPreview) {
      return {
        kind: 'video',
        src: variantUrl(asset.sha256!, 'preview'),
        poster,
        fromOriginal: false,
      }
    }
    if (originalReachable && browserCanPlay(asset.mime)) {
      return { kind: 'video', src: original, poster, fromOriginal: true }
    }
    return still ? { kind: 'image', still } : { kind: 'none' }
  }
  if (asset.type === 'audio') {
    const playable = originalReachable && browserCanPlay(asset.mime)
    return { kind: 'audio', src: playable ? original : null, cover: still?.url ?? null }
  }
  return still ? { kind: 'image', still } : { kind: 'none' }
}

/**
 * The integration media cache's rules, pure: what may be cached (magic bytes, never SVG or
 * HTML), which variants are made, where an item lives, what retention removes, and how an
 * image is displayed. The I/O is in repositories (HTTP, sharp, the cache folder).
 */
import type { DisplayImage, MediaVariant } from '../../shared/integrations'
import { MEDIA_VARIANTS } from '../../shared/integrations'

export interface VariantSpec {
  width: number
  height: number
  /** sharp's fit: `cover` crops to fill, `inside` keeps the whole picture. */
  fit: 'cover' | 'inside'
  quality: number
}

/** thumbnail 150×150 cover, preview 800×600 inside, full at most 3840 px; never upscaled. */
export const VARIANT_SPECS: Record<MediaVariant, VariantSpec> = {
  thumbnail: { width: 150, height: 150, fit: 'cover', quality: 80 },
  preview: { width: 800, height: 600, fit: 'inside', quality: 82 },
  full: { width: 3840, height: 3840, fit: 'inside', quality: 85 },
}

export interface CacheLimits {
  /** A download larger than this is refused (bytes). */
  maxBytes: number
  timeoutMs: number
  /** A decode larger than this many pixels is refused (decompression bombs). */
  maxPixels: number
  /** A URL's content is asked about again (ETag / Last-Modified) after this long. */
  revalidateMs: number
  /** Retention counted from last use. */
  maxAgeMs: number
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = {
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 15_000,
  maxPixels: 100_000_000,
  revalidateMs: 3_600_000,
  maxAgeMs: 2 * 24 * 3_600_000,
}

/** Image types sharp decodes and a player can use, told by their first bytes. */
export function sniffImage(bytes: Uint8Array): { mime: string } | { refused: string } {
  const at = (offset: number, ...values: number[]): boolean =>
    values.every((v, i) => bytes[offset + i] === v)
  const ascii = (offset: number, text: string): boolean =>
    [...text].every((c, i) => bytes[offset + i] === c.charCodeAt(0))
  if (at(0, 0xff, 0xd8, 0xff)) return { mime: 'image/jpeg' }
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { mime: 'image/png' }
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return { mime: 'image/gif' }
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { mime: 'image/webp' }
  if (ascii(4, 'ftypavif') || ascii(4, 'ftypavis')) return { mime: 'image/avif' }
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return { mime: 'image/tiff' }
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase()
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')))
    return {
      refused: 'it is an SVG drawing, which can carry scripts; only raster images are cached',
    }
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<'))
    return { refused: 'it is a web page or markup, not an image' }
  return { refused: 'it is not an image Marquee can use (JPEG, PNG, GIF, WebP, AVIF or TIFF)' }
}

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 8192) return false
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** `integrations/YYYY-MM-DD/<sha256>`: the day the content was first cached (UTC). */
export function mediaDir(sha256: string, createdAt: number): string {
  return `integrations/${new Date(createdAt).toISOString().slice(0, 10)}/${sha256}`
}

export const variantPath = (dir: string, variant: MediaVariant): string => `${dir}/${variant}.webp`

/** What retention sees of one cached item. */
export interface CachedItem {
  sha256: string
  lastUsedAt: number
  refs: number
  storedBytes: number
  /** False when a variant file is missing or empty on disk. */
  intact: boolean
}

export interface RetentionPlan {
  remove: Array<{ sha256: string; reason: 'expired' | 'corrupt'; bytes: number }>
  keep: string[]
}

/**
 * Expired (unused for `maxAgeMs`) and unreferenced items go, and corrupt ones (their files are
 * incomplete: the next use downloads them again). Anything referenced and intact stays.
 */
export function planRetention(items: CachedItem[], now: number, maxAgeMs: number): RetentionPlan {
  const plan: RetentionPlan = { remove: [], keep: [] }
  for (const item of items) {
    if (!item.intact)
      plan.remove.push({ sha256: item.sha256, reason: 'corrupt', bytes: item.storedBytes })
    else if (item.refs === 0 && now - item.lastUsedAt > maxAgeMs)
      plan.remove.push({ sha256: item.sha256, reason: 'expired', bytes: item.storedBytes })
    else plan.keep.push(item.sha256)
  }
  return plan
}

/** A cached image as data carries it (the seed's shape): the source and the local files. */
export interface CachedImage {
  original_url: string
  files: Partial<Record<MediaVariant, string>> | null
}

export function cachedImage(
  url: string,
  dir: string | null,
  variants: readonly MediaVariant[] = MEDIA_VARIANTS,
): CachedImage {
  const chosen = variants.length ? variants : MEDIA_VARIANTS
  return {
    original_url: url,
    files: dir ? Object.fromEntries(chosen.map((v) => [v, variantPath(dir, v)])) : null,
  }
}

/** The local copy when there is one, else the remote URL, else a placeholder. */
export function displayImage(
  image: Partial<CachedImage> | null | undefined,
  variant: MediaVariant,
  localExists: (path: string) => boolean = () => true,
): DisplayImage {
  const local = image?.files?.[variant] ?? image?.files?.full ?? image?.files?.preview
  if (local && localExists(local)) return { kind: 'local', path: local }
  if (isHttpUrl(image?.original_url)) return { kind: 'remote', url: image.original_url }
  return { kind: 'placeholder' }
}

/**
 * Sizes and limits for the image steps of processing (ARCHITECTURE §5). Pure arithmetic: the
 * sharp repository turns these numbers into calls, so what gets made is decided and tested here.
 */

/** Long edge of each thumbnail in pixels. */
export const THUMBNAIL_SIZES = { small: 200, medium: 800, large: 1920 } as const
export type ThumbnailVariant = keyof typeof THUMBNAIL_SIZES

/**
 * WebP quality, sharp's default: clean at thumbnail sizes. Stated rather than inherited so a
 * sharp upgrade cannot silently change what existing thumbnails look like next to new ones.
 */
export const WEBP_QUALITY = 80

/**
 * libwebp's effort (method) for thumbnails: 2, not sharp's default 4. Methods 3 and up add
 * rate-distortion passes that cost three times the CPU of method 2 for files 2–4 % smaller at
 * the same quality (12 MP camera photos, 1920 px: ~170 ms against ~55 ms a file); the 1920 px
 * encode was 60 % of a photo's processing. Thumbnails are a cache, made once per file on the
 * user's machine: time matters more there than a few kilobytes (docs/processing.md).
 */
export const WEBP_EFFORT = 2

/**
 * Largest image Marquee decodes: 200 megapixels. Above every single-shot camera sold today
 * (151 MP medium format), below sharp's own 268 MP default, and a full RGBA decode of it is
 * 800 MB, which a library machine can afford one at a time. Pass it to sharp as
 * `limitInputPixels` too, so a header that lies about its size is still caught.
 */
export const PIXEL_LIMIT = 200_000_000

export interface ThumbnailTarget {
  variant: ThumbnailVariant
  width: number
  height: number
  /**
   * Set when a smaller variant has exactly these dimensions (the source is smaller than this
   * size): copy or hard-link that file instead of encoding the same pixels again.
   */
  sameAs?: ThumbnailVariant
}

/**
 * The three thumbnails for an image of this displayed size, smallest first. All three are always
 * listed so every asset has the same cache layout; none is larger than the source.
 */
export function thumbnailTargets(width: number, height: number): ThumbnailTarget[] {
  assertSize(width, height)
  const longEdge = Math.max(width, height)
  const targets: ThumbnailTarget[] = []
  for (const variant of Object.keys(THUMBNAIL_SIZES) as ThumbnailVariant[]) {
    const scale = Math.min(1, THUMBNAIL_SIZES[variant] / longEdge)
    // The long edge lands exactly on the size; the short one keeps the aspect, at least 1 px.
    const target: ThumbnailTarget = {
      variant,
      width: Math.max(1, Math.round(width * scale)),
      height: Math.max(1, Math.round(height * scale)),
    }
    const twin = targets.find((t) => t.width === target.width && t.height === target.height)
    if (twin) target.sameAs = twin.sameAs ?? twin.variant
    targets.push(target)
  }
  return targets
}

export type Orientation = 'landscape' | 'portrait' | 'square'

export function orientationOf(width: number, height: number): Orientation {
  if (width === height) return 'square'
  return width > height ? 'landscape' : 'portrait'
}

/**
 * The size a viewer shows: EXIF orientations 5–8 turn the picture a quarter turn, so the stored
 * width becomes the displayed height.
 */
export function displayedSize(
  width: number,
  height: number,
  exifOrientation?: number,
): { width: number; height: number } {
  const quarterTurn = exifOrientation !== undefined && exifOrientation >= 5 && exifOrientation <= 8
  return quarterTurn ? { width: height, height: width } : { width, height }
}

export type PixelCheck = { ok: true } | { ok: false; message: string }

/** Refuses images too large to decode safely, before sharp allocates anything. */
export function checkPixels(width: number, height: number): PixelCheck {
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) {
    return {
      ok: false,
      message: `This image reports an impossible size (${width}×${height}); the file is probably damaged.`,
    }
  }
  const pixels = width * height
  if (pixels <= PIXEL_LIMIT) return { ok: true }
  return {
    ok: false,
    message: `This image is ${width}×${height} (${megapixels(pixels)} megapixels), more than Marquee decodes (${megapixels(PIXEL_LIMIT)} megapixels) — it may be a decompression bomb.`,
  }
}

/**
 * Bytes of the fully decoded frame, for a scheduler that keeps concurrent decodes under a memory
 * budget. A lower bound: libvips adds working buffers, but they scale with the output.
 */
export function estimateDecodeBytes(
  width: number,
  height: number,
  channels = 4,
  bytesPerSample = 1,
): number {
  return width * height * channels * bytesPerSample
}

/**
 * Which library decodes an image. sharp's prebuilt libvips reads HEIF only when it holds AV1
 * (AVIF); HEVC-coded HEIF (every iPhone photo since 2017) goes to libheif compiled to
 * WebAssembly, in the media worker. An AV1-coded `.heif`, which that build cannot decode, falls
 * back to sharp there.
 */
export type ImageDecoder = 'sharp' | 'libheif'

const LIBHEIF_MIMES: ReadonlySet<string> = new Set([
  'image/heic',
  'image/heif',
  'image/heic-sequence',
  'image/heif-sequence',
])

export function decoderFor(mime: string | null): ImageDecoder {
  return mime !== null && LIBHEIF_MIMES.has(mime) ? 'libheif' : 'sharp'
}

/**
 * Bytes libheif's WebAssembly heap reaches decoding one HEIF image, per pixel: the file (twice),
 * the YCbCr planes and the RGBA frame are all there at once. Measured: 107 MB for 12 MP, 210 MB
 * for 24 MP (8.8 bytes a pixel), rounded up for files of a high bit rate.
 */
export const LIBHEIF_BYTES_PER_PIXEL = 10

/** What the memory budget reserves for one decode of this size by this decoder. */
export function decodeBudgetBytes(decoder: ImageDecoder, width: number, height: number): number {
  return decoder === 'libheif'
    ? width * height * LIBHEIF_BYTES_PER_PIXEL
    : estimateDecodeBytes(width, height)
}

/** Rounded up to a tenth, so an image just over the limit never reads as equal to it. */
function megapixels(pixels: number): string {
  return String(Math.ceil(pixels / 100_000) / 10)
}

function assertSize(width: number, height: number): void {
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) {
    throw new RangeError(`An image size must be whole pixels above zero, got ${width}×${height}.`)
  }
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0
}

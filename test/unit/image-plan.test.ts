import { describe, expect, it } from 'vitest'
import {
  checkPixels,
  decodeBudgetBytes,
  decoderFor,
  displayedSize,
  estimateDecodeBytes,
  orientationOf,
  PIXEL_LIMIT,
  THUMBNAIL_SIZES,
  thumbnailTargets,
  WEBP_QUALITY,
} from '../../src/main/media/image-plan'

describe('thumbnail sizes', () => {
  it('are the 200/800/1920 px pyramid at WebP quality 80', () => {
    expect(THUMBNAIL_SIZES).toEqual({ small: 200, medium: 800, large: 1920 })
    expect(WEBP_QUALITY).toBe(80)
  })
})

describe('thumbnailTargets', () => {
  it('puts the long edge of a camera photo on each size', () => {
    expect(thumbnailTargets(6000, 4000)).toEqual([
      { variant: 'small', width: 200, height: 133 },
      { variant: 'medium', width: 800, height: 533 },
      { variant: 'large', width: 1920, height: 1280 },
    ])
  })

  it('does the same for a portrait photo', () => {
    expect(thumbnailTargets(3024, 4032)).toEqual([
      { variant: 'small', width: 150, height: 200 },
      { variant: 'medium', width: 600, height: 800 },
      { variant: 'large', width: 1440, height: 1920 },
    ])
  })

  it('never enlarges a small image and points duplicates at the first identical variant', () => {
    expect(thumbnailTargets(640, 480)).toEqual([
      { variant: 'small', width: 200, height: 150 },
      { variant: 'medium', width: 640, height: 480 },
      { variant: 'large', width: 640, height: 480, sameAs: 'medium' },
    ])
    expect(thumbnailTargets(120, 90)).toEqual([
      { variant: 'small', width: 120, height: 90 },
      { variant: 'medium', width: 120, height: 90, sameAs: 'small' },
      { variant: 'large', width: 120, height: 90, sameAs: 'small' },
    ])
  })

  it('keeps at least one pixel on the short edge of a panorama strip', () => {
    expect(thumbnailTargets(40000, 10)).toEqual([
      { variant: 'small', width: 200, height: 1 },
      { variant: 'medium', width: 800, height: 1 },
      { variant: 'large', width: 1920, height: 1 },
    ])
  })

  it('keeps the aspect ratio to within rounding', () => {
    for (const [width, height] of [
      [4000, 3000],
      [1999, 1001],
      [7, 4999],
      [2048, 2048],
    ] as const) {
      for (const target of thumbnailTargets(width, height)) {
        // The long edge sets the scale; the short one is that scale rounded, at least 1 px.
        const scale = Math.max(target.width, target.height) / Math.max(width, height)
        expect(Math.abs(Math.max(1, width * scale) - target.width)).toBeLessThanOrEqual(0.5)
        expect(Math.abs(Math.max(1, height * scale) - target.height)).toBeLessThanOrEqual(0.5)
        expect(Math.max(target.width, target.height)).toBeLessThanOrEqual(
          Math.min(THUMBNAIL_SIZES[target.variant], Math.max(width, height)),
        )
      }
    }
  })

  it.each([
    [0, 100],
    [100, -1],
    [10.5, 10],
    [Number.NaN, 10],
  ])('refuses an impossible size %s×%s', (width, height) => {
    expect(() => thumbnailTargets(width, height)).toThrow(RangeError)
  })
})

describe('orientationOf', () => {
  it.each([
    [1920, 1080, 'landscape'],
    [1080, 1920, 'portrait'],
    [1000, 1000, 'square'],
  ] as const)('calls %i×%i %s', (width, height, orientation) => {
    expect(orientationOf(width, height)).toBe(orientation)
  })
})

describe('displayedSize', () => {
  it.each([
    [undefined, 4000, 3000],
    [1, 4000, 3000],
    [3, 4000, 3000],
    [4, 4000, 3000],
    [5, 3000, 4000],
    [6, 3000, 4000],
    [7, 3000, 4000],
    [8, 3000, 4000],
    [9, 4000, 3000],
  ])('shows a 4000×3000 image with EXIF orientation %s as %i×%i', (exif, width, height) => {
    expect(displayedSize(4000, 3000, exif)).toEqual({ width, height })
  })
})

describe('checkPixels', () => {
  it('accepts a 150-megapixel medium-format photo and the limit itself', () => {
    expect(checkPixels(14204, 10652)).toEqual({ ok: true })
    expect(checkPixels(20000, 10000)).toEqual({ ok: true })
    expect(PIXEL_LIMIT).toBe(200_000_000)
  })

  it('names the dimensions of a decompression bomb', () => {
    expect(checkPixels(30000, 30000)).toEqual({
      ok: false,
      message:
        'This image is 30000×30000 (900 megapixels), more than Marquee decodes (200 megapixels) — it may be a decompression bomb.',
    })
  })

  it('never prints an image just over the limit as equal to it', () => {
    const result = checkPixels(20001, 10000)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toContain('(200.1 megapixels)')
  })

  it('calls a zero or fractional size damaged', () => {
    expect(checkPixels(0, 100)).toEqual({
      ok: false,
      message: 'This image reports an impossible size (0×100); the file is probably damaged.',
    })
    expect(checkPixels(10.5, 10).ok).toBe(false)
  })
})

describe('estimateDecodeBytes', () => {
  it('counts four 8-bit channels by default', () => {
    expect(estimateDecodeBytes(6000, 4000)).toBe(96_000_000)
  })

  it('scales with channels and sample depth', () => {
    expect(estimateDecodeBytes(6000, 4000, 3)).toBe(72_000_000)
    expect(estimateDecodeBytes(6000, 4000, 3, 2)).toBe(144_000_000)
  })
})

describe('decoderFor', () => {
  it('sends HEVC-coded HEIF to libheif and everything else, AVIF included, to sharp', () => {
    for (const mime of ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'])
      expect(decoderFor(mime)).toBe('libheif')
    for (const mime of ['image/avif', 'image/jpeg', 'image/png', 'image/tiff', 'image/webp'])
      expect(decoderFor(mime)).toBe('sharp')
    expect(decoderFor(null)).toBe('sharp')
  })
})

describe('decodeBudgetBytes', () => {
  it("reserves libheif's whole heap for a HEIF, the RGBA frame for the rest", () => {
    expect(decodeBudgetBytes('libheif', 4032, 3024)).toBe(121_927_680)
    expect(decodeBudgetBytes('sharp', 4032, 3024)).toBe(estimateDecodeBytes(4032, 3024))
  })
})

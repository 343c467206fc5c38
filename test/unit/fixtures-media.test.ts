import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { exiftool } from 'exiftool-vendored'
import { fileTypeFromFile } from 'file-type'
import sharp from 'sharp'
import type { Sharp } from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AllMedia, FfprobeResult } from '../fixtures/media'
import {
  ffprobeJson,
  largePhotos,
  makeAllMedia,
  noiseAsMp4,
  shortClip,
  similarPair,
  truncatedJpeg,
} from '../fixtures/media'

let dir: string
let media: AllMedia

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marquee-media-'))
  media = await makeAllMedia(dir)
})

afterAll(async () => {
  await exiftool.end()
  await rm(dir, { recursive: true, force: true })
})

const sizeOf = async (path: string) => (await stat(path)).size
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest()

async function pixel(image: Sharp, x: number, y: number): Promise<number[]> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [...data.subarray(at, at + info.channels)]
}

/** A 64-bit DCT perceptual hash, as the pipeline will compute it (63 AC terms vs. median). */
async function pHash(path: string): Promise<bigint> {
  const n = 32
  const grey = await sharp(path).greyscale().resize(n, n, { fit: 'fill' }).raw().toBuffer()
  const terms: number[] = []
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          const cos = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * n))
          sum += grey[y * n + x]! * cos * Math.cos(((2 * y + 1) * v * Math.PI) / (2 * n))
        }
      }
      terms.push(sum)
    }
  }
  const ac = terms.slice(1)
  const median = [...ac].sort((a, b) => a - b)[ac.length >> 1]!
  return ac.reduce((hash, term, i) => (term > median ? hash | (1n << BigInt(i)) : hash), 0n)
}

const hamming = (a: bigint, b: bigint) => [...(a ^ b).toString(2)].filter((d) => d === '1').length

const streamsOf = (probe: FfprobeResult, type: 'video' | 'audio') =>
  probe.streams.filter((s) => s.codec_type === type)

describe('generated still images', () => {
  it('stores landscape pixels that EXIF orientation 6 shows as portrait, marker top-right', async () => {
    const meta = await sharp(media.jpegWithOrientation).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', orientation: 6, width: 400, height: 300 })
    expect(meta.autoOrient).toEqual({ width: 300, height: 400 })

    const upright = () => sharp(media.jpegWithOrientation).autoOrient()
    const [r, g, b] = await pixel(upright(), 290, 10)
    expect(r).toBeGreaterThan(200)
    expect(Math.max(g!, b!)).toBeLessThan(60)
    expect((await pixel(upright(), 10, 10))[0]).toBeLessThan(100)
  })

  it('makes a CMYK JPEG', async () => {
    const meta = await sharp(media.cmykJpeg).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', space: 'cmyk', channels: 4, width: 320 })
    expect(meta.height).toBe(240)
  })

  it('makes a 16-bit RGBA PNG whose values need all 16 bits, from transparent to opaque', async () => {
    const meta = await sharp(media.png16WithAlpha).metadata()
    expect(meta).toMatchObject({ format: 'png', depth: 'ushort', bitsPerSample: 16, channels: 4 })
    expect(meta).toMatchObject({ hasAlpha: true, width: 256, height: 256 })

    // Without toColourspace('rgb16'), sharp 0.35 hands back 8-bit values even as ushort.
    const raw = await sharp(media.png16WithAlpha).toColourspace('rgb16').raw({ depth: 'ushort' })
    const data = await raw.toBuffer()
    const values = new Uint16Array(data.buffer, data.byteOffset, data.length / 2)
    expect([...values.subarray(0, 8)]).toEqual([0, 0, 65535, 0, 256, 1, 65279, 128])
    expect(values[values.length - 1]).toBeGreaterThan(65000)
  })

  it.each(['animatedGif', 'animatedWebp'] as const)(
    'makes %s with four 120×90 frames, the first red and the rest blue',
    async (key) => {
      const meta = await sharp(media[key]).metadata()
      expect(meta).toMatchObject({ pages: 4, width: 120, height: 90, loop: 0 })
      expect(meta.delay).toEqual([200, 200, 200, 200])

      const first = await sharp(media[key], { page: 0 }).stats()
      const second = await sharp(media[key], { page: 1 }).stats()
      expect(first.channels[0]!.mean).toBeGreaterThan(200)
      expect(second.channels[2]!.mean).toBeGreaterThan(150)
      expect(second.channels[0]!.mean).toBeLessThan(100)
    },
  )

  it('makes a 1×1 PNG and a small 12000×800 panorama', async () => {
    expect(await sharp(media.tinyPng).metadata()).toMatchObject({ width: 1, height: 1 })
    const pano = await sharp(media.panorama).metadata()
    expect(pano).toMatchObject({ format: 'jpeg', width: 12000, height: 800 })
    expect(await sizeOf(media.panorama)).toBeLessThan(500_000)
  })

  it('makes a decompression bomb: 900 megapixels in the header, little on disk', async () => {
    const header = await sharp(media.decompressionBomb, { limitInputPixels: false }).metadata()
    expect(header).toMatchObject({ format: 'png', width: 30000, height: 30000 })
    expect(await sizeOf(media.decompressionBomb)).toBeLessThan(2_000_000)
    // sharp's default limit refuses it before reading any pixels, even for metadata.
    await expect(sharp(media.decompressionBomb).metadata()).rejects.toThrow(/pixel limit/)
  })

  it('makes a JPEG cut short: header intact, full decode fails', async () => {
    const bytes = await readFile(media.truncatedJpeg)
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    expect(bytes.subarray(-2)).not.toEqual(Buffer.from([0xff, 0xd9]))
    expect(bytes.length).toBeGreaterThan(100_000)
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 800, height: 600 })
    await expect(sharp(bytes).raw().toBuffer()).rejects.toThrow()
    const lenient = await sharp(bytes, { failOn: 'none' })
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect(lenient.info).toMatchObject({ width: 800, height: 600 })
  })
})

describe('generated files that are not what their names say', () => {
  it('identifies each file by its magic bytes, not its extension', async () => {
    const detected = async (path: string) => (await fileTypeFromFile(path))?.ext
    expect(await sizeOf(media.emptyFile)).toBe(0)
    expect(await detected(media.emptyFile)).toBeUndefined()
    expect(await detected(media.textAsJpg)).toBeUndefined()
    expect(await readFile(media.textAsJpg, 'utf8')).toMatch(/^Hello, this is not an image/)
    expect(await detected(media.noiseAsMp4)).toBeUndefined()
    expect(await sizeOf(media.noiseAsMp4)).toBe(64 * 1024)
    expect(await detected(media.programAsPng)).toBe('elf')
    expect(await detected(media.pngNamedJpg)).toBe('png')
    expect(media.pngNamedJpg).toMatch(/\.jpg$/)
  })

  it('gives every real media file the type its extension promises', async () => {
    const expected: Partial<Record<keyof AllMedia, string>> = {
      jpegWithOrientation: 'jpg',
      cmykJpeg: 'jpg',
      png16WithAlpha: 'png',
      animatedGif: 'gif',
      animatedWebp: 'webp',
      decompressionBomb: 'png',
      landscapeVideo: 'mp4',
      shortClip: 'mp4',
      vp9Mkv: 'mkv',
      audioOnly: 'mp3',
    }
    for (const [key, ext] of Object.entries(expected)) {
      const path = media[key as keyof AllMedia]
      expect(path.endsWith(`.${ext}`)).toBe(true)
      expect((await fileTypeFromFile(path))?.ext, key).toBe(ext)
    }
  })
})

describe('generated video and audio', () => {
  it('makes a 3 s 640×360 player-compliant MP4: H.264 High yuv420p + AAC-LC', async () => {
    const probe = await ffprobeJson(media.landscapeVideo)
    expect(probe.format.format_name).toContain('mp4')
    expect(Number(probe.format.duration)).toBeCloseTo(3, 1)
    const [video] = streamsOf(probe, 'video')
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p' })
    expect(video).toMatchObject({ width: 640, height: 360 })
    expect(streamsOf(probe, 'audio')).toMatchObject([{ codec_name: 'aac', profile: 'LC' }])
    // faststart: the index (moov) comes before the media data (mdat).
    const head = await readFile(media.landscapeVideo)
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat'))
  })

  it('makes a portrait MP4 whose pixels are 360×640', async () => {
    const probe = await ffprobeJson(media.portraitVideo)
    expect(streamsOf(probe, 'video')).toMatchObject([{ codec_name: 'h264', width: 360 }])
    expect(streamsOf(probe, 'video')[0]?.height).toBe(640)
    expect(streamsOf(probe, 'audio')).toMatchObject([{ codec_name: 'aac' }])
  })

  it('makes a clip shorter than a second, without audio', async () => {
    const probe = await ffprobeJson(media.shortClip)
    expect(Number(probe.format.duration)).toBeLessThan(1)
    expect(streamsOf(probe, 'video')).toMatchObject([{ codec_name: 'h264', width: 320 }])
    expect(streamsOf(probe, 'audio')).toEqual([])
  })

  it('makes VP9 + Opus in Matroska', async () => {
    const probe = await ffprobeJson(media.vp9Mkv)
    expect(probe.format.format_name).toContain('matroska')
    expect(Number(probe.format.duration)).toBeCloseTo(2, 1)
    expect(streamsOf(probe, 'video')).toMatchObject([{ codec_name: 'vp9', width: 320 }])
    expect(streamsOf(probe, 'audio')).toMatchObject([{ codec_name: 'opus' }])
  })

  it('makes a tagged MP3 with no video stream', async () => {
    const probe = await ffprobeJson(media.audioOnly)
    expect(streamsOf(probe, 'video')).toEqual([])
    expect(streamsOf(probe, 'audio')).toMatchObject([{ codec_name: 'mp3' }])
    expect(probe.format.tags).toMatchObject({ title: 'Marquee Test Tone' })
    expect(Number(probe.format.duration)).toBeCloseTo(2, 0)
  })
})

describe('generated duplicates and near-duplicates', () => {
  it('makes two byte-identical files under different names in different folders', async () => {
    expect(dirname(media.duplicateA)).not.toBe(dirname(media.duplicateB))
    expect(media.duplicateA.split('/').pop()).not.toBe(media.duplicateB.split('/').pop())
    expect(await sha256(media.duplicateA)).toEqual(await sha256(media.duplicateB))
  })

  it('makes a resized, recompressed copy that hashes close and an unrelated image that does not', async () => {
    expect(await sharp(media.similarOriginal).metadata()).toMatchObject({ width: 1024 })
    expect(await sharp(media.similarResized).metadata()).toMatchObject({ width: 600 })
    expect(await sha256(media.similarOriginal)).not.toEqual(await sha256(media.similarResized))

    const original = await pHash(media.similarOriginal)
    const near = hamming(original, await pHash(media.similarResized))
    const far = hamming(original, await pHash(media.unrelatedImage))
    expect(near).toBeLessThanOrEqual(4)
    expect(far).toBeGreaterThanOrEqual(20)
  })
})

describe('fixture generation', () => {
  it('writes the same bytes on every run', async () => {
    const again = await mkdtemp(join(tmpdir(), 'marquee-media-again-'))
    try {
      const pairs = [
        [media.truncatedJpeg, await truncatedJpeg(again)],
        [media.noiseAsMp4, await noiseAsMp4(again)],
        [media.shortClip, await shortClip(again)],
        [media.similarResized, (await similarPair(again)).resized],
      ]
      for (const [first, second] of pairs) {
        expect(await sha256(second!)).toEqual(await sha256(first!))
      }
    } finally {
      await rm(again, { recursive: true, force: true })
    }
  })

  it('makes 12-megapixel camera JPEGs with EXIF, and reuses ones already there', async () => {
    const [first] = await largePhotos(join(dir, 'large'), 1)
    const meta = await sharp(first!).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 4000, height: 3000 })
    expect(await sizeOf(first!)).toBeGreaterThan(1_000_000)
    const tags = await exiftool.read(first!)
    expect(tags).toMatchObject({ Make: 'Marquee', Model: 'Fixture Camera 12' })
    expect(String(tags.DateTimeOriginal)).toMatch(/^2024-05-01T09:00:00/)

    const before = (await stat(first!)).mtimeMs
    const both = await largePhotos(join(dir, 'large'), 2)
    expect(both[0]).toBe(first)
    expect((await stat(first!)).mtimeMs).toBe(before)
    expect(await sha256(both[1]!)).not.toEqual(await sha256(first!))
  })
})

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { ffprobeJson, makeAllMedia, type AllMedia } from '../fixtures/media'
import { coreAt, testCore } from '../support/core'
import { assetAt, derivativeFile, indexAndProcess, isFaststart } from '../support/processing'
import { tempDir } from '../support/temp'

// One library of every kind of file, processed once; each test reads what it needs from it.
let media: AllMedia
let core: Core
let folder: string

describe('processing a library of real and broken media', () => {
  // One core for the whole suite (testCore() would close it after the first test).
  let scratch: string
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'marquee-processing-'))
    folder = join(scratch, 'media')
    media = await makeAllMedia(folder)
    core = coreAt(join(scratch, 'data'))
    await core.services.roots.add({ path: folder })
    await indexAndProcess(core)
  }, 120_000)
  afterAll(async () => {
    await core?.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  const asset = (path: string) => assetAt(core, path)

  it('leaves every good file ready, with a WebP pyramid that never upscales', async () => {
    for (const path of [
      media.cmykJpeg,
      media.png16WithAlpha,
      media.animatedGif,
      media.animatedWebp,
      media.tinyPng,
      media.pngNamedJpg,
      media.similarOriginal,
    ]) {
      const a = asset(path)
      expect(a.status, `${a.relPath}: ${a.error}`).toBe('ready')
      expect(a.derivatives.map((d) => d.variant).sort()).toEqual(['large', 'medium', 'small'])
      for (const d of a.derivatives) {
        expect(d.mime).toBe('image/webp')
        expect(Math.max(d.width!, d.height!)).toBeLessThanOrEqual(Math.max(a.width!, a.height!))
        expect(existsSync(derivativeFile(core, a, d.variant))).toBe(true)
      }
    }
    const tiny = asset(media.tinyPng)
    expect(tiny.derivatives.every((d) => d.width === 1 && d.height === 1)).toBe(true)
  })

  it('honours EXIF orientation: stored landscape, shown portrait', async () => {
    const a = asset(media.jpegWithOrientation)
    expect(a).toMatchObject({ status: 'ready', width: 300, height: 400, orientation: 'portrait' })
    const large = await sharp(derivativeFile(core, a, 'large'))
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect([large.info.width, large.info.height]).toEqual([300, 400])
    // The red block was top-left in the stored pixels; rotated 90° clockwise it is top-right.
    const at = (x: number, y: number) =>
      large.data[(y * large.info.width + x) * large.info.channels]!
    expect(at(290, 10)).toBeGreaterThan(200)
    expect(at(10, 10)).toBeLessThan(100)
  })

  it('converts CMYK and 16-bit images to 8-bit sRGB, keeping alpha', async () => {
    const cmyk = await sharp(derivativeFile(core, asset(media.cmykJpeg), 'medium')).metadata()
    expect(cmyk.space).toBe('srgb')
    const png = await sharp(derivativeFile(core, asset(media.png16WithAlpha), 'small')).metadata()
    expect(png).toMatchObject({ space: 'srgb', hasAlpha: true, depth: 'uchar' })
  })

  it('sizes a 12000×800 panorama by its long edge', () => {
    const a = asset(media.panorama)
    const size = (v: string) => a.derivatives.find((d) => d.variant === v)!
    expect([size('large').width, size('large').height]).toEqual([1920, 128])
    expect([size('small').width, size('small').height]).toEqual([200, 13])
  })

  it('fails each bad file alone, with a sentence a person understands', () => {
    const failure = (path: string) => {
      const a = asset(path)
      expect(a.status).toBe('failed')
      return a.error
    }
    expect(failure(media.decompressionBomb)).toMatch(/30000×30000 .* decompression bomb/)
    expect(failure(media.emptyFile)).toBe('This .jpg file is empty (0 bytes).')
    expect(failure(media.textAsJpg)).toBe('This .jpg is a text file, not an image.')
    expect(failure(media.programAsPng)).toMatch(
      /^This \.png is a program \(Linux ELF executable\), not an image\.$/,
    )
    expect(failure(media.noiseAsMp4)).toMatch(
      /This \.mp4 file is not a video: its bytes match no media format/,
    )
  })

  it('renders what is there of a truncated file and records a warning', () => {
    const a = asset(media.truncatedJpeg)
    expect(a.status, a.error ?? '').toBe('ready')
    expect(a.metadata.warnings).toEqual([expect.stringMatching(/truncated or damaged/)])
  })

  it('processes a PNG named .jpg by its bytes and records the mismatch', () => {
    const a = asset(media.pngNamedJpg)
    expect(a).toMatchObject({ status: 'ready', mime: 'image/png' })
    expect(a.metadata.identify).toMatchObject({
      mime: 'image/png',
      extension: 'jpg',
      extensionMatches: false,
    })
  })

  it('makes posters and 720p H.264 faststart previews of landscape, portrait and VP9 video', async () => {
    for (const [path, box] of [
      [media.landscapeVideo, [1280, 720]],
      [media.portraitVideo, [720, 1280]],
      [media.vp9Mkv, [1280, 720]],
      [media.shortClip, [1280, 720]],
    ] as const) {
      const a = asset(path)
      expect(a.status, `${a.relPath}: ${a.error}`).toBe('ready')
      expect(a.durationMs).toBeGreaterThan(0)
      expect(a.derivatives.map((d) => d.variant).sort()).toEqual([
        'large',
        'medium',
        'preview',
        'small',
      ])
      const preview = derivativeFile(core, a, 'preview')
      const probe = await ffprobeJson(preview)
      const video = probe.streams.find((s) => s.codec_type === 'video')!
      expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p' })
      expect(video.width! <= box[0] && video.height! <= box[1]).toBe(true)
      expect(isFaststart(preview)).toBe(true)
    }
    expect(asset(media.portraitVideo)).toMatchObject({
      width: 360,
      height: 640,
      orientation: 'portrait',
    })
    expect(asset(media.shortClip).durationMs).toBeLessThan(1000)
  })

  it('describes audio without making thumbnails', () => {
    const a = asset(media.audioOnly)
    expect(a).toMatchObject({ status: 'ready', type: 'audio', derivatives: [] })
    expect(a.durationMs).toBeGreaterThan(1500)
    expect(a.metadata.ffprobe).toMatchObject({ hasVideo: false, hasAudio: true })
  })

  it('lists exact duplicates on each copy, and similar images by perceptual hash', () => {
    const a = asset(media.duplicateA)
    const b = asset(media.duplicateB)
    expect(a.sha256).toBe(b.sha256)
    expect(a.duplicates).toEqual([b.id])
    expect(b.duplicates).toEqual([a.id])
    expect(a.derivatives.map((d) => d.path)).toEqual(b.derivatives.map((d) => d.path))

    const original = asset(media.similarOriginal)
    const resized = asset(media.similarResized)
    const unrelated = asset(media.unrelatedImage)
    expect(original.similar).toContain(resized.id)
    expect(resized.similar).toContain(original.id)
    expect(original.similar).not.toContain(unrelated.id)
  })

  it('leaves nothing half-written in the cache', () => {
    expect(readdirSync(`${core.paths.cacheDir}/tmp`)).toEqual([])
  })
})

describe('a file deleted while it waits in the queue', () => {
  it('fails alone, saying the file is gone', async () => {
    const folder = tempDir('marquee-media-')
    const core = testCore()
    const files = await makeAllMedia(folder)
    await core.services.roots.add({ path: folder })
    await core.services.scan.scanMany(undefined)
    core.services.jobs.queueDiscovered()
    rmSync(files.landscapeVideo)
    core.services.jobs.start()
    await core.services.jobs.idle()
    expect(assetAt(core, files.landscapeVideo)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/no longer there/),
    })
    expect(assetAt(core, files.portraitVideo).status).toBe('ready')
  }, 120_000)
})

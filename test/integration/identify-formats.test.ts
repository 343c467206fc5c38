import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { THUMBNAIL_SIZES } from '../../src/main/media/image-plan'
import type { Asset } from '../../src/shared/domain'
import {
  CONTAINERS,
  container,
  dngLike,
  flacBehindId3,
  mp3PaddedAfterId3,
  TIFF_VARIANTS,
  tiffVariants,
} from '../fixtures/formats'
import { coreAt, testCore } from '../support/core'
import { assetAt, derivativeFile, indexAndProcess } from '../support/processing'
import { startSshNas, sshfsAvailable, type SshNas } from '../support/sshfs'

// Files whose type needs more than their first bytes, processed once by a real core.
let core: Core
let scratch: string
let tiffs: Map<(typeof TIFF_VARIANTS)[number], string>
let dng: string
let flac: string
let mp3: string
const containers = new Map<(typeof CONTAINERS)[number], string>()

/** The WebP pyramid exists, each variant the image's size fitted into its box, never larger. */
function expectPyramid(core: Core, a: Asset): void {
  expect(a.derivatives.map((d) => d.variant).sort()).toEqual(
    expect.arrayContaining(['large', 'medium', 'small']),
  )
  for (const variant of ['small', 'medium', 'large'] as const) {
    const d = a.derivatives.find((x) => x.variant === variant)!
    const long = Math.min(THUMBNAIL_SIZES[variant], Math.max(a.width!, a.height!))
    expect(Math.max(d.width!, d.height!), `${a.name} ${variant}`).toBe(long)
    expect(d.width! >= d.height!, `${a.name} ${variant}`).toBe(a.width! >= a.height!)
    expect(existsSync(derivativeFile(core, a, variant))).toBe(true)
  }
}

/** Mean of each channel of a derivative, decoded to 8-bit RGB. */
async function meanColour(path: string): Promise<{ r: number; g: number; b: number }> {
  const { channels } = await sharp(path).removeAlpha().stats()
  return { r: channels[0]!.mean, g: channels[1]!.mean, b: channels[2]!.mean }
}

describe('identifying and processing files whose type is not in their first bytes', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'marquee-formats-'))
    const folder = join(scratch, 'media')
    tiffs = await tiffVariants(join(folder, 'tiff'))
    dng = await dngLike(folder)
    flac = await flacBehindId3(folder)
    mp3 = await mp3PaddedAfterId3(folder)
    for (const which of CONTAINERS) containers.set(which, await container(folder, which))
    core = coreAt(join(scratch, 'data'))
    await core.services.roots.add({ path: folder })
    await indexAndProcess(core)
  }, 180_000)
  afterAll(async () => {
    await core?.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  it.each(TIFF_VARIANTS.map((variant) => [variant.about, variant] as const))(
    'identifies a TIFF (%s) and makes its thumbnails',
    (_, variant) => {
      const a = assetAt(core, tiffs.get(variant)!)
      expect(a.status, `${a.name}: ${a.error}`).toBe('ready')
      expect(a).toMatchObject({ type: 'image', mime: 'image/tiff' })
      expect(a.metadata.identify).toMatchObject({ mime: 'image/tiff', extensionMatches: true })
      expect([a.width, a.height]).toEqual([variant.width, variant.height])
      expect(a.orientation).toBe(variant.width > variant.height ? 'landscape' : 'portrait')
      expect(a.phash).toMatch(/^[0-9a-f]{16}$/)
      expectPyramid(core, a)
    },
  )

  it('shows the first page of a multi-page TIFF', async () => {
    const multipage = TIFF_VARIANTS.find((v) => v.file === 'multipage.tif')!
    const small = derivativeFile(core, assetAt(core, tiffs.get(multipage)!), 'small')
    const { r, b } = await meanColour(small)
    expect(r).toBeGreaterThan(150)
    expect(b).toBeLessThan(90)
  })

  it('reads the samples of big-endian TIFFs in their byte order', async () => {
    for (const file of ['big-endian.tif', 'big-endian-16bit.tif']) {
      const variant = TIFF_VARIANTS.find((v) => v.file === file)!
      const large = derivativeFile(core, assetAt(core, tiffs.get(variant)!), 'large')
      const { data, info } = await sharp(large).raw().toBuffer({ resolveWithObject: true })
      const at = (x: number, y: number, c: number) =>
        data[(y * info.width + x) * info.channels + c]!
      const [right, bottom] = [info.width - 2, info.height - 2]
      // Red rises left to right, green top to bottom: swapped bytes would scatter both.
      expect(at(1, 1, 0), file).toBeLessThan(8)
      expect(at(right, 1, 0), file).toBeGreaterThan(247)
      expect(at(1, bottom, 1), file).toBeGreaterThan(247)
    }
  })

  it('identifies a DNG by the tag in its directory and shows its embedded preview', () => {
    const a = assetAt(core, dng)
    expect(a.status, `${a.name}: ${a.error}`).toBe('ready')
    expect(a).toMatchObject({ type: 'image', mime: 'image/x-adobe-dng', width: 400, height: 300 })
    expect(a.metadata.identify).toMatchObject({ extensionMatches: true })
    expectPyramid(core, a)
  })

  it('finds a FLAC behind an ID3 tag longer than the first bytes', () => {
    const a = assetAt(core, flac)
    expect(a.status, `${a.name}: ${a.error}`).toBe('ready')
    expect(a).toMatchObject({ type: 'audio', mime: 'audio/flac' })
    expect(a.metadata.identify).toMatchObject({ extensionMatches: true })
    expect(a.durationMs).toBeGreaterThan(900)
  })

  it('keeps an MP3 an MP3 when padding sits between its ID3 tag and its audio', () => {
    const a = assetAt(core, mp3)
    expect(a.status, `${a.name}: ${a.error}`).toBe('ready')
    expect(a).toMatchObject({ type: 'audio', mime: 'audio/mpeg' })
    expect(a.durationMs).toBeGreaterThan(900)
  })

  it.each(CONTAINERS.map((which) => [which.file, which] as const))(
    'still identifies %s by its first bytes',
    (_, which) => {
      const a = assetAt(core, containers.get(which)!)
      expect(a.status, `${a.name}: ${a.error}`).toBe('ready')
      expect(a).toMatchObject({ type: 'video', mime: which.mime, width: 160, height: 120 })
      expect(a.metadata.identify).toMatchObject({ extensionMatches: true })
      expectPyramid(core, a)
    },
  )
})

// CI installs sshfs and openssh-server; a developer machine without them skips, CI must not.
const nasAvailable = sshfsAvailable()
if (!nasAvailable && process.env.CI)
  throw new Error('The NAS tests need sshfs, openssh-server and /dev/fuse.')

const nases: SshNas[] = []
afterEach(() => {
  for (const nas of nases.splice(0)) nas.stop()
})

describe.skipIf(!nasAvailable)('identifying files on a NAS', () => {
  it('reads where the format points through the reader threads, as on a local disk', async () => {
    const nas = await startSshNas()
    nases.push(nas)
    for (const file of ['lzw-rgb.tif', 'big-endian-16bit.tif', 'multipage.tif'])
      await TIFF_VARIANTS.find((v) => v.file === file)!.write(join(nas.exportDir, file))
    await dngLike(nas.exportDir)
    await flacBehindId3(nas.exportDir)

    const core = testCore()
    const root = await core.services.roots.add({ path: nas.mountPoint })
    expect(root.kind).toBe('network')
    await indexAndProcess(core)
    const mime = (name: string) => {
      const a = assetAt(core, join(nas.mountPoint, name))
      expect(a.status, `${name}: ${a.error}`).toBe('ready')
      return a.mime
    }
    expect(mime('lzw-rgb.tif')).toBe('image/tiff')
    expect(mime('big-endian-16bit.tif')).toBe('image/tiff')
    expect(mime('multipage.tif')).toBe('image/tiff')
    expect(mime('camera.dng')).toBe('image/x-adobe-dng')
    expect(mime('tagged.flac')).toBe('audio/flac')
  })
})

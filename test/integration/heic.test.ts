import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { hamming } from '../../src/main/media/hamming'
import { HEIC_DIR, HEIC_FIXTURES, picture, type HeicFixture } from '../fixtures/heic/pictures'
import { assetAt, derivativeFile, indexAndProcess } from '../support/processing'
import { coreAt } from '../support/core'

// The committed HEIC files (test/fixtures/heic), each beside a PNG of the same picture made
// afresh, an AVIF made by sharp, and a HEIC whose header claims 300 megapixels; one library,
// processed once by the real core.
let scratch: string
let media: string
let core: Core
const AVIF = { file: 'photo.avif', width: 300, height: 200, seed: 44 }

describe('HEIC and AVIF photos', () => {
  beforeAll(async () => {
    // Not tempDir(): that one is removed after the first test.
    scratch = mkdtempSync(join(tmpdir(), 'marquee-heic-'))
    media = join(scratch, 'media')
    mkdirSync(media)
    for (const fixture of HEIC_FIXTURES) {
      copyFileSync(join(HEIC_DIR, fixture.file), join(media, fixture.file))
      await (await picture(fixture)).png().toFile(join(media, png(fixture.file)))
    }
    const avif = await photoAvif()
    await avif.png().toFile(join(media, png(AVIF.file)))
    await avif.avif({ quality: 70 }).toFile(join(media, AVIF.file))
    writeFileSync(join(media, 'bomb.heic'), withSize(readFixture('single.heic'), 20_000, 15_000))
    core = coreAt(join(scratch, 'data'))
    await core.services.roots.add({ path: media })
    await indexAndProcess(core)
  }, 120_000)
  afterAll(async () => {
    await core?.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  const asset = (name: string) => assetAt(core, join(media, name))

  it.each(HEIC_FIXTURES.map((f) => [f.file, f] as const))(
    'decodes %s whole, as shown, into the full pyramid',
    async (_, fixture) => {
      const a = asset(fixture.file)
      expect(a.status, `${a.relPath}: ${a.error}`).toBe('ready')
      expect(a.mime).toBe('image/heic')
      expect([a.width, a.height]).toEqual([fixture.width, fixture.height])
      expect(a.orientation).toBe(fixture.width > fixture.height ? 'landscape' : 'portrait')
      const sizes = Object.fromEntries(a.derivatives.map((d) => [d.variant, [d.width, d.height]]))
      const long = Math.max(fixture.width, fixture.height)
      const small = Math.round((200 * Math.min(fixture.width, fixture.height)) / long)
      expect(sizes).toEqual({
        small: fixture.width > fixture.height ? [200, small] : [small, 200],
        medium: [fixture.width, fixture.height],
        large: [fixture.width, fixture.height],
      })
      for (const d of a.derivatives)
        expect(existsSync(derivativeFile(core, a, d.variant))).toBe(true)
      // Every pixel where the picture has it: a tile missing, misplaced or turned would not be.
      const reference = await (await picture(fixture)).raw().toBuffer()
      const large = await sharp(derivativeFile(core, a, 'large'))
        .removeAlpha()
        .raw()
        .toBuffer()
      expect(meanDifference(large, reference)).toBeLessThan(6)
    },
  )

  it('hashes each HEIC as its PNG, within 2 bits', () => {
    for (const fixture of HEIC_FIXTURES) {
      const heic = asset(fixture.file)
      const twin = asset(png(fixture.file))
      expect(twin.status).toBe('ready')
      expect(hamming(BigInt(`0x${heic.phash}`), BigInt(`0x${twin.phash}`))).toBeLessThanOrEqual(2)
      expect(twin.similar).toContain(heic.id)
    }
  })

  it('turns an iPhone-style HEIC once: irot applied, its EXIF Orientation 6 not again', async () => {
    const rotated = HEIC_FIXTURES.find((f) => f.layout === 'rotated')!
    const a = asset(rotated.file)
    // The file says it twice, as iPhones do: stored 320×240, `irot` and EXIF both a quarter turn.
    expect(a.metadata.exif).toMatchObject({ Orientation: 6, ImageWidth: 320, ImageHeight: 240 })
    expect([a.width, a.height]).toEqual([rotated.width, rotated.height])
  })

  it('decodes AVIF (HEIF with AV1) with sharp, as before', () => {
    const a = asset(AVIF.file)
    expect(a.status, `${a.relPath}: ${a.error}`).toBe('ready')
    expect([a.width, a.height]).toEqual([AVIF.width, AVIF.height])
    const twin = asset(png(AVIF.file))
    expect(hamming(BigInt(`0x${a.phash}`), BigInt(`0x${twin.phash}`))).toBeLessThanOrEqual(2)
  })

  it('refuses a HEIC that claims 300 megapixels before decoding it', () => {
    const a = asset('bomb.heic')
    expect(a.status).toBe('failed')
    expect(a.error).toContain('This image is 20000×15000 (300 megapixels)')
  })

  it('exports a HEIC as the profile image: WebP for fhd-h264, JPEG for fhd-h264-jpeg', async () => {
    const rotated = HEIC_FIXTURES.find((f) => f.layout === 'rotated')!
    const id = asset(rotated.file).id
    const reference = await (await picture(rotated)).raw().toBuffer()
    for (const [profile, mime, format] of [
      ['fhd-h264', 'image/webp', 'webp'],
      ['fhd-h264-jpeg', 'image/jpeg', 'jpeg'],
    ] as const) {
      const out = join(scratch, 'usb', profile)
      const result = await core.services.exports.run({ source: { assetIds: [id] }, profile, out })
      expect(result.objects).toBe(1)
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
      const object = manifest.media[0]
      expect(object).toMatchObject({ mime, width: 240, height: 320, handling: 'converted' })
      const file = sharp(join(out, object.object))
      expect(await file.metadata()).toMatchObject({ format, width: 240, height: 320 })
      expect(meanDifference(await file.removeAlpha().raw().toBuffer(), reference)).toBeLessThan(6)
    }
  })
})

const png = (name: string) => name.replace(/\.\w+$/, '.png')

function readFixture(name: string): Buffer {
  return readFileSync(join(HEIC_DIR, name))
}

async function photoAvif() {
  const fixture: HeicFixture = { ...AVIF, layout: 'single' }
  return sharp(await (await picture(fixture)).png().toBuffer())
}

/** The file with its `ispe` (the image's stored size) rewritten: a header that lies. */
function withSize(file: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(file)
  const at = copy.indexOf('ispe', 0, 'latin1')
  if (at < 0) throw new Error('no ispe box')
  copy.writeUInt32BE(width, at + 8)
  copy.writeUInt32BE(height, at + 12)
  return copy
}

/** Mean absolute difference per sample, 0–255, of two same-sized RGB pictures. */
function meanDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length)
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!)
  return sum / a.length
}

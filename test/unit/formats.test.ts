import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extensionMatchesMime, mediaTypeForMime } from '../../src/main/media/file-kind'
import { FORMAT_BY_EXTENSION, MEDIA_FORMATS } from '../../src/main/media/formats'
import { MEDIA_EXTENSIONS, mediaTypeOf } from '../../src/main/scan/media-types'
import { mediaContentHeaders } from '../../src/main/transport/content-type'
import { testCore } from '../support/core'
import { tempDir } from '../support/temp'

const allExtensions = MEDIA_FORMATS.flatMap((format) => format.extensions)
const scannerExtensions = Object.values(MEDIA_EXTENSIONS).flat()

/** A root holding one small file per name, and a GET through the real media route. */
async function serving(names: string[]) {
  const core = testCore()
  const media = tempDir('marquee-formats-')
  for (const name of names) writeFileSync(join(media, name), 'bytes')
  const root = await core.services.roots.add({ path: media })
  return (name: string) =>
    core.media(new Request(`http://127.0.0.1:1/media/root/${root.id}/${encodeURIComponent(name)}`))
}

describe('the format table', () => {
  it('gives every extension to one format only, in lower case without a dot', () => {
    expect(new Set(allExtensions).size).toBe(allExtensions.length)
    for (const ext of allExtensions) expect(ext).toMatch(/^[a-z0-9]+$/)
    expect(FORMAT_BY_EXTENSION.size).toBe(allExtensions.length)
  })

  it('lists each alias once and never the canonical MIME type again', () => {
    for (const format of MEDIA_FORMATS) {
      expect(new Set(format.aliases).size, format.name).toBe(format.aliases.length)
      expect(format.aliases, format.name).not.toContain(format.mime)
    }
  })

  it('marks what Chromium shows natively and what needs a derivative', () => {
    const safe = (ext: string) => FORMAT_BY_EXTENSION.get(ext)?.browserSafe
    for (const ext of ['jpg', 'png', 'gif', 'webp', 'avif', 'svg', 'mp4', 'webm', 'mp3', 'm4a']) {
      expect(safe(ext), ext).toBe(true)
    }
    for (const ext of ['heic', 'tif', 'cr2', 'nef', 'dng', 'arw', 'avi', 'mkv', 'mts', 'pdf']) {
      expect(safe(ext), ext).toBe(false)
    }
  })
})

describe('the scanner, identify and the media route agree', () => {
  it('indexes exactly the extensions of the table, each with its type and a MIME type', () => {
    expect([...scannerExtensions].sort()).toEqual([...allExtensions].sort())
    for (const ext of scannerExtensions) {
      const format = FORMAT_BY_EXTENSION.get(ext)
      expect(format?.mime, ext).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/)
      expect(mediaTypeOf(`clip.${ext.toUpperCase()}`), ext).toBe(format?.type)
    }
  })

  it('processes every canonical MIME type as the type the scanner gave its extensions', () => {
    for (const format of MEDIA_FORMATS) {
      expect(mediaTypeForMime(format.mime), format.name).toBe(format.type)
      for (const ext of format.extensions) {
        expect(mediaTypeOf(`a.${ext}`), ext).toBe(mediaTypeForMime(format.mime))
      }
    }
  })

  it('accepts, for each extension, its canonical MIME type and every alias', () => {
    for (const format of MEDIA_FORMATS) {
      for (const ext of format.extensions) {
        for (const mime of [format.mime, ...format.aliases]) {
          expect(extensionMatchesMime(ext, mime), `.${ext} holding ${mime}`).toBe(true)
        }
      }
    }
  })

  it('processes every MIME type a format may be reported as, except the XML that SVG is sniffed from', () => {
    const refused = MEDIA_FORMATS.flatMap((format) => [format.mime, ...format.aliases]).filter(
      (mime) => mediaTypeForMime(mime) === null,
    )
    expect(refused).toEqual(['application/xml'])
  })

  it('serves every extension of the table with its canonical MIME type', () => {
    for (const format of MEDIA_FORMATS) {
      for (const ext of format.extensions) {
        expect(mediaContentHeaders(`/lib/Show.${ext.toUpperCase()}`)['Content-Type'], ext).toBe(
          format.mime,
        )
      }
    }
  })

  it.each([
    ['clip.avi', 'video/x-msvideo'],
    ['camcorder.MTS', 'video/mp2t'],
    ['camcorder.m2ts', 'video/mp2t'],
    ['canon.cr2', 'image/x-canon-cr2'],
    ['nikon.NEF', 'image/x-nikon-nef'],
    ['adobe.dng', 'image/x-adobe-dng'],
    ['sony.arw', 'image/x-sony-arw'],
    ['phone.heic', 'image/heic'],
    ['scan.tif', 'image/tiff'],
    ['show.mkv', 'video/x-matroska'],
    ['voice.opus', 'audio/ogg'],
    ['menu.pdf', 'application/pdf'],
  ])('serves %s through the media route as %s, not as opaque bytes', async (name, mime) => {
    const get = await serving([name])
    const response = await get(name)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(mime)
    expect(response.headers.get('content-security-policy')).toBeNull()
  })

  it('serves pages and scripts found in a library as opaque bytes, never as something to run', async () => {
    const get = await serving(['welcome.html', 'player.js', 'notes.txt'])
    for (const name of ['welcome.html', 'player.js', 'notes.txt']) {
      const response = await get(name)
      expect(response.headers.get('content-type'), name).toBe('application/octet-stream')
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff')
    }
  })

  it('serves SVG as an image, sandboxed so that opening it as a page runs no script', async () => {
    const get = await serving(['logo.svg'])
    const response = await get('logo.svg')
    expect(response.headers.get('content-type')).toBe('image/svg+xml')
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toContain('sandbox')
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('script-src')
  })
})

import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { makePdf } from '../fixtures/pdf'
import { testCore } from '../support/core'
import { assetAt, derivativeFile, indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

const saved = { ...process.env }
afterEach(() => {
  for (const key of ['PDFTOPPM_PATH', 'PDFINFO_PATH']) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
})

async function processFolder(files: Record<string, Buffer>) {
  const folder = tempDir('marquee-pdf-')
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes)
  const core = testCore()
  await core.services.roots.add({ path: folder })
  await indexAndProcess(core)
  return { core, at: (name: string) => assetAt(core, join(folder, name)) }
}

describe('PDF documents', () => {
  it('get a WebP pyramid of page 1, a page count, page 1 size and text metadata', async () => {
    const { core, at } = await processFolder({
      'menu.pdf': makePdf({
        title: 'Lunch menu',
        author: 'Kitchen',
        creator: 'Hand',
        producer: 'marquee tests',
        created: 'D:20240102030405Z',
      }),
      'banner.pdf': makePdf({ pages: [{ width: 300, height: 100 }] }),
    })
    const menu = at('menu.pdf')
    expect(menu.status, menu.error ?? '').toBe('ready')
    expect(menu.type).toBe('document')
    expect(menu.mime).toBe('application/pdf')
    // A4 (595 × 842 pt) rendered with a 1920 px long edge.
    expect(menu.height).toBe(1920)
    expect(Math.abs(menu.width! - 1357)).toBeLessThanOrEqual(1)
    expect(menu.orientation).toBe('portrait')
    expect(menu.metadata.pdf).toEqual({
      pages: 2,
      title: 'Lunch menu',
      author: 'Kitchen',
      creator: 'Hand',
      producer: 'marquee tests',
      created: '2024-01-02T03:04:05Z',
      pageSize: { width: 595, height: 842, name: 'A4' },
    })
    expect(menu.derivatives.map((d) => d.variant).sort()).toEqual(['large', 'medium', 'small'])
    const large = menu.derivatives.find((d) => d.variant === 'large')!
    expect(Math.max(large.width!, large.height!)).toBe(1920)
    const meta = await sharp(derivativeFile(core, menu, 'small')).metadata()
    expect(meta.format).toBe('webp')
    expect(Math.max(meta.width!, meta.height!)).toBe(200)
    // The drawing is there: not a blank page.
    const stats = await sharp(derivativeFile(core, menu, 'small')).stats()
    expect(stats.channels[0]!.stdev).toBeGreaterThan(10)
    expect(menu.phash).toBeTruthy()

    const banner = at('banner.pdf')
    expect(banner.status, banner.error ?? '').toBe('ready')
    expect([banner.width, banner.height]).toEqual([1920, 640])
    expect(banner.orientation).toBe('landscape')
    expect((banner.metadata.pdf as { pages: number }).pages).toBe(1)
  }, 60_000)

  it('a corrupt PDF fails with a readable sentence', async () => {
    const { at } = await processFolder({
      'broken.pdf': Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\nnot a pdf at all\n'),
    })
    const broken = at('broken.pdf')
    expect(broken.status).toBe('failed')
    expect(broken.error).toMatch(/^This PDF cannot be read \(pdfinfo exited with code 1: .+\)\.$/)
  }, 30_000)

  it('without pdftoppm, the failure names poppler-utils', async () => {
    process.env.PDFTOPPM_PATH = join(tempDir('marquee-nopoppler-'), 'pdftoppm')
    const { at } = await processFolder({ 'menu.pdf': makePdf() })
    const menu = at('menu.pdf')
    expect(menu.status).toBe('failed')
    expect(menu.error).toContain(
      'PDF thumbnails need poppler-utils: sudo apt-get install poppler-utils / brew install poppler',
    )
    expect(existsSync(process.env.PDFTOPPM_PATH)).toBe(false)
  }, 60_000)
})

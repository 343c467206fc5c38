/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page, Request } from '@playwright/test'
import { inboxFolder } from '../../src/main/services/import-plan'
import { photoLike } from '../fixtures/media-tools'
import { makeLibrary, openGallery } from './gallery-library'
import { expect, screenshotPath, test } from './serve-fixture'

// Serve mode's uploads (issue 11): duplicates are said before any byte moves.

type Dropped = { name: string; bytes?: number[]; hugeMiB?: number }

/** Drops files made in the page on the gallery, as a file manager's drag would. */
async function drop(page: Page, files: Dropped[]): Promise<void> {
  await page.evaluate((list) => {
    const transfer = new DataTransfer()
    for (const f of list) {
      let parts: BlobPart[]
      if (f.hugeMiB) {
        // One 4 MiB block many times over: a file that takes a while to hash, in little memory.
        const block = new Blob([new Uint8Array(4 * 1024 * 1024).fill(7)])
        parts = Array.from({ length: f.hugeMiB / 4 }, () => block)
      } else parts = [new Uint8Array(f.bytes!)]
      transfer.items.add(new File(parts, f.name, { lastModified: 1_700_000_000_000 }))
    }
    const zone = document.querySelector('.drop-zone')!
    for (const type of ['dragenter', 'dragover', 'drop'])
      zone.dispatchEvent(
        new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }),
      )
  }, files)
}

/** The file names of the tus uploads the page creates (POST), and how many PATCHes it sends. */
function watchUploads(page: Page): { created: string[]; patches: () => number } {
  const created: string[] = []
  let patches = 0
  page.on('request', (request: Request) => {
    if (!new URL(request.url()).pathname.startsWith('/upload')) return
    if (request.method() === 'PATCH') patches++
    if (request.method() !== 'POST') return
    const metadata = request.headers()['upload-metadata'] ?? ''
    const filename = /(?:^|,)filename ([^,]+)/.exec(metadata)?.[1]
    created.push(filename ? Buffer.from(filename, 'base64').toString() : '?')
  })
  return { created, patches: () => patches }
}

test.describe('uploads in a browser on serve mode', () => {
  let media: string
  let root: string
  // Each test imports into the library: each gets its own.
  test.beforeEach(async () => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-upload-'))
    root = await makeLibrary(media)
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('says which files are in the library already before uploading, and uploads only the rest', async ({
    page,
    marquee,
  }) => {
    await openGallery(page, marquee, root)
    const uploads = watchUploads(page)
    const panel = page.getByTestId('import-panel')

    // A large drop is hashed in the page first; it can be cancelled before anything moves.
    await drop(page, [{ name: 'huge.mp4', hugeMiB: 8192 }])
    const checking = page.getByTestId('import-checking')
    await expect(checking).toContainText(/Checking for duplicates… 0 of 1/)
    await expect(checking).toContainText(/B of 8\.6 GB read/)
    await page.screenshot({ path: screenshotPath('upload-dedup-checking') })
    await checking.getByRole('button', { name: 'Cancel' }).click()
    await expect(checking).toBeHidden()

    const fresh = [...(await (await photoLike(320, 200, 4242)).png().toBuffer())]
    const known = [...readFileSync(join(root, 'Lobby', 'lobby-1.png'))]
    await drop(page, [
      { name: 'copy-of-lobby.png', bytes: known },
      { name: 'new-poster.png', bytes: fresh },
      { name: 'new-poster-twin.png', bytes: fresh },
    ])
    await expect(panel).toContainText('1 imported', { timeout: 20_000 })
    await expect(panel).toContainText('2 duplicates skipped')
    await panel.getByTestId('import-summary').getByText('Already in the library').click()
    const duplicates = panel.getByTestId('import-duplicate')
    await expect(duplicates.filter({ hasText: 'copy-of-lobby.png' })).toContainText(
      `already in ${join(root, 'Lobby', 'lobby-1.png')}`,
    )
    await expect(duplicates.filter({ hasText: 'new-poster-twin.png' })).toContainText(
      `already in ${join(root, inboxFolder('Inbox', new Date()), 'new-poster.png')}`,
    )
    await page.screenshot({ path: screenshotPath('upload-dedup-summary') })
    // Only the new file was ever uploaded: the library's copy and the twin never left the page.
    expect(uploads.created).toEqual(['new-poster.png'])
    expect(uploads.patches()).toBe(1)
  })
})

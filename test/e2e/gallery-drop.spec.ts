/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { photoLike } from '../fixtures/media-tools'
import { count, makeLibrary, openGallery, TOTAL } from './gallery-library'
import { expect, screenshotPath, test } from './serve-fixture'

test.describe('dropping files on the gallery', () => {
  let media: string
  let root: string
  test.beforeAll(async () => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-drop-'))
    root = await makeLibrary(media)
  })
  test.afterAll(() => rmSync(media, { recursive: true, force: true }))

  test('imports a new file into the inbox, skips one already there, and shows them', async ({
    page,
    marquee,
  }) => {
    await openGallery(page, marquee, root)
    const fresh = [...(await (await photoLike(320, 200, 999)).png().toBuffer())]
    const known = [...readFileSync(join(root, 'Lobby', 'lobby-1.png'))]
    await page.evaluate(
      ({ fresh, known }) => {
        const files = new DataTransfer()
        files.items.add(new File([new Uint8Array(fresh)], 'new-poster.png', { type: 'image/png' }))
        files.items.add(new File([new Uint8Array(known)], 'copy.png', { type: 'image/png' }))
        const zone = document.querySelector('.drop-zone')!
        for (const type of ['dragenter', 'dragover', 'drop'])
          zone.dispatchEvent(
            new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: files }),
          )
      },
      { fresh, known },
    )
    const panel = page.getByTestId('import-panel')
    await expect(panel).toContainText('1 imported', { timeout: 20_000 })
    await expect(panel).toContainText('1 duplicate skipped')
    await expect(count(page)).toHaveText(`${TOTAL + 1} items`, { timeout: 20_000 })
    await page.screenshot({ path: screenshotPath('gallery-drop-summary') })

    await panel.getByRole('button', { name: 'Show in gallery' }).click()
    await expect(page).toHaveURL(/#\/library\?root=\d+&folder=Inbox$/)
    await expect(count(page)).toHaveText('1 item')
    await expect(page.getByTestId('gallery-item').first()).toHaveAttribute(
      'aria-label',
      /new-poster\.png/,
    )
  })
})

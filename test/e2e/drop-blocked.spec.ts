/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test } from './serve-fixture'

/**
 * Drags a file over `selector` and drops it, as the OS would; answers whether the page took the
 * drop (cancelled the event), which is what keeps the browser from opening the file instead.
 */
async function dragFile(page: Page, selector: string, phase: 'hover' | 'drop'): Promise<boolean> {
  return page.evaluate(
    ({ selector, phase }) => {
      const files = new DataTransfer()
      files.items.add(new File([new Uint8Array([1, 2, 3])], 'promo.png', { type: 'image/png' }))
      const zone = document.querySelector(selector)!
      const types = phase === 'hover' ? ['dragenter', 'dragover'] : ['drop']
      let taken = true
      for (const type of types) {
        const event = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: files })
        zone.dispatchEvent(event)
        taken &&= event.defaultPrevented
      }
      return taken
    },
    { selector, phase },
  )
}

test.describe('a drop when no library folder can take files', () => {
  let media: string
  test.beforeAll(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-drop-blocked-'))
  })
  test.afterAll(() => rmSync(media, { recursive: true, force: true }))

  test('with no folder yet, the drop is taken and the page says to add a folder', async ({
    page,
    marquee,
  }) => {
    await page.goto(marquee.url)
    await expect(page.getByRole('heading', { name: 'Add a folder' })).toBeVisible()
    expect(await dragFile(page, '.drop-zone', 'hover')).toBe(true)
    const zone = page.getByTestId('import-drop-zone')
    await expect(zone).toContainText('Nothing can be imported now')
    await expect(zone).toContainText('There is no library folder yet')
    await page.screenshot({ path: screenshotPath('import-blocked-no-folder-hover') })

    expect(await dragFile(page, '.drop-zone', 'drop')).toBe(true)
    const refusal = page.getByTestId('import-refusal')
    await expect(refusal).toContainText('Nothing was imported')
    await expect(refusal).toContainText('Add a folder below first')
    await expect(zone).not.toContainText('Nothing can be imported now')
    await page.screenshot({ path: screenshotPath('import-blocked-no-folder') })
    // Still the app: the browser did not open the file.
    expect(new URL(page.url()).pathname).toBe('/')

    // Outside any drop zone (the sidebar), the page still takes the drop and does nothing.
    expect(await dragFile(page, 'nav', 'drop')).toBe(true)
  })

  test('with every folder offline, the drop is taken and the page says to reconnect', async ({
    page,
    marquee,
  }) => {
    const folder = join(media, 'NAS Lobby')
    mkdirSync(folder)
    writeFileSync(join(folder, 'poster.png'), await (await photoLike(160, 100, 3)).png().toBuffer())
    const indexed = await marquee.cli('index', folder, '--wait', '--json')
    expect(indexed.code, indexed.stderr).toBe(0)
    renameSync(folder, `${folder} (away)`)
    await marquee.cli('scan', '--json')
    await page.goto(marquee.url)
    await expect(page.getByTestId('gallery-count')).toHaveText('1 item', { timeout: 20_000 })

    expect(await dragFile(page, '.drop-zone', 'hover')).toBe(true)
    const zone = page.getByTestId('import-drop-zone')
    await expect(zone).toHaveAttribute('data-blocked', 'true')
    await expect(zone).toContainText('Every library folder is offline (NAS Lobby)')
    await expect(zone).toContainText('Reconnect the')
    await page.screenshot({ path: screenshotPath('import-blocked-offline-hover') })

    expect(await dragFile(page, '.drop-zone', 'drop')).toBe(true)
    const refusal = page.getByTestId('import-refusal')
    await expect(refusal).toContainText(
      'Nothing was imported: Every library folder is offline (NAS Lobby)',
    )
    await page.screenshot({ path: screenshotPath('import-blocked-offline') })

    // Back again: the same drop zone takes files into the inbox.
    renameSync(`${folder} (away)`, folder)
    await marquee.cli('scan', '--json')
    await expect(zone).not.toHaveAttribute('data-blocked', 'true', { timeout: 15_000 })
    expect(await dragFile(page, '.drop-zone', 'hover')).toBe(true)
    await expect(zone).toContainText('into NAS Lobby › Inbox')
  })
})

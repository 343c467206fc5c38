/// <reference lib="dom" />
// The Collections view: playlists and albums, and a playlist's page, driven as an operator would.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

const NAMES = ['welcome.png', 'menu.png', 'offers.png', 'gone.png']

/** Four images in a playlist "Lobby", the last one deleted from disk (so: missing). */
async function lobby(marquee: Marquee, media: string): Promise<void> {
  const paths: string[] = []
  for (const [i, name] of NAMES.entries()) {
    const path = await outPath(media, name)
    await (await photoLike(480, 270, 30 + i)).png().toFile(path)
    paths.push(path)
  }
  const run = async (...args: string[]) => {
    const result = await marquee.cli(...args)
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
  }
  await run('index', media, '--wait')
  await run('playlist', 'create', 'Lobby')
  await run('playlist', 'add', 'Lobby', ...paths)
  rmSync(paths[3]!)
  await run('scan')
}

const rows = (page: Page) => page.getByTestId('collection-item')
const names = (page: Page) => rows(page).locator('td.cell-name')
const summary = (page: Page) => page.getByTestId('collection-summary')

test.describe('collections', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-collections-'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('creates, renames and deletes playlists, saying what a playlist holds first', async ({
    page,
    marquee,
  }) => {
    await lobby(marquee, media)
    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections`)
    const playlists = page.getByTestId('playlist-list')
    await expect(playlists.getByTestId('collection-row')).toHaveCount(1)
    await expect(playlists.getByTestId('collection-row')).toContainText('Lobby')
    await expect(playlists.getByTestId('collection-row')).toContainText('40 s')

    await playlists.getByLabel('New playlist name').fill('Foyer')
    await playlists.getByRole('button', { name: 'Create playlist' }).click()
    await expect(playlists.getByTestId('collection-row')).toHaveCount(2)
    await page.getByTestId('album-list').getByLabel('New album name').fill('Summer')
    await page.getByRole('button', { name: 'Create album' }).click()
    await expect(page.getByTestId('album-list').getByTestId('collection-row')).toHaveCount(1)

    await playlists.getByRole('button', { name: 'Rename Foyer' }).click()
    const rename = playlists.getByLabel('New name for Foyer')
    await rename.fill('Lobby')
    await rename.press('Enter')
    await expect(page.getByRole('alert')).toContainText('already a playlist called "Lobby"')
    await rename.fill('Entrance')
    await rename.press('Enter')
    await expect(playlists.getByRole('link', { name: 'Entrance' })).toBeVisible()
    await page.screenshot({ path: screenshotPath('collections-list') })

    await playlists.getByRole('button', { name: 'Delete Lobby' }).click()
    const dialog = page.getByTestId('delete-collection')
    await expect(dialog).toContainText('It holds 4 items (40 s running time)')
    await expect(dialog).toContainText('The media stay in the library')
    await page.screenshot({ path: screenshotPath('collections-delete') })
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(playlists.getByTestId('collection-row')).toHaveCount(2)
    await playlists.getByRole('button', { name: 'Delete Entrance' }).click()
    await dialog.getByRole('button', { name: 'Delete playlist' }).click()
    await expect(playlists.getByTestId('collection-row')).toHaveCount(1)
    await expect(playlists.getByTestId('collection-row')).toContainText('Lobby')
  })

  test('a playlist shows thumbnails, warns about a missing file, sets durations and reorders', async ({
    page,
    marquee,
  }) => {
    await lobby(marquee, media)
    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections`)
    await page.getByTestId('playlist-list').getByRole('link', { name: 'Lobby' }).click()
    await expect(page).toHaveURL(/#\/collections\?playlist=Lobby$/)
    await expect(names(page)).toHaveText(NAMES)
    await expect(summary(page)).toHaveText('Playlist · 4 items · 40 s running time')
    await expect(page.getByTestId('collection-warnings')).toContainText('1 item cannot be exported')
    await expect(rows(page).nth(3)).toContainText('Missing: the file is no longer in its folder')
    const thumb = rows(page).nth(0).locator('img')
    await expect(thumb).toHaveJSProperty('complete', true)
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)

    // One duration, then two at once.
    const duration = page.getByLabel('Duration of welcome.png in seconds')
    await duration.fill('4')
    await duration.press('Tab')
    await expect(summary(page)).toHaveText('Playlist · 4 items · 34 s running time')
    await page.getByLabel('Select menu.png').check()
    await page.getByLabel('Select offers.png').check()
    await page.getByLabel('Duration for the selected items, in seconds').fill('2.5')
    await page.getByRole('button', { name: 'Set duration' }).click()
    await expect(summary(page)).toHaveText('Playlist · 4 items · 19 s running time')
    await expect(page.getByLabel('Duration of offers.png in seconds')).toHaveValue('2.5')

    // Alt+↓ moves the focused row down and keeps focus on it; Alt+↑ brings it back.
    await rows(page).nth(0).focus()
    await page.keyboard.press('Alt+ArrowDown')
    await expect(names(page)).toHaveText(['menu.png', 'welcome.png', 'offers.png', 'gone.png'])
    await expect(rows(page).nth(1)).toBeFocused()
    await page.keyboard.press('Alt+ArrowDown')
    await expect(names(page)).toHaveText(['menu.png', 'offers.png', 'welcome.png', 'gone.png'])

    // Drag the last row to the top.
    await rows(page).nth(3).dragTo(rows(page).nth(0))
    await expect(names(page)).toHaveText(['gone.png', 'menu.png', 'offers.png', 'welcome.png'])
    await page.screenshot({ path: screenshotPath('collections-playlist') })

    // The order is the core's, not only the page's.
    const shown = await marquee.cli('playlist', 'show', 'Lobby', '--json')
    const stored = JSON.parse(shown.stdout) as { items: Array<{ name: string }> }
    expect(stored.items.map((i) => i.name)).toEqual([
      'gone.png',
      'menu.png',
      'offers.png',
      'welcome.png',
    ])

    await page.getByRole('button', { name: 'Remove gone.png' }).click()
    await expect(names(page)).toHaveText(['menu.png', 'offers.png', 'welcome.png'])
    await expect(page.getByTestId('collection-warnings')).toHaveCount(0)
    await expect(summary(page)).toHaveText('Playlist · 3 items · 9 s running time')
  })
})

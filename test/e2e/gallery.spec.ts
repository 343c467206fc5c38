/// <reference lib="dom" />
import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outPath, photoLike } from '../fixtures/media-tools'
import { columns, count, makeLibrary, openGallery, tile, tiles, TOTAL } from './gallery-library'
import { expect, screenshotPath, test } from './serve-fixture'

test.describe('the gallery', () => {
  let media: string
  let root: string
  test.beforeAll(async () => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-gallery-'))
    root = await makeLibrary(media)
  })
  test.afterAll(() => rmSync(media, { recursive: true, force: true }))

  test('shows every asset with its thumbnail, and each folder of the sidebar tree', async ({
    page,
    marquee,
  }) => {
    await openGallery(page, marquee, root)
    await expect(page).toHaveURL(/#\/library$/)
    const shown = await tiles(page).count()
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThanOrEqual(TOTAL)
    const image = tile(page, 0).locator('img')
    await expect(image).toHaveAttribute('loading', 'lazy')
    await expect(image).toHaveAttribute('decoding', 'async')
    await expect(image).toHaveAttribute('src', /\/media\/cache\/media\/.+\/medium\.webp$/)
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    await expect(tile(page, 0)).toHaveAttribute(
      'aria-label',
      /\.(png|jpg|mp4), (image|video), ready/,
    )
    // The scroll container is as tall as all the rows, not only those in the DOM.
    const grid = page.getByTestId('gallery')
    const cols = await columns(page)
    const rowHeight = await tile(page, 0).evaluate((t) => t.getBoundingClientRect().height)
    const height = await grid.evaluate((g) => g.scrollHeight)
    expect(height).toBeGreaterThanOrEqual(Math.ceil(TOTAL / cols) * rowHeight)
    await page.screenshot({ path: screenshotPath('gallery-browse') })

    await page.getByRole('button', { name: 'Show the folders in Signage' }).click()
    const lobby = page.getByTestId('folder-item').filter({ hasText: 'Lobby' })
    await expect(lobby).toContainText('22')
    await lobby.click()
    await expect(count(page)).toHaveText('22 items')
    await expect(page).toHaveURL(/#\/library\?root=\d+&folder=Lobby$/)
    await page.reload()
    await expect(count(page)).toHaveText('22 items')
    await page.getByRole('button', { name: 'Show the folders in Lobby' }).click()
    await page.getByTestId('folder-item').filter({ hasText: '2026' }).click()
    await expect(count(page)).toHaveText('6 items')
    await page.screenshot({ path: screenshotPath('gallery-folder') })

    // The folders themselves are managed on their own page; a root's old address still works.
    await page.getByRole('link', { name: /^Folders/ }).click()
    await expect(page.getByRole('heading', { name: 'Folders' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Signage', exact: true })).toBeVisible()
    await page.goto(`${marquee.origin}/#/library/1`)
    await expect(page).toHaveURL(/#\/folders\/1$/)
    await expect(page.getByTestId('index-stats')).toBeVisible()
  })

  test('plays a video’s preview on hover, and filters by type', async ({ page, marquee }) => {
    await openGallery(page, marquee, root)
    const type = page.getByRole('combobox', { name: 'Type' })
    await type.selectOption('video')
    await expect(count(page)).toHaveText('1 item')
    const video = tiles(page).first()
    await expect(video).toHaveAttribute('data-type', 'video')
    await expect(video.locator('.tile__duration')).toHaveText('0:03')
    await video.hover()
    await expect(video.locator('video')).toHaveAttribute('src', /preview\.mp4$/)
    await expect(video.locator('video')).toHaveJSProperty('muted', true)
    await page.screenshot({ path: screenshotPath('gallery-filter-video') })
    await type.selectOption('image')
    await expect(count(page)).toHaveText(`${TOTAL - 1} items`)
    await type.selectOption('')
    await expect(count(page)).toHaveText(`${TOTAL} items`)
  })

  test('zooms with the control and with + and −', async ({ page, marquee }) => {
    await openGallery(page, marquee, root)
    const width = () => tile(page, 0).evaluate((t) => t.getBoundingClientRect().width)
    const medium = await width()
    await page.getByRole('button', { name: 'Small tiles' }).click()
    await expect.poll(width).toBeLessThan(medium)
    await expect(tile(page, 0).locator('img')).toHaveAttribute('src', /small\.webp$/)
    await page.screenshot({ path: screenshotPath('gallery-zoom-small') })
    await tile(page, 0).click()
    await page.keyboard.press('+')
    await page.keyboard.press('+')
    await expect(page.getByRole('button', { name: 'Large tiles' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect.poll(width).toBeGreaterThan(medium)
    await expect(tile(page, 0).locator('img')).toHaveAttribute('src', /medium\.webp$/)
    await page.screenshot({ path: screenshotPath('gallery-zoom-large') })
    await page.keyboard.press('-')
    await expect(page.getByRole('button', { name: 'Medium tiles' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  })

  test('searches as you type', async ({ page, marquee }) => {
    await openGallery(page, marquee, root)
    await page.keyboard.press('/')
    const search = page.getByTestId('search')
    await expect(search).toBeFocused()
    await page.keyboard.type('board')
    await expect(count(page)).toHaveText('10 matches for “board”')
    for (const label of await tiles(page).evaluateAll((ts) =>
      ts.map((t) => t.getAttribute('aria-label')),
    ))
      expect(label).toMatch(/^menu-board-\d+\.png/)
    await page.screenshot({ path: screenshotPath('gallery-search') })
    await page.keyboard.press('Escape')
    await expect(count(page)).toHaveText(`${TOTAL} items`)
  })

  test('fills in live while the core scans and processes, with no reload', async ({
    page,
    marquee,
  }) => {
    await page.goto(marquee.url)
    await expect(page.getByTestId('add-folder-form')).toBeVisible()
    const indexing = marquee.cli('index', root)
    await expect(count(page)).toHaveText(`${TOTAL} items`, { timeout: 20_000 })
    await page.screenshot({ path: screenshotPath('gallery-live') })
    await expect(tile(page, 0).locator('img')).toHaveJSProperty('complete', true, {
      timeout: 30_000,
    })
    await expect
      .poll(
        () =>
          tiles(page).evaluateAll((ts) =>
            ts.every((t) => t.getAttribute('data-status') === 'ready' && t.querySelector('img')),
          ),
        { timeout: 60_000 },
      )
      .toBe(true)
    expect((await indexing).code).toBe(0)
  })

  test('groups by folder and by month under sticky headers, and justifies rows', async ({
    page,
    marquee,
  }) => {
    await openGallery(page, marquee, root)
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('folder')
    const headers = page.locator('.group-header:not(.group-header--sticky)')
    const sticky = page.locator('.group-header--sticky')
    // Newest first by default: folders in reverse order.
    await expect(headers.first()).toContainText('Signage/Menus11')
    await expect(page.getByRole('combobox', { name: 'Sort by' })).toBeDisabled()
    await page.getByRole('button', { name: /Descending/ }).click()
    await expect(headers.first()).toContainText('Signage/Lobby16')
    await expect(sticky).toContainText('Signage/Lobby16')
    await page.screenshot({ path: screenshotPath('gallery-group-folder') })
    // Scrolled to the end, the last group's name stays on top.
    await page.getByTestId('gallery').evaluate((g) => (g.scrollTop = g.scrollHeight))
    await expect(sticky).toContainText('Signage/Menus11')
    await page.screenshot({ path: screenshotPath('gallery-group-sticky') })
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('month')
    await expect(headers.first()).toContainText(String(TOTAL))
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('none')
    await expect(headers).toHaveCount(0)

    await page.getByRole('button', { name: 'Justified rows' }).click()
    const widths = await tiles(page).evaluateAll((ts) =>
      ts.map((t) => Math.round(t.getBoundingClientRect().width)),
    )
    expect(new Set(widths).size).toBeGreaterThan(1)
    await page.screenshot({ path: screenshotPath('gallery-justified') })
  })

  test('keeps showing thumbnails of a root that went offline, and says so', async ({
    page,
    marquee,
  }) => {
    const away = mkdtempSync(join(tmpdir(), 'marquee-e2e-away-'))
    const folder = join(away, 'Foyer')
    for (let i = 0; i < 4; i++) {
      const path = await outPath(folder, `foyer-${i + 1}.png`)
      await (await photoLike(480, 270, 70 + i)).png().toFile(path)
    }
    try {
      expect((await marquee.cli('index', folder, '--wait')).code).toBe(0)
      await page.goto(marquee.url)
      await page.getByTestId('root-item').filter({ hasText: 'Foyer' }).click()
      await expect(count(page)).toHaveText('4 items')
      renameSync(folder, `${folder} (unplugged)`)
      await marquee.cli('scan')
      await expect(page.getByTestId('gallery-offline')).toContainText('Foyer is offline')
      await expect(tile(page, 0)).toHaveAttribute('aria-label', /, offline$/)
      await expect(tile(page, 0).locator('.tile__flag--offline')).toHaveText('Offline')
      const image = tile(page, 0).locator('img')
      await expect(image).toHaveJSProperty('complete', true)
      expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
      await page.screenshot({ path: screenshotPath('gallery-offline') })
    } finally {
      rmSync(away, { recursive: true, force: true })
    }
  })
})

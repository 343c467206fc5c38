/// <reference lib="dom" />
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { landscapeVideo } from '../fixtures/media'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

/** Sizes that give each orientation: landscape, portrait, square. */
const SIZES = [
  [640, 360],
  [360, 640],
  [400, 400],
] as const

/**
 * Signage/Lobby (16 images), Signage/Lobby/2026 (6), Signage/Menus (10 images and one 3 s
 * video): 33 assets of different sizes and colours, in a few folders.
 */
async function makeLibrary(parent: string): Promise<string> {
  const root = join(parent, 'Signage')
  const images: Array<[string, number]> = [
    ...Array.from({ length: 16 }, (_, i): [string, number] => [`Lobby/lobby-${i + 1}.png`, i]),
    ...Array.from({ length: 6 }, (_, i): [string, number] => [
      `Lobby/2026/spring-${i + 1}.jpg`,
      20 + i,
    ]),
    ...Array.from({ length: 10 }, (_, i): [string, number] => [
      `Menus/menu-board-${i + 1}.png`,
      40 + i,
    ]),
  ]
  for (const [name, seed] of images) {
    const [width, height] = SIZES[seed % SIZES.length]!
    const image = await photoLike(width, height, seed + 1)
    const path = await outPath(root, name)
    await (name.endsWith('.png') ? image.png() : image.jpeg({ quality: 85 })).toFile(path)
  }
  await landscapeVideo(join(root, 'Menus'), 'promo.mp4')
  return root
}

const TOTAL = 33

const tiles = (page: Page) => page.getByTestId('gallery-item')
const tile = (page: Page, index: number) =>
  page.locator(`[data-testid="gallery-item"][data-index="${index}"]`)
const count = (page: Page) => page.getByTestId('gallery-count')
const selected = (page: Page) => page.getByTestId('selection-count')

/** Indexes the library through the running serve, waits for processing, opens the gallery. */
async function openGallery(page: Page, marquee: Marquee, root: string): Promise<void> {
  const indexed = await marquee.cli('index', root, '--wait', '--json')
  expect(indexed.code, indexed.stderr).toBe(0)
  await page.goto(marquee.url)
  await expect(count(page)).toHaveText(`${TOTAL} items`, { timeout: 20_000 })
  await expect(tile(page, 0).locator('img')).toHaveJSProperty('complete', true)
}

/** Tiles in the first row: how many columns the grid has. */
async function columns(page: Page): Promise<number> {
  return page.evaluate(() => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="gallery-item"]'))
    const first = all.find((t) => t.dataset.index === '0')!.getBoundingClientRect().top
    return all.filter((t) => t.getBoundingClientRect().top === first).length
  })
}

async function focusedIndex(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index ?? null)
}

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

  test('selects with a click, Ctrl/Cmd-click and a Shift-click range', async ({
    page,
    marquee,
  }) => {
    await openGallery(page, marquee, root)
    await tile(page, 0).click()
    await expect(selected(page)).toHaveText('1 selected')
    await expect(tile(page, 0)).toHaveAttribute('aria-selected', 'true')
    await tile(page, 2).click({ modifiers: ['ControlOrMeta'] })
    await expect(selected(page)).toHaveText('2 selected')
    await tile(page, 5).click({ modifiers: ['Shift'] })
    await expect(selected(page)).toHaveText('5 selected')
    for (const i of [0, 2, 3, 4, 5])
      await expect(tile(page, i)).toHaveAttribute('aria-selected', 'true')
    await expect(tile(page, 1)).toHaveAttribute('aria-selected', 'false')
    await page.screenshot({ path: screenshotPath('gallery-select-click') })
    await tile(page, 3).click({ modifiers: ['ControlOrMeta'] })
    await expect(selected(page)).toHaveText('4 selected')
    await tile(page, 1).click()
    await expect(selected(page)).toHaveText('1 selected')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('selection-bar')).toBeHidden()
  })

  test('selects what a rubber band touches', async ({ page, marquee }) => {
    await openGallery(page, marquee, root)
    const cols = await columns(page)
    const grid = (await page.getByTestId('gallery').boundingBox())!
    const target = (await tile(page, cols + 1).boundingBox())!
    await page.mouse.move(grid.x + 6, grid.y + 6)
    await page.mouse.down()
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 })
    await expect(page.locator('.rubber-band')).toBeVisible()
    await expect(selected(page)).toHaveText('4 selected')
    await page.screenshot({ path: screenshotPath('gallery-rubber-band') })
    await page.mouse.up()
    for (const i of [0, 1, cols, cols + 1])
      await expect(tile(page, i)).toHaveAttribute('aria-selected', 'true')
    await expect(tile(page, 2)).toHaveAttribute('aria-selected', 'false')
  })

  test('tags everything selected at once, and the tag then filters the gallery', async ({
    page,
    marquee,
  }) => {
    await openGallery(page, marquee, root)
    await page.getByRole('combobox', { name: 'Type' }).selectOption('image')
    await expect(count(page)).toHaveText(`${TOTAL - 1} items`)
    await tile(page, 0).click()
    await page.keyboard.press('ControlOrMeta+a')
    await expect(selected(page)).toHaveText(`${TOTAL - 1} selected`)
    await page.getByRole('button', { name: 'Tag…' }).click()
    const dialog = page.getByTestId('tag-dialog')
    await dialog.getByLabel('Tag').fill('Window stills')
    await page.screenshot({ path: screenshotPath('gallery-tag-dialog') })
    await dialog.getByRole('button', { name: 'Create and add tag' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('gallery-notice')).toContainText(`${TOTAL - 1} assets tagged`)

    await page.getByRole('combobox', { name: 'Type' }).selectOption('')
    await expect(count(page)).toHaveText(`${TOTAL} items`)
    await page.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'Window stills' })
    await expect(count(page)).toHaveText(`${TOTAL - 1} items`)
    await expect(tiles(page).and(page.locator('[data-type="video"]'))).toHaveCount(0)
    await page.screenshot({ path: screenshotPath('gallery-tag-filter') })
  })

  test('works from the keyboard alone', async ({ page, marquee }) => {
    await openGallery(page, marquee, root)
    const cols = await columns(page)
    await page.locator('body').focus()
    for (let i = 0; i < 40 && (await focusedIndex(page)) === null; i++)
      await page.keyboard.press('Tab')
    expect(await focusedIndex(page)).toBe('0')
    await page.keyboard.press('ArrowRight')
    expect(await focusedIndex(page)).toBe('1')
    await page.keyboard.press('ArrowDown')
    expect(await focusedIndex(page)).toBe(String(1 + cols))
    await page.keyboard.press('End')
    await expect.poll(() => focusedIndex(page)).toBe(String(TOTAL - 1))
    await expect(tile(page, TOTAL - 1)).toBeInViewport()
    await page.keyboard.press('Home')
    await expect.poll(() => focusedIndex(page)).toBe('0')
    await page.keyboard.press('i')
    const inspector = page.getByTestId('inspector')
    await expect(inspector).toHaveAttribute(
      'data-asset-id',
      (await tile(page, 0).getAttribute('data-asset-id'))!,
    )
    await page.keyboard.press('ArrowRight')
    await expect(inspector).toHaveAttribute(
      'data-asset-id',
      (await tile(page, 1).getAttribute('data-asset-id'))!,
    )
    await page.screenshot({ path: screenshotPath('gallery-inspector') })
    await page.keyboard.press('i')
    await expect(inspector).toBeHidden()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await expect(selected(page)).toHaveText('3 selected')
    await page.screenshot({ path: screenshotPath('gallery-keyboard') })

    await page.keyboard.press('Enter')
    const viewer = page.getByTestId('viewer')
    await expect(viewer).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(viewer).toBeHidden()
    await expect.poll(() => focusedIndex(page)).toBe('2')
    await page.keyboard.press(' ')
    await expect(viewer).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(viewer).toBeHidden()

    await page.keyboard.press('Delete')
    const remove = page.getByTestId('remove-dialog')
    await expect(remove).toContainText('Remove 3 assets?')
    await page.keyboard.press('Escape')
    await expect(remove).toBeHidden()
    await expect(count(page)).toHaveText(`${TOTAL} items`)

    await page.keyboard.press('ControlOrMeta+a')
    await expect(selected(page)).toHaveText(`${TOTAL} selected`)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('selection-bar')).toBeHidden()
    await page.keyboard.press('-')
    await expect(page.getByRole('button', { name: 'Small tiles' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await page.keyboard.press('/')
    await expect(page.getByTestId('search')).toBeFocused()
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
  test('rates, collects and removes the selection, naming the playlist that holds it first', async ({
    page,
    marquee,
  }) => {
    await openGallery(page, marquee, root)
    const selectFirstThree = async () => {
      await tile(page, 0).click()
      await tile(page, 2).click({ modifiers: ['Shift'] })
      await expect(selected(page)).toHaveText('3 selected')
    }
    await selectFirstThree()
    await page.getByRole('button', { name: 'Rate 4 stars' }).click()
    await expect(page.getByTestId('gallery-notice')).toContainText('3 assets rated')
    await expect(tile(page, 1).locator('.tile__rating')).toHaveText('★★★★')
    await page.getByRole('combobox', { name: 'Rating' }).selectOption('4')
    await expect(count(page)).toHaveText('3 items')
    await page.getByRole('combobox', { name: 'Rating' }).selectOption('')
    await expect(count(page)).toHaveText(`${TOTAL} items`)

    await selectFirstThree()
    await page.getByRole('button', { name: 'Add to…' }).click()
    const collect = page.getByTestId('collect-dialog')
    await collect.getByRole('radio', { name: 'Playlist' }).click()
    await collect.getByLabel('Name').fill('Lobby loop')
    await collect.getByRole('button', { name: 'Create playlist and add' }).click()
    await expect(page.getByTestId('gallery-notice')).toContainText(
      'Playlist “Lobby loop” now holds 3 items',
    )

    await page.getByRole('button', { name: 'Remove…' }).click()
    const remove = page.getByTestId('remove-dialog')
    await remove.getByRole('button', { name: 'Remove from library' }).click()
    await expect(remove.getByRole('alert')).toContainText('Playlist “Lobby loop” (3 items)')
    await page.screenshot({ path: screenshotPath('gallery-remove-held') })
    await remove.getByRole('button', { name: 'Remove anyway' }).click()
    await expect(remove).toBeHidden()
    await expect(count(page)).toHaveText(`${TOTAL - 3} items`)
    await expect(page.getByTestId('gallery-notice')).toContainText('The files were not touched')
    // Forgotten by the library, still on disk.
    const files = readdirSync(root, { recursive: true }).filter((f) =>
      /\.(png|jpg|mp4)$/.test(String(f)),
    )
    expect(files).toHaveLength(TOTAL)
  })
})

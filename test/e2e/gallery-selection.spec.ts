/// <reference lib="dom" />
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  columns,
  count,
  focusedIndex,
  makeLibrary,
  openGallery,
  selected,
  tile,
  tiles,
  TOTAL,
} from './gallery-library'
import { expect, screenshotPath, test } from './serve-fixture'

test.describe('selection in the gallery', () => {
  let media: string
  let root: string
  test.beforeAll(async () => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-gallery-'))
    root = await makeLibrary(media)
  })
  test.afterAll(() => rmSync(media, { recursive: true, force: true }))

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

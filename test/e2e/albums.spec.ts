/// <reference lib="dom" />
// Dragging gallery tiles onto playlists and albums, nested albums with collages, and a
// 5,000-item playlist that only renders what is in view.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { makeLibrary, openGallery, selected, tile, TOTAL } from './gallery-library'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

const sidebarEntry = (page: Page, name: string) =>
  page.getByTestId('sidebar-collection').filter({ hasText: name })
const notice = (page: Page) => page.getByTestId('gallery-notice')

async function run(marquee: Marquee, ...args: string[]): Promise<string> {
  const result = await marquee.cli(...args)
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result.stdout
}

/** Drags with the mouse, stopping over the target to show (and screenshot) its highlight. */
async function dragWithPause(page: Page, from: Locator, to: Locator, shot: string): Promise<void> {
  const a = (await from.boundingBox())!
  const b = (await to.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 12, { steps: 4 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 })
  await expect(to).toHaveAttribute('data-drop', 'over')
  await page.screenshot({ path: screenshotPath(shot) })
  await page.mouse.up()
  await expect(to).not.toHaveAttribute('data-drop', 'over')
}

/** What the page sends to the core over the WebSocket, to see what a drop asked for. */
function sentFrames(page: Page): string[] {
  const frames: string[] = []
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      if (typeof frame.payload === 'string') frames.push(frame.payload)
    }),
  )
  return frames
}

test.describe('albums and dragging into collections', () => {
  let media: string
  let root: string
  test.beforeAll(async () => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-albums-'))
    root = await makeLibrary(media)
  })
  test.afterAll(() => rmSync(media, { recursive: true, force: true }))

  test('drags three selected tiles from the gallery onto a playlist in the sidebar', async ({
    page,
    marquee,
  }) => {
    await run(marquee, 'playlist', 'create', 'Lobby loop')
    await run(marquee, 'album', 'create', 'Venues')
    await openGallery(page, marquee, root)
    await expect(sidebarEntry(page, 'Lobby loop')).toContainText('0')

    await tile(page, 0).click()
    await tile(page, 2).click({ modifiers: ['Shift'] })
    await expect(selected(page)).toHaveText('3 selected')
    await dragWithPause(page, tile(page, 1), sidebarEntry(page, 'Lobby loop'), 'albums-drag-tiles')
    await expect(notice(page)).toContainText('3 items added. Playlist “Lobby loop” now holds 3')
    await expect(sidebarEntry(page, 'Lobby loop')).toContainText('3')
    // The import drop zone did not take the drag for a file drop.
    await expect(page.getByTestId('import-drop-zone')).not.toHaveAttribute('data-over', 'true')

    // A tile that is not selected goes alone.
    await tile(page, 5).dragTo(sidebarEntry(page, 'Lobby loop'))
    await expect(notice(page)).toContainText('1 item added. Playlist “Lobby loop” now holds 4')

    const shown = JSON.parse(await run(marquee, 'playlist', 'show', 'Lobby loop', '--json')) as {
      items: Array<{ name: string }>
    }
    const names = await Promise.all(
      [0, 1, 2, 5].map((i) => tile(page, i).locator('.tile__name').textContent()),
    )
    expect(shown.items.map((i) => i.name)).toEqual(names)
  })

  test('drags a select-all onto an album: the core gets the query, not a list of ids', async ({
    page,
    marquee,
  }) => {
    await run(marquee, 'album', 'create', 'Everything')
    const frames = sentFrames(page)
    await openGallery(page, marquee, root)
    await tile(page, 0).click()
    await page.keyboard.press('ControlOrMeta+a')
    await expect(selected(page)).toHaveText(`${TOTAL} selected`)
    await tile(page, 4).dragTo(sidebarEntry(page, 'Everything'))
    await expect(notice(page)).toContainText(
      `${TOTAL} items added. Album “Everything” now holds ${TOTAL} items`,
    )
    await expect(sidebarEntry(page, 'Everything')).toContainText(String(TOTAL))
    await page.screenshot({ path: screenshotPath('albums-drop-select-all') })
    const asked = frames.filter((f) => f.includes('collections.addSelection'))
    expect(asked).toHaveLength(1)
    expect(asked[0]).toContain('"query"')
    expect(asked[0]).not.toContain('"ids"')
    expect(frames.some((f) => f.includes('assets.ids'))).toBe(false)
  })

  test('the bulk "Add to…" sends a select-all as a query too', async ({ page, marquee }) => {
    const frames = sentFrames(page)
    await openGallery(page, marquee, root)
    await tile(page, 0).click()
    await page.keyboard.press('ControlOrMeta+a')
    await page.getByRole('button', { name: 'Add to…' }).click()
    const collect = page.getByTestId('collect-dialog')
    await collect.getByLabel('Name').fill('All stills')
    await collect.getByRole('button', { name: 'Create album and add' }).click()
    await expect(notice(page)).toContainText(`Album “All stills” now holds ${TOTAL} items`)
    await expect(sidebarEntry(page, 'All stills')).toBeVisible()
    expect(frames.some((f) => f.includes('assets.ids'))).toBe(false)
  })

  test('builds a nested album by drag and by "Move to…", and shows collages', async ({
    page,
    marquee,
  }) => {
    for (const name of ['Venues', 'Lobby', 'Menus']) await run(marquee, 'album', 'create', name)
    await openGallery(page, marquee, root)
    // Fill two albums from the gallery: four tiles into Lobby, two into Menus.
    await tile(page, 0).click()
    await tile(page, 3).click({ modifiers: ['Shift'] })
    await tile(page, 0).dragTo(sidebarEntry(page, 'Lobby'))
    await expect(notice(page)).toContainText('Album “Lobby” now holds 4 items')
    await tile(page, 10).click()
    await tile(page, 11).click({ modifiers: ['Shift'] })
    await tile(page, 10).dragTo(sidebarEntry(page, 'Menus'))
    await expect(notice(page)).toContainText('Album “Menus” now holds 2 items')

    await page.goto(`${marquee.origin}/#/collections`)
    const albums = page.getByTestId('album-list')
    const row = (name: string) => albums.getByTestId('collection-row').filter({ hasText: name })
    await expect(albums.getByTestId('collection-row')).toHaveCount(3)

    // Drag Lobby onto Venues: it goes inside.
    await dragWithPause(page, row('Lobby'), row('Venues'), 'albums-nest-drag')
    await expect(row('Lobby')).toHaveAttribute('data-depth', '1')
    // "Move to…" puts Menus inside Lobby; Venues cannot go inside its own sub-album.
    await albums.getByRole('button', { name: 'Move Menus to another album' }).click()
    const dialog = page.getByTestId('move-album-dialog')
    await dialog.getByLabel('Inside').selectOption('Lobby')
    await dialog.getByRole('button', { name: 'Move' }).click()
    await expect(row('Menus')).toHaveAttribute('data-depth', '2')
    await albums.getByRole('button', { name: 'Move Venues to another album' }).click()
    await expect(dialog.getByRole('option')).toHaveText(['Top level (no parent album)'])
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(albums.getByTestId('collection-link')).toHaveText(['Venues', 'Lobby', 'Menus'])

    // Collages: Lobby its four, Venues (holding nothing itself) its sub-albums' first four.
    const collage = (name: string) => row(name).getByTestId('collage')
    await expect(collage('Lobby')).toHaveAttribute('data-count', '4')
    await expect(collage('Venues')).toHaveAttribute('data-count', '4')
    await expect(collage('Menus')).toHaveAttribute('data-count', '2')
    for (const img of await collage('Venues').locator('img').all()) {
      await expect(img).toHaveJSProperty('complete', true)
      expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0)
    }
    await page.screenshot({ path: screenshotPath('albums-nested-collage') })

    // A chosen cover leads the collage. Lobby's page links the album inside it.
    await row('Lobby').getByTestId('collection-link').click()
    const inside = page.getByTestId('sub-albums')
    await expect(inside.getByRole('link')).toHaveText(['Menus2 items'])
    await page.screenshot({ path: screenshotPath('albums-sub-albums') })
    await page.getByTestId('collection-item').nth(2).getByRole('checkbox').check()
    const third = await page
      .getByTestId('collection-item')
      .nth(2)
      .locator('img')
      .getAttribute('src')
    await page.getByRole('button', { name: 'Use as cover' }).click()
    await expect(page.getByRole('button', { name: 'Default cover' })).toBeVisible()
    await page.getByRole('link', { name: '← All collections' }).click()
    await expect(collage('Lobby').locator('img').first()).toHaveAttribute('src', third!)
    await row('Lobby').getByTestId('collection-link').click()
    await page.getByTestId('sub-albums').getByRole('link', { name: /Menus/ }).click()
    await expect(page.getByTestId('collection-summary')).toHaveText('Album · 2 items')
  })
})

test('a 5,000-item playlist renders only the rows in view and still reorders', async ({
  page,
  marquee,
}) => {
  const media = mkdtempSync(join(tmpdir(), 'marquee-e2e-long-'))
  try {
    const root = await makeLibrary(media)
    const indexed = await marquee.cli('index', root, '--wait', '--json')
    expect(indexed.code, indexed.stderr).toBe(0)
    const listed = await run(marquee, 'ls', '--json', '--limit', '25')
    const ids = listed
      .trim()
      .split('\n')
      .map((line) => String((JSON.parse(line) as { id: number }).id))
    expect(ids).toHaveLength(25)
    await run(marquee, 'playlist', 'create', 'Long')
    // 5,000 items: the library's first 25 assets, 200 times over, added 1,000 at a time.
    for (let batch = 0; batch < 5; batch++)
      await run(
        marquee,
        'playlist',
        'add',
        'Long',
        ...Array.from({ length: 1000 }, (_, i) => ids[i % 25]!),
      )

    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections?playlist=Long`)
    const rows = page.getByTestId('collection-item')
    await expect(page.getByTestId('collection-summary')).toContainText('5,000 items')
    await expect(rows.first()).toBeVisible()
    const rendered = await rows.count()
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(80)

    // Scroll to the end: the last rows are there, still a bounded number.
    const frame = page.locator('.collection-items-scroll')
    await frame.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect(rows.last().locator('td.cell-position')).toHaveText('5000')
    expect(await rows.count()).toBeLessThan(80)

    // Middle of the list: check two rows, then Alt+↓ moves the focused one and keeps focus.
    await frame.evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
    const row = rows.filter({ has: page.locator('td.cell-position', { hasText: /^2500$/ }) })
    await expect(row).toHaveCount(1)
    const name = await row.locator('td.cell-name').textContent()
    const id = await row.getAttribute('data-item-id')
    await row.getByRole('checkbox').check()
    await rows
      .filter({ has: page.locator('td.cell-position', { hasText: /^2501$/ }) })
      .getByRole('checkbox')
      .check()
    await expect(page.getByTestId('collection-bulk')).toContainText('2 selected')
    await row.focus()
    await page.keyboard.press('Alt+ArrowDown')
    const moved = page.locator(`[data-testid="collection-item"][data-item-id="${id}"]`)
    await expect(moved.locator('td.cell-position')).toHaveText('2501')
    await expect(moved).toBeFocused()
    await expect(moved.locator('td.cell-name')).toHaveText(name!)
    await page.screenshot({ path: screenshotPath('albums-long-playlist') })
  } finally {
    rmSync(media, { recursive: true, force: true })
  }
})

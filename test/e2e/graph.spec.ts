/// <reference lib="dom" />
// The graph explorer, driven as an operator would: opened from an asset's inspector, expanded
// by clicking and by keyboard, filtered, and asked for a path between two nodes.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

interface Library {
  root: string
  ids: Record<string, number>
}

/**
 * Signage/lobby.png, Signage/Menus/{menu,offers}.png and Signage/Menus/lobby-copy.png (the same
 * bytes as lobby.png); playlist Lobby holds lobby and menu; offers is related_to menu.
 */
async function library(marquee: Marquee, parent: string): Promise<Library> {
  const root = join(parent, 'Signage')
  const files = ['lobby.png', 'Menus/menu.png', 'Menus/offers.png']
  for (const [i, name] of files.entries())
    await (await photoLike(480, 270, 11 + i)).png().toFile(await outPath(root, name))
  copyFileSync(join(root, 'lobby.png'), join(root, 'Menus', 'lobby-copy.png'))
  const run = async (...args: string[]): Promise<string> => {
    const result = await marquee.cli(...args)
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
    return result.stdout
  }
  await run('index', root, '--wait')
  const ids: Record<string, number> = {}
  for (const line of (await run('ls', '--json')).trim().split('\n')) {
    const asset = JSON.parse(line) as { id: number; name: string }
    ids[asset.name] = asset.id
  }
  await run('playlist', 'create', 'Lobby')
  await run('playlist', 'add', 'Lobby', join(root, 'lobby.png'), join(root, 'Menus', 'menu.png'))
  await run(
    'link',
    `asset:${ids['offers.png']}`,
    `asset:${ids['menu.png']}`,
    '--relation',
    'related_to',
    '--note',
    'same campaign',
  )
  return { root, ids }
}

const canvas = (page: Page) => page.getByTestId('graph-canvas')
const shownNodes = async (page: Page): Promise<number> =>
  Number(await canvas(page).getAttribute('data-nodes'))
const hasNode = (page: Page, id: string): Promise<boolean> =>
  canvas(page).evaluate(
    (el, node) =>
      !(el as HTMLElement & { cy: { getElementById(id: string): { empty(): boolean } } }).cy
        .getElementById(node)
        .empty(),
    id,
  )

/** Clicks a node where cytoscape drew it. */
async function clickNode(page: Page, id: string): Promise<void> {
  const at = await canvas(page).evaluate((el, node) => {
    const cy = (
      el as HTMLElement & {
        cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } }
      }
    ).cy
    const box = el.getBoundingClientRect()
    const p = cy.getElementById(node).renderedPosition()
    return { x: box.left + p.x, y: box.top + p.y }
  }, id)
  await page.mouse.click(at.x, at.y)
}

test.describe('the graph explorer', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-graph-'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('opens from an asset, expands, filters and finds a path', async ({ page, marquee }) => {
    const { ids } = await library(marquee, media)
    const menu = `asset:${ids['menu.png']}`
    const offers = `asset:${ids['offers.png']}`

    await page.goto(marquee.url)
    const tile = page.locator(`[data-testid="gallery-item"][data-asset-id="${ids['lobby.png']}"]`)
    await tile.click()
    await page.keyboard.press('i')
    await page.getByTestId('inspector').getByRole('tab', { name: 'Graph' }).click()
    await page.getByRole('link', { name: 'Open in graph' }).click()
    await expect(page).toHaveURL(/#\/graph\?node=asset%3A\d+$/)

    // Depth 2 around lobby.png: its folder, its copy, the playlist, and what those reach.
    await expect(canvas(page)).toHaveAttribute('data-nodes', /^\d+$/)
    await expect.poll(() => hasNode(page, menu)).toBe(true)
    expect(await hasNode(page, `asset:${ids['lobby-copy.png']}`)).toBe(true)
    expect(await hasNode(page, offers)).toBe(false)
    await expect(page.getByTestId('graph-selected')).toHaveText('lobby.png')
    await expect(page.getByTestId('graph-summary')).toContainText('laid out in')
    // Thumbnails: the selected asset's small variant is shown beside the graph.
    await expect(page.locator('.graph-node__thumb')).toHaveJSProperty('complete', true)
    await page.screenshot({ path: screenshotPath('graph-open') })

    // Clicking menu.png expands it: offers.png (related to it) appears one ring further out.
    const before = await shownNodes(page)
    await clickNode(page, menu)
    await expect(page.getByTestId('graph-selected')).toHaveText('menu.png')
    await expect.poll(() => hasNode(page, offers)).toBe(true)
    expect(await shownNodes(page)).toBeGreaterThan(before)
    await expect(page.getByTestId('graph-filters')).toContainText('related to')
    await page.screenshot({ path: screenshotPath('graph-expanded') })

    // Hiding "includes" drops the playlist; menu and offers stay, reached through their folder.
    // Hiding "contains" too leaves only what the copy connects: they go, being cut off.
    const filters = page.getByTestId('graph-filters')
    await filters.getByLabel(/^includes/).uncheck()
    await expect.poll(() => hasNode(page, 'collection:1')).toBe(false)
    expect(await hasNode(page, offers)).toBe(true)
    await filters.getByLabel(/^contains/).uncheck()
    await expect.poll(() => hasNode(page, offers)).toBe(false)
    expect(await hasNode(page, `asset:${ids['lobby-copy.png']}`)).toBe(true)
    await page.screenshot({ path: screenshotPath('graph-filtered') })
    await filters.getByLabel(/^includes/).check()
    await filters.getByLabel(/^contains/).check()
    await filters.getByLabel(/^Folders/).uncheck()
    await expect.poll(() => hasNode(page, `folder:1:Menus`)).toBe(false)
    expect(await hasNode(page, offers)).toBe(true)
    await filters.getByLabel(/^Folders/).check()

    // Path from lobby.png (the start) to offers.png, read as breadcrumbs.
    await clickNode(page, offers)
    await expect(page.getByTestId('graph-selected')).toHaveText('offers.png')
    await page.getByRole('button', { name: 'Use selected' }).nth(1).click()
    await expect(page.getByTestId('path-to')).toHaveText('offers.png')
    await page.getByRole('button', { name: 'Find path' }).click()
    const crumbs = page.getByTestId('graph-path')
    // Two 3-step paths tie (through the playlist, or through the copy's folder): either will do.
    const steps = crumbs.getByRole('button')
    await expect(steps).toHaveCount(4)
    await expect(steps.first()).toHaveText('lobby.png')
    await expect(steps.last()).toHaveText('offers.png')
    await expect(crumbs.locator('.graph-path__relation')).toHaveCount(3)
    await page.screenshot({ path: screenshotPath('graph-path') })
    const second = (await steps.nth(1).textContent())!
    await steps.nth(1).click()
    await expect(page.getByTestId('graph-selected')).toHaveText(second)

    // Keyboard: arrows move between nodes, Enter expands the selected one.
    await canvas(page).focus()
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key)
      if ((await page.getByTestId('graph-selected').textContent()) !== second) break
    }
    await expect(page.getByTestId('graph-selected')).not.toHaveText(second)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('button', { name: /^(Expanded|Show 100 more)$/ })).toBeVisible()
  })

  test('opens from a folder and a playlist, and says what is wrong', async ({ page, marquee }) => {
    const { ids } = await library(marquee, media)
    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/library?root=1&folder=Menus`)
    await page.getByRole('link', { name: 'Open in graph' }).click()
    await expect(page).toHaveURL(/#\/graph\?node=folder%3A1%3AMenus$/)
    await expect(page.getByTestId('graph-selected')).toHaveText('Menus')
    await expect.poll(() => hasNode(page, `asset:${ids['offers.png']}`)).toBe(true)
    await page.screenshot({ path: screenshotPath('graph-folder') })

    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await page.getByRole('link', { name: 'Open in graph' }).click()
    await expect(page.getByTestId('graph-selected')).toHaveText('playlist Lobby')

    await page.goto(`${marquee.origin}/#/graph?node=asset%3A9999`)
    await expect(page.getByRole('alert')).toContainText('asset:9999 is not in the library')
    await page.goto(`${marquee.origin}/#/graph`)
    await expect(page.getByTestId('graph-empty')).toBeVisible()
    await page.getByLabel('Node to explore').fill(`asset:${ids['menu.png']}`)
    await page.getByRole('button', { name: 'Explore' }).click()
    await expect(page.getByTestId('graph-selected')).toHaveText('menu.png')
  })
})

test('expands a crowded folder 100 neighbours at a time', async ({ page, marquee }) => {
  const media = mkdtempSync(join(tmpdir(), 'marquee-e2e-graph-crowd-'))
  try {
    const folder = join(media, 'Crowd', 'Slides')
    for (let i = 0; i < 130; i++)
      await (
        await photoLike(24, 16, 100 + i)
      )
        .png()
        .toFile(await outPath(folder, `slide-${String(i).padStart(3, '0')}.png`))
    // The scan is enough: the graph walks the index, thumbnails may come later.
    const indexed = await marquee.cli('index', join(media, 'Crowd'))
    expect(indexed.code, indexed.stderr).toBe(0)
    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/graph?node=folder%3A1%3ASlides`)
    await expect(page.getByTestId('graph-selected')).toHaveText('Slides')
    await expect(canvas(page)).toHaveAttribute('data-nodes', '101')
    const more = page.getByRole('button', { name: 'Show 100 more' })
    await expect(more).toBeEnabled()
    await page.screenshot({ path: screenshotPath('graph-crowded') })
    await more.click()
    // 130 files and the library folder that contains Slides, and the folder itself.
    await expect(canvas(page)).toHaveAttribute('data-nodes', '132')
    await expect(page.getByRole('button', { name: 'Expanded' })).toBeDisabled()
  } finally {
    rmSync(media, { recursive: true, force: true })
  }
})

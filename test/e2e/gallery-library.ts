/// <reference lib="dom" />
// The gallery's e2e library and the helpers its specs share.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { landscapeVideo } from '../fixtures/media'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, type Marquee } from './serve-fixture'

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
export async function makeLibrary(parent: string): Promise<string> {
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

export const TOTAL = 33

export const tiles = (page: Page) => page.getByTestId('gallery-item')
export const tile = (page: Page, index: number) =>
  page.locator(`[data-testid="gallery-item"][data-index="${index}"]`)
export const count = (page: Page) => page.getByTestId('gallery-count')
export const selected = (page: Page) => page.getByTestId('selection-count')

/** Indexes the library through the running serve, waits for processing, opens the gallery. */
export async function openGallery(page: Page, marquee: Marquee, root: string): Promise<void> {
  const indexed = await marquee.cli('index', root, '--wait', '--json')
  expect(indexed.code, indexed.stderr).toBe(0)
  await page.goto(marquee.url)
  await expect(count(page)).toHaveText(`${TOTAL} items`, { timeout: 20_000 })
  await expect(tile(page, 0).locator('img')).toHaveJSProperty('complete', true)
}

/** Tiles in the first row: how many columns the grid has. */
export async function columns(page: Page): Promise<number> {
  return page.evaluate(() => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="gallery-item"]'))
    const first = all.find((t) => t.dataset.index === '0')!.getBoundingClientRect().top
    return all.filter((t) => t.getBoundingClientRect().top === first).length
  })
}

export async function focusedIndex(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index ?? null)
}

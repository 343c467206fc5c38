/// <reference lib="dom" />
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

/** Signage/intro.png, Signage/Menus/menu.png and menu-v2.png; playlist Lobby: intro, menu (12 s). */
async function makeLibrary(parent: string): Promise<string> {
  const root = join(parent, 'Signage')
  const files: Array<[string, number]> = [
    ['intro.png', 1],
    ['Menus/menu.png', 2],
    ['Menus/menu-v2.png', 3],
  ]
  for (const [name, seed] of files)
    await (await photoLike(480, 270, seed)).png().toFile(await outPath(root, name))
  return root
}

async function openInspector(page: Page, marquee: Marquee, root: string, name: RegExp) {
  expect((await marquee.cli('index', root, '--wait')).code).toBe(0)
  for (const args of [
    ['playlist', 'create', 'Lobby'],
    ['playlist', 'add', 'Lobby', join(root, 'intro.png')],
    ['playlist', 'add', 'Lobby', join(root, 'Menus', 'menu.png'), '--duration', '12'],
  ])
    expect((await marquee.cli(...args)).code).toBe(0)
  await page.goto(marquee.url)
  await expect(page.getByTestId('gallery-count')).toHaveText('3 items', { timeout: 20_000 })
  await page.getByRole('option', { name }).click()
  await page.keyboard.press('i')
  const inspector = page.getByTestId('inspector')
  await expect(inspector.getByTestId('inspector-path')).toContainText('menu.png')
  return inspector
}

const lobby = async (marquee: Marquee) =>
  JSON.parse((await marquee.cli('playlist', 'show', 'Lobby', '--json')).stdout).items as Array<{
    name: string
    durationMs: number | null
  }>

test.describe('replace with…', () => {
  let media: string
  let root: string
  test.beforeEach(async () => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-replace-'))
    root = await makeLibrary(media)
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('picks an asset already in the library and swaps it into the playlist', async ({
    page,
    marquee,
  }) => {
    const inspector = await openInspector(page, marquee, root, /^menu\.png/)
    await inspector.getByTestId('inspector-replace').click()
    const dialog = page.getByTestId('replace-dialog')
    await dialog.getByLabel('Find the new asset').fill('menu-v2')
    await expect(dialog.getByTestId('replace-match')).toHaveCount(1)
    await expect(dialog.getByTestId('replace-match')).toContainText('Menus/menu-v2.png')
    await page.screenshot({ path: screenshotPath('replace-dialog-pick') })
    await dialog.getByTestId('replace-match').click()
    await expect(dialog.getByTestId('replace-done')).toContainText('Replaced in 1 collection')
    await expect(dialog.getByTestId('replace-done')).toContainText('Playlist “Lobby” (1 item)')
    await page.screenshot({ path: screenshotPath('replace-dialog-done') })
    expect((await lobby(marquee)).map((i) => [i.name, i.durationMs])).toEqual([
      ['intro.png', null],
      ['menu-v2.png', 12_000],
    ])
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(dialog).toBeHidden()
  })

  test('imports a file dropped on the dialog next to the old one and swaps it in', async ({
    page,
    marquee,
  }) => {
    const inspector = await openInspector(page, marquee, root, /^menu\.png/)
    await inspector.getByTestId('inspector-replace').click()
    const dialog = page.getByTestId('replace-dialog')
    const fresh = [...(await (await photoLike(480, 270, 77)).png().toBuffer())]
    await page.evaluate((fresh) => {
      const files = new DataTransfer()
      files.items.add(new File([new Uint8Array(fresh)], 'menu-summer.png', { type: 'image/png' }))
      const zone = document.querySelector('[data-testid="replace-drop"]')!
      for (const type of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: files }),
        )
    }, fresh)
    await expect(dialog.getByTestId('replace-done')).toContainText('Playlist “Lobby” (1 item)', {
      timeout: 60_000,
    })
    expect(existsSync(join(root, 'Menus', 'menu-summer.png'))).toBe(true)
    expect(existsSync(join(root, 'Menus', 'menu.png'))).toBe(true)
    expect((await lobby(marquee)).map((i) => [i.name, i.durationMs])).toEqual([
      ['intro.png', null],
      ['menu-summer.png', 12_000],
    ])
  })
})

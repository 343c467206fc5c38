/// <reference lib="dom" />
// A folder's gallery opened by its address (a link, a reload): the sidebar reveals the folder
// without an endless loop of updates, and the inspector opens beside the folder's files.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test } from './serve-fixture'

test('a folder opened by its address shows its files and the inspector, with no page error', async ({
  page,
  marquee,
}) => {
  const media = mkdtempSync(join(tmpdir(), 'marquee-e2e-folder-address-'))
  try {
    const root = join(media, 'Signage')
    for (const [i, name] of ['lobby.png', 'Menus/menu.png', 'Menus/Summer/ice.png'].entries())
      await (await photoLike(480, 270, 31 + i)).png().toFile(await outPath(root, name))
    const indexed = await marquee.cli('index', root, '--wait')
    expect(indexed.code, indexed.stderr).toBe(0)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(String(error)))

    await page.goto(`${marquee.url}#/library?root=1&folder=Menus`)
    await expect(page.getByTestId('gallery-count')).toHaveText('2 items')
    await page.locator('[data-testid="gallery-item"]').first().click()
    await page.keyboard.press('i')
    await expect(page.getByTestId('inspector').getByTestId('inspector-path')).toBeVisible()
    await page.screenshot({ path: screenshotPath('folder-address-inspector') })
    expect(errors).toEqual([])
  } finally {
    rmSync(media, { recursive: true, force: true })
  }
})

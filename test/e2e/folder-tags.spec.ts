/// <reference lib="dom" />
// Folder tags as an operator uses them: tag a folder from the gallery's folder header, see its
// files carry the tag (marked as handed down in the inspector, with no ×), untag the folder.
// And removing an integration that a playlist uses: the dialog names the playlist first.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

/**
 * Signage/lobby.png, Signage/Menus/menu.png, Signage/Menus/Summer/ice.png; answers the root id
 * and the asset ids by name.
 */
async function library(
  marquee: Marquee,
  parent: string,
): Promise<{ rootId: number; ids: Record<string, number> }> {
  const root = join(parent, 'Signage')
  for (const [i, name] of ['lobby.png', 'Menus/menu.png', 'Menus/Summer/ice.png'].entries())
    await (await photoLike(480, 270, 21 + i)).png().toFile(await outPath(root, name))
  const indexed = await marquee.cli('index', root, '--wait')
  expect(indexed.code, indexed.stderr).toBe(0)
  const roots = JSON.parse((await marquee.cli('roots', 'ls', '--json')).stdout) as Array<{
    id: number
  }>
  const ids: Record<string, number> = {}
  for (const line of (await marquee.cli('ls', '--json')).stdout.trim().split('\n')) {
    const asset = JSON.parse(line) as { id: number; name: string }
    ids[asset.name] = asset.id
  }
  return { rootId: roots[0]!.id, ids }
}

/** Opens the inspector on one file from the whole library's gallery. */
async function openInspector(page: Page, url: string, id: number, name: string) {
  await page.goto(url)
  await expect(page.getByTestId('gallery-count')).toHaveText('3 items')
  await page.locator(`[data-testid="gallery-item"][data-asset-id="${id}"]`).click()
  await page.keyboard.press('i')
  const inspector = page.getByTestId('inspector')
  await expect(inspector.getByTestId('inspector-path')).toContainText(name)
  return inspector
}

test.describe('folder tags', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-folder-tags-'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('tags a folder from its header; the inspector marks the tag as handed down', async ({
    page,
    marquee,
  }) => {
    const { rootId, ids } = await library(marquee, media)
    await page.goto(`${marquee.url}#/library?root=${rootId}&folder=Menus`)
    await expect(page.getByTestId('gallery-count')).toHaveText('2 items')

    await page.getByRole('button', { name: 'Folder tags…' }).click()
    const dialog = page.getByTestId('folder-tags')
    await expect(dialog.getByRole('heading')).toHaveText('Folder tags: Menus')
    await dialog.getByLabel('Add a tag').fill('menu')
    await dialog.getByLabel('Add a tag').press('Enter')
    await expect(dialog.getByTestId('folder-tags-note')).toHaveText(
      '2 files now carry “menu”, and new ones will too.',
    )
    await dialog.getByLabel('Add a tag').fill('food')
    await dialog.getByLabel('Add a tag').press('Enter')
    await expect(dialog.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText([
      'food',
      'menu',
    ])
    await page.screenshot({ path: screenshotPath('folder-tags-dialog') })
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(dialog).toBeHidden()

    // ice.png is in Menus/Summer: it inherits from Menus, and says so; no × for those tags.
    const inspector = await openInspector(page, marquee.url, ids['ice.png']!, 'ice.png')
    const inherited = inspector.getByTestId('inherited-tag')
    await expect(inherited).toHaveText(['food from folder Menus', 'menu from folder Menus'])
    await expect(inspector.getByRole('button', { name: 'Remove tag menu' })).toHaveCount(0)
    await expect(inherited.first()).toHaveAttribute('title', /untag the folder/)
    // A tag set by hand beside them can be removed as ever.
    await inspector.getByLabel('Add a tag').fill('summer')
    await inspector.getByLabel('Add a tag').press('Enter')
    await expect(inspector.getByRole('button', { name: 'Remove tag summer' })).toBeVisible()
    await page.screenshot({ path: screenshotPath('folder-tags-inspector') })

    // Untagging the folder takes back what it handed down; the hand tag stays.
    await page.goto(`${marquee.url}#/library?root=${rootId}&folder=Menus`)
    await page.getByRole('button', { name: 'Folder tags…' }).click()
    await dialog.getByRole('button', { name: 'Remove tag food' }).click()
    await expect(dialog.getByTestId('folder-tags-note')).toHaveText(
      '2 files no longer carry “food”.',
    )
    await dialog.getByRole('button', { name: 'Done' }).click()
    const again = await openInspector(page, marquee.url, ids['ice.png']!, 'ice.png')
    await expect(again.getByTestId('inherited-tag')).toHaveText(['menu from folder Menus'])
    await expect(again.getByRole('button', { name: 'Remove tag summer' })).toBeVisible()
  })

  test('removing an integration a playlist uses names the playlist first', async ({
    page,
    marquee,
  }) => {
    const ok = async (...args: string[]) => {
      const done = await marquee.cli(...args)
      expect(done.code, done.stderr).toBe(0)
      return done.stdout
    }
    // Nothing answers there; the card shows the failed fetch, which is fine here.
    const added = JSON.parse(
      await ok(
        'integrations',
        'add',
        'feed',
        '--url',
        'http://127.0.0.1:9/menu.json',
        '--name',
        'Menu feed',
        '--json',
      ),
    ) as { id: number }
    await ok('playlist', 'create', 'Lobby')
    await ok('playlist', 'add-integration', 'Lobby', String(added.id))

    await page.goto(`${marquee.url}#/integrations`)
    await page.getByRole('button', { name: 'Remove' }).click()
    const dialog = page.getByTestId('remove-integration')
    await expect(dialog.getByTestId('impact-notice')).toHaveText(
      /This integration is used by 1 playlist:\s*Playlist “Lobby”/,
    )
    await page.screenshot({ path: screenshotPath('integration-remove-impact') })
    await dialog.getByRole('button', { name: 'Remove integration' }).click()
    await expect(page.getByText('Menu feed')).toHaveCount(0)
    const shown = await ok('playlist', 'show', 'Lobby', '--json')
    expect(shown).not.toContain('"integration"')
  })
})

/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

/** Signage with two images; playlist Lobby holds one, exported to <media>/usb/lobby-2026. */
async function makeLibrary(marquee: Marquee, media: string): Promise<void> {
  const root = join(media, 'Signage')
  for (const [name, seed] of [
    ['lobby.png', 5],
    ['menu.png', 6],
  ] as const)
    await (await photoLike(480, 270, seed)).png().toFile(await outPath(root, name))
  for (const args of [
    ['index', root, '--wait'],
    ['playlist', 'create', 'Lobby'],
    ['playlist', 'add', 'Lobby', join(root, 'lobby.png')],
    ['playlist', 'create', 'Spare'],
    [
      'export',
      '--playlist',
      'Lobby',
      '--profile',
      'fhd-h264',
      '--out',
      join(media, 'usb', 'lobby-2026'),
    ],
  ]) {
    const done = await marquee.cli(...args)
    expect(done.code, done.stderr).toBe(0)
  }
}

test.describe('impact before change', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-impact-'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('deleting a collection and removing a folder first say what uses them', async ({
    page,
    marquee,
  }) => {
    await makeLibrary(marquee, media)
    await page.goto(`${marquee.url}#/folders`)
    await page.getByRole('button', { name: 'Remove Signage' }).click()
    const row = page.getByRole('group', { name: 'Confirm removal' })
    await expect(row.getByTestId('impact-notice')).toHaveText(
      /This folder is used by 1 playlist and 1 exported bundle:\s*Playlist “Lobby”\s*Exported bundle “lobby-2026”/,
    )
    await page.screenshot({ path: screenshotPath('impact-remove-folder') })
    await row.getByRole('button', { name: 'Cancel' }).click()

    await page.goto(`${marquee.url}#/collections`)
    const playlists = page.getByTestId('playlist-list')
    // Nothing went out from Spare: no warning.
    await playlists.getByRole('button', { name: 'Delete Spare' }).click()
    const dialog = page.getByTestId('delete-collection')
    await expect(dialog).toContainText('It holds 0 items')
    await expect(dialog.getByTestId('impact-notice')).toHaveCount(0)
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await playlists.getByRole('button', { name: 'Delete Lobby' }).click()
    await expect(dialog.getByTestId('impact-notice')).toHaveText(
      /This playlist is used by 1 exported bundle:\s*Exported bundle “lobby-2026”/,
    )
    await page.screenshot({ path: screenshotPath('impact-delete-playlist') })
    await dialog.getByRole('button', { name: 'Delete playlist' }).click()
    await expect(playlists.getByTestId('collection-row')).toHaveCount(1)
    await expect(page.getByRole('alert')).toHaveCount(0)

    await page.goto(`${marquee.url}#/folders`)
    await page.getByRole('button', { name: 'Remove Signage' }).click()
    await expect(row.getByTestId('impact-notice')).toContainText(
      'This folder is used by 1 exported bundle',
    )
    await row.getByRole('button', { name: 'Remove' }).click()
    await expect(page.getByRole('button', { name: 'Remove Signage' })).toHaveCount(0)
    const left = await marquee.cli('roots', 'ls', '--json')
    expect(JSON.parse(left.stdout)).toEqual([])
  })
})

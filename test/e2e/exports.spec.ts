/// <reference lib="dom" />
// Exporting a playlist from its page, the export history, and the bundle's own player.
import { execFileSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test } from './serve-fixture'

test('exports a playlist with progress and a result, lists it under Exports, and the bundle plays', async ({
  page,
  marquee,
}) => {
  const scratch = mkdtempSync(join(tmpdir(), 'marquee-e2e-exports-'))
  try {
    const paths: string[] = []
    for (const [i, name] of ['welcome.png', 'menu.png'].entries()) {
      const path = await outPath(join(scratch, 'Lobby'), name)
      await (await photoLike(640, 360, 50 + i)).png().toFile(path)
      paths.push(path)
    }
    for (const args of [
      ['index', join(scratch, 'Lobby'), '--wait'],
      ['playlist', 'create', 'Lobby'],
      ['playlist', 'add', 'Lobby', ...paths, '--duration', '1'],
    ]) {
      const result = await marquee.cli(...args)
      expect(result.code, result.stderr).toBe(0)
    }
    const out = join(scratch, 'usb', 'lobby')

    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByTestId('export-dialog')
    await dialog.getByLabel('Player profile').selectOption('fhd-h264-jpeg')
    await dialog.getByLabel('Destination folder').fill(out)
    await page.screenshot({ path: screenshotPath('export-dialog') })
    await dialog.getByRole('button', { name: 'Export' }).click()

    const result = dialog.getByTestId('export-result')
    await expect(result).toContainText(`The bundle is in ${out}`, { timeout: 30_000 })
    await expect(result).toContainText('2 objects')
    await expect(result).toContainText('2 copied')
    await expect(result).toContainText('verified')
    await page.screenshot({ path: screenshotPath('export-result') })
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: out })
    await dialog.getByRole('button', { name: 'Close' }).click()

    await page.getByRole('link', { name: 'Exports' }).click()
    const row = page.getByTestId('bundle-row')
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('Lobby')
    await expect(row).toContainText(out)
    await expect(row).toContainText('fhd-h264-jpeg')
    await expect(row).toContainText('Yes')
    await row.getByRole('button', { name: `Verify ${out}` }).click()
    await expect(page.getByTestId('bundle-check')).toContainText('Verified: 2 objects')
    await page.screenshot({ path: screenshotPath('exports-history') })

    // Any folder can be checked; one whose player was changed on the stick is named.
    const copy = join(scratch, 'usb', 'copy')
    execFileSync('cp', ['-r', out, copy])
    appendFileSync(join(copy, 'player', 'player.js'), '\n// changed\n')
    await page.getByLabel('Verify any bundle folder').fill(copy)
    await page.getByRole('button', { name: 'Verify folder' }).click()
    const check = page.getByTestId('bundle-check').first()
    await expect(check).toContainText('This bundle does not verify: 1 problem')
    await expect(check).toContainText('player/player.js sha256 mismatch')
    await page.screenshot({ path: screenshotPath('exports-verify-folder') })

    // The bundle's own player, from the folder, with no server.
    await page.goto(pathToFileURL(join(out, 'player', 'index.html')).href)
    const stage = page.locator('#stage')
    await expect(stage.locator('img')).toHaveAttribute('alt', 'welcome.png')
    await expect(stage).toHaveAttribute('data-index', '1', { timeout: 5000 })
    await expect(stage.locator('img')).toHaveAttribute('alt', 'menu.png')

    // The bundle in the graph explorer: what went into it.
    await page.goto(`${marquee.origin}/#/exports`)
    await page.getByRole('link', { name: 'Open Lobby in graph' }).click()
    await expect(page.getByTestId('graph-selected')).toHaveText('Lobby')
    await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-nodes', /^[3-9]/)
    await page.screenshot({ path: screenshotPath('graph-bundle') })
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
})

test('says why a playlist cannot be exported, in the dialog', async ({ page, marquee }) => {
  const scratch = mkdtempSync(join(tmpdir(), 'marquee-e2e-exports-'))
  try {
    const paths: string[] = []
    for (const [i, name] of ['welcome.png', 'gone.png'].entries()) {
      const path = await outPath(join(scratch, 'Lobby'), name)
      await (await photoLike(320, 180, 60 + i)).png().toFile(path)
      paths.push(path)
    }
    for (const args of [
      ['index', join(scratch, 'Lobby'), '--wait'],
      ['playlist', 'create', 'Lobby'],
      ['playlist', 'add', 'Lobby', ...paths],
    ]) {
      const result = await marquee.cli(...args)
      expect(result.code, result.stderr).toBe(0)
    }
    rmSync(paths[1]!)
    expect((await marquee.cli('scan')).code).toBe(0)

    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByTestId('export-dialog')
    await dialog.getByLabel('Destination folder').fill(join(scratch, 'usb'))
    await dialog.getByRole('button', { name: 'Export' }).click()
    await expect(dialog.getByRole('alert')).toContainText(
      'cannot be exported yet: gone.png (missing)',
    )
    await expect(dialog.getByRole('button', { name: 'Export' })).toBeEnabled()
    await page.screenshot({ path: screenshotPath('export-refused') })
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
})

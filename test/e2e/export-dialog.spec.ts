/// <reference lib="dom" />
// The export dialog as an operator uses it: pre-check, progress with the file at hand, cancel,
// an export that goes on after the dialog closes, the result, then the history saying which
// bundle a later playlist edit made outdated.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FFMPEG, outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test } from './serve-fixture'

/** A video no player profile accepts (4:4:4, 1440p): the export must transcode it, which takes a while. */
async function slowVideo(path: string): Promise<void> {
  await FFMPEG.run([
    ...['-f', 'lavfi', '-i', 'testsrc2=size=2560x1440:rate=25:duration=8'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv444p', '-preset', 'ultrafast', path],
  ])
}

test.setTimeout(240_000)

test('pre-check, progress, cancel, a background export, its result, and an outdated bundle', async ({
  page,
  marquee,
}) => {
  const scratch = mkdtempSync(join(tmpdir(), 'marquee-e2e-export-dialog-'))
  try {
    const lobby = join(scratch, 'Lobby')
    const images: string[] = []
    for (const [i, name] of ['welcome.png', 'menu.png', 'offers.png'].entries()) {
      const path = await outPath(lobby, name)
      await (await photoLike(640, 360, 80 + i)).png().toFile(path)
      images.push(path)
    }
    const video = await outPath(lobby, 'intro.mp4')
    await slowVideo(video)
    for (const args of [
      ['index', lobby, '--wait'],
      ['playlist', 'create', 'Lobby'],
      ['playlist', 'add', 'Lobby', images[0]!, video, images[1]!, '--duration', '2'],
    ]) {
      const result = await marquee.cli(...args)
      expect(result.code, result.stderr).toBe(0)
    }
    const out = join(scratch, 'usb', 'lobby')

    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByTestId('export-dialog')
    await expect(dialog.getByRole('group', { name: 'Removable drives' })).toBeVisible()
    await dialog.getByLabel('Destination folder').fill(out)
    const precheck = dialog.getByTestId('export-precheck')
    await expect(precheck).toContainText('3 objects, none there yet.')
    await expect(precheck).toContainText(/About [\d.]+ MB to write, [\d.]+ [MGT]B free/)
    await page.screenshot({ path: screenshotPath('export-dialog-precheck') })

    // Cancel while the video is converted for the player: the dialog says so and nothing is left.
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    await expect(dialog.getByTestId('export-current')).toHaveText('intro.mp4', { timeout: 60_000 })
    await expect(dialog.getByTestId('export-phase')).toContainText('Preparing media')
    await page.screenshot({ path: screenshotPath('export-dialog-progress') })
    await dialog.getByRole('button', { name: 'Cancel export' }).click()
    await expect(dialog.getByRole('alert').first()).toContainText('The export was cancelled.')
    await page.screenshot({ path: screenshotPath('export-dialog-cancelled') })

    // Again, then close the dialog and leave the page: the export goes on, the status bar says so.
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    await expect(dialog.getByTestId('export-progress')).toBeVisible()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toHaveCount(0)
    await page.getByRole('link', { name: 'Exports' }).click()
    await expect(page.getByTestId('export-status')).toContainText('Exporting Lobby —')
    await page.screenshot({ path: screenshotPath('export-status-bar') })
    // The window reloads: it finds the export the core is running and follows it again.
    await page.reload()
    await expect(page.getByTestId('export-status')).toContainText('Exporting Lobby —')

    // Back on the playlist, the dialog shows the same export (adopted after the reload), until
    // its result.
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await page.getByRole('button', { name: 'Export…' }).click()
    const result = dialog.getByTestId('export-result')
    await expect(result).toContainText(`The bundle is in ${out}`, { timeout: 120_000 })
    await expect(result).toContainText('3 objects')
    await expect(result).toContainText('3 copied')
    await expect(result).toContainText('3 converted for the player')
    await expect(result).toContainText(/took [\d.]+ (s|min)/)
    await expect(result).toContainText('verified')
    await expect(page.getByTestId('export-status')).toHaveCount(0)
    await page.screenshot({ path: screenshotPath('export-dialog-result') })
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: out })
    await dialog.getByRole('button', { name: 'Close' }).click()

    await page.getByRole('link', { name: 'Exports' }).click()
    const row = page.getByTestId('bundle-row')
    await expect(row).toHaveCount(1)
    await expect(row.getByTestId('bundle-playlists')).toHaveText('playlist Lobby')
    await expect(row.getByTestId('bundle-outdated')).toHaveCount(0)
    await page.screenshot({ path: screenshotPath('exports-history-current') })

    // The playlist changes after the export: one more slide, a new duration.
    expect((await marquee.cli('playlist', 'add', 'Lobby', images[2]!)).code).toBe(0)
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    const duration = page.getByLabel('Duration of welcome.png in seconds')
    await duration.fill('5')
    await duration.press('Tab')
    await expect(duration).toHaveValue('5')
    await page.getByRole('link', { name: 'Exports' }).click()
    await expect(row.getByTestId('bundle-outdated')).toHaveText('Outdated')
    await expect(page.getByTestId('bundle-changes')).toContainText(
      'Lobby: 1 item added, 1 duration changed',
    )
    await page.screenshot({ path: screenshotPath('exports-outdated') })

    // Exporting again to the same stick: the pre-check counts what is already there.
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await page.getByRole('button', { name: 'Export…' }).click()
    await dialog.getByLabel('Destination folder').fill(out)
    await expect(precheck).toContainText(
      '3 of 4 objects already there — the bundle there will be updated.',
    )
    await page.screenshot({ path: screenshotPath('export-dialog-incremental') })
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
})

test.describe('with a USB stick plugged in', () => {
  // The serve process reads its mount table and /sys/block from these (a fake stick: no test
  // machine has a real one); set before the fixture starts it, removed after.
  const fake = mkdtempSync(join(tmpdir(), 'marquee-e2e-stick-'))
  const stick = join(fake, 'media', 'LOBBY')
  test.beforeAll(() => {
    mkdirSync(stick, { recursive: true })
    const device = join(fake, 'devices', 'usb2', '2-1', 'sdb')
    mkdirSync(device, { recursive: true })
    writeFileSync(join(device, 'removable'), '1\n')
    mkdirSync(join(fake, 'block'))
    symlinkSync(device, join(fake, 'block', 'sdb'))
    writeFileSync(join(fake, 'mounts'), `/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 ${stick} vfat rw 0 0\n`)
    process.env.MARQUEE_PROC_MOUNTS = join(fake, 'mounts')
    process.env.MARQUEE_SYS_BLOCK = join(fake, 'block')
  })
  test.afterAll(() => {
    delete process.env.MARQUEE_PROC_MOUNTS
    delete process.env.MARQUEE_SYS_BLOCK
    rmSync(fake, { recursive: true, force: true })
  })

  test('offers the stick, says it is FAT32, and exports onto it', async ({ page, marquee }) => {
    const media = join(fake, 'Lobby')
    const path = await outPath(media, 'welcome.png')
    await (await photoLike(640, 360, 90)).png().toFile(path)
    for (const args of [
      ['index', media, '--wait'],
      ['playlist', 'create', 'Lobby'],
      ['playlist', 'add', 'Lobby', path],
    ]) {
      const result = await marquee.cli(...args)
      expect(result.code, result.stderr).toBe(0)
    }
    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByTestId('export-dialog')
    const drives = dialog.getByRole('group', { name: 'Removable drives' })
    await drives.getByRole('button', { name: /^LOBBY · vfat · [\d.]+ [KMGT]B free$/ }).click()
    await expect(dialog.getByLabel('Destination folder')).toHaveValue(join(stick, 'Lobby'))
    await expect(dialog.getByTestId('export-precheck-space')).toContainText(
      'on vfat. FAT32: no single file may reach 4 GB.',
    )
    await page.screenshot({ path: screenshotPath('export-dialog-drive') })
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    await expect(dialog.getByTestId('export-result')).toContainText('1 object', {
      timeout: 60_000,
    })
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: join(stick, 'Lobby') })
  })
})

/// <reference lib="dom" />
// Player profiles and compliance: a playlist's profile picker, its badges, and the Profiles page.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { FFMPEG, outPath, photoLike } from '../fixtures/media-tools'
import { playerReadyMp4 } from '../support/export-fixtures'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

/** A playlist "Lobby": a 2400×1350 PNG, an MP4 a player takes as is, an iPhone-style HEVC. */
async function lobby(marquee: Marquee, media: string): Promise<void> {
  const photo = await outPath(media, 'welcome.png')
  await (await photoLike(2400, 1350, 7)).png().toFile(photo)
  const ready = await playerReadyMp4(media, 'ready.mp4')
  const hevc = join(media, 'iphone.mp4')
  await FFMPEG.run([
    ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=1'],
    ...['-c:v', 'libx265', '-preset', 'ultrafast', '-tag:v', 'hvc1', '-pix_fmt', 'yuv420p'],
    ...['-x265-params', 'log-level=error', '-movflags', '+faststart', hevc],
  ])
  const run = async (...args: string[]) => {
    const result = await marquee.cli(...args)
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
  }
  await run('index', media, '--wait')
  await run('playlist', 'create', 'Lobby')
  await run('playlist', 'add', 'Lobby', photo, ready, hevc)
}

const badgeOf = (page: Page, name: string) =>
  page
    .getByTestId('collection-item')
    .filter({ has: page.locator('td.cell-name', { hasText: name }) })
    .getByTestId('compliance-badge')
const summary = (page: Page) => page.getByTestId('compliance-summary')
const picker = (page: Page) => page.getByTestId('profile-picker').getByLabel('Player profile')

test.describe('player profiles', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-profiles-'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('shows per item what the player gets, and changes with the profile picked', async ({
    page,
    marquee,
  }) => {
    await lobby(marquee, media)
    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await expect(picker(page)).toHaveValue('fhd-h264')
    await expect(badgeOf(page, 'ready.mp4')).toHaveText('plays as is')
    await expect(badgeOf(page, 'iphone.mp4')).toHaveText('will be transcoded: HEVC → H.264')
    await expect(badgeOf(page, 'welcome.png')).toHaveText('will be converted: PNG → WebP')
    await expect(summary(page)).toHaveText(
      'For this profile: 1 plays as is, 1 will be transcoded, 1 will be converted.',
    )
    await page.screenshot({ path: screenshotPath('profiles-playlist-fhd'), fullPage: true })

    await picker(page).selectOption('fhd-h264-jpeg')
    await expect(badgeOf(page, 'welcome.png')).toHaveText('will be converted: PNG → JPEG')
    await page.screenshot({ path: screenshotPath('profiles-playlist-jpeg'), fullPage: true })
    // The pick is the playlist's: it is there after a reload, and the export dialog starts on it.
    await page.reload()
    await expect(picker(page)).toHaveValue('fhd-h264-jpeg')
    await expect(badgeOf(page, 'welcome.png')).toHaveText('will be converted: PNG → JPEG')
    await page.getByRole('button', { name: 'Export…' }).click()
    await expect(
      page.getByTestId('export-dialog').getByRole('combobox', { name: 'Player profile' }),
    ).toHaveValue('fhd-h264-jpeg')
  })

  test('adds a custom profile, refusing bad fields, and a playlist can use it', async ({
    page,
    marquee,
  }) => {
    await lobby(marquee, media)
    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/profiles`)
    const rows = page.getByTestId('profile-row')
    await expect(rows).toHaveCount(3)
    await expect(rows.filter({ hasText: 'uhd-h264' })).toContainText('3840×2160')
    await expect(rows.filter({ hasText: 'fhd-h264-jpeg' })).toContainText('JPEG')

    await page.getByRole('button', { name: 'Add custom profile' }).click()
    const form = page.getByTestId('add-profile-form')
    await form.getByLabel('Name').fill('Lobby 720p')
    await form.getByLabel('Maximum resolution').fill('1280 by 720')
    await form.getByLabel('Maximum bit rate (Mbit/s)').fill('500')
    await form.getByRole('button', { name: 'Add profile' }).click()
    await expect(form.getByRole('alert')).toHaveCount(3)
    await expect(form).toContainText('use 1 to 40 lower-case letters, digits and dashes')
    await expect(form).toContainText('"1280 by 720" is not width×height')
    await expect(form).toContainText('at most 100 Mbit/s')
    await page.screenshot({ path: screenshotPath('profiles-add-invalid'), fullPage: true })

    await form.getByLabel('Name').fill('lobby-720p')
    await form.getByLabel('Maximum resolution').fill('1280x720')
    await form.getByLabel('H.264 level').selectOption('3.1')
    await form.getByLabel('Maximum bit rate (Mbit/s)').fill('4')
    await form.getByLabel('Image format').selectOption('png')
    await form.getByRole('button', { name: 'Add profile' }).click()
    await expect(form).toHaveCount(0)
    await expect(rows).toHaveCount(4)
    const custom = rows.filter({ hasText: 'lobby-720p' })
    await expect(custom).toContainText('custom')
    await expect(custom).toContainText('1280×720')
    await expect(custom).toContainText('≤ 4 Mbit/s')
    await custom.scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('profiles-added') })

    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await picker(page).selectOption('lobby-720p')
    await expect(badgeOf(page, 'welcome.png')).toHaveText('will be converted: PNG → PNG')
    await expect(badgeOf(page, 'welcome.png')).toHaveAttribute(
      'title',
      'will be converted: PNG → PNG\n2400×1350 → 1280×720',
    )
    await page.screenshot({ path: screenshotPath('profiles-playlist-custom'), fullPage: true })

    // Deleting it says the playlist falls back to the default profile.
    await page.goto(`${marquee.origin}/#/profiles`)
    await expect(custom).toContainText('playlist Lobby')
    await custom.getByRole('button', { name: 'Delete lobby-720p' }).click()
    await expect(custom).toContainText('playlist Lobby will go back to fhd-h264.')
    await page.screenshot({ path: screenshotPath('profiles-delete-confirm') })
    await custom.getByRole('button', { name: 'Delete anyway' }).click()
    await expect(page.getByTestId('profiles-notice')).toContainText(
      'Playlist Lobby was set to "lobby-720p" and now uses fhd-h264.',
    )
    await expect(rows).toHaveCount(3)
    await page.screenshot({ path: screenshotPath('profiles-deleted'), fullPage: true })
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    await expect(picker(page)).toHaveValue('fhd-h264')
  })
})

/// <reference lib="dom" />
// Issue 14's journey, end to end as an operator does it: add a folder, build a playlist from
// the gallery (drag and "Add to…"), reorder, set durations, read the compliance badges, export
// to a folder with progress, check the result and the history, then check the bundle with
// `sha256sum -c` and play it from the folder in a browser that has no network.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Locator, Page } from '@playwright/test'
import { FFMPEG, outPath, photoLike } from '../fixtures/media-tools'
import { noFaststartMp4, playerReadyMp4 } from '../support/export-fixtures'
import { expect, screenshotPath, test } from './serve-fixture'

const PLAYLIST = 'Lobby loop'
const DRAGGED = ['welcome.png', 'menu.png']
const BULK = ['offers.png', 'ready.mp4', 'remux.mp4', 'intro.mp4']

/**
 * The lobby folder: three photos, a clip the player takes as is, one that only needs its index
 * moved to the front (remux), and one it cannot play (4:4:4, 1440p: transcode). The transcode
 * takes a few seconds, which is what lets the progress be seen.
 */
async function lobbyFolder(scratch: string): Promise<string> {
  const folder = join(scratch, 'Lobby')
  for (const [i, name] of ['welcome.png', 'menu.png', 'offers.png'].entries())
    await (await photoLike(1280, 720, 60 + i)).png().toFile(await outPath(folder, name))
  await playerReadyMp4(folder, 'ready.mp4')
  await noFaststartMp4(folder, 'remux.mp4')
  await FFMPEG.run([
    ...['-f', 'lavfi', '-i', 'testsrc2=size=2560x1440:rate=25:duration=4'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv444p', '-preset', 'ultrafast'],
    join(folder, 'intro.mp4'),
  ])
  return folder
}

const shot = (page: Page, step: string) =>
  page.screenshot({ path: screenshotPath(`journey-${step}`) })
const tileNamed = (page: Page, name: string) =>
  page.getByTestId('gallery-item').filter({ has: page.locator('.tile__name', { hasText: name }) })
const sidebarEntry = (page: Page) =>
  page.getByTestId('sidebar-collection').filter({ hasText: PLAYLIST })
const rows = (page: Page) => page.getByTestId('collection-item')
const names = (page: Page) => rows(page).locator('td.cell-name')
const badgeOf = (page: Page, name: string) =>
  rows(page)
    .filter({ has: page.locator('td.cell-name', { hasText: name }) })
    .getByTestId('compliance-badge')

/** Drags with the mouse, stopping over the target until it shows it takes the drop. */
async function drag(page: Page, from: Locator, to: Locator, step: string): Promise<void> {
  const a = (await from.boundingBox())!
  const b = (await to.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 12, { steps: 4 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 })
  await expect(to).toHaveAttribute('data-drop', 'over')
  await shot(page, step)
  await page.mouse.up()
}

// Processing and a transcoding export on a loaded 2-core machine: generous, not tight.
test.setTimeout(240_000)

test('an operator builds a playlist, exports it, and plays the bundle with no network', async ({
  page,
  marquee,
  browser,
}) => {
  const scratch = mkdtempSync(join(tmpdir(), 'marquee-e2e-journey-'))
  try {
    const folder = await lobbyFolder(scratch)
    const out = join(scratch, 'usb', 'lobby')

    // 1. Add the folder and wait for it to be processed.
    await page.goto(marquee.url)
    const form = page.getByTestId('add-folder-form')
    await form.getByLabel('Folder path').fill(folder)
    await form.getByRole('button', { name: 'Add folder' }).click()
    await page.getByTestId('root-item').filter({ hasText: 'Lobby' }).click()
    await page.getByRole('link', { name: 'Folder details' }).click()
    const stat = (key: string) =>
      page.getByTestId('index-stats').locator(`[data-stat="${key}"] .stats__value`)
    await expect(stat('ready')).toHaveText('6', { timeout: 90_000 })
    await expect(stat('failed')).toHaveText('0')
    await shot(page, '01-folder-processed')

    // 2. A new, empty playlist; it appears in the sidebar.
    await page.getByRole('link', { name: 'Collections' }).click()
    const playlists = page.getByTestId('playlist-list')
    await playlists.getByLabel('New playlist name').fill(PLAYLIST)
    await playlists.getByRole('button', { name: 'Create playlist' }).click()
    await expect(sidebarEntry(page)).toContainText('0')

    // 3. From the gallery: two photos dragged onto the playlist in the sidebar…
    await page.getByRole('link', { name: 'Library', exact: true }).click()
    await expect(page.getByTestId('gallery-count')).toHaveText('6 items', { timeout: 20_000 })
    const notice = page.getByTestId('gallery-notice')
    await tileNamed(page, DRAGGED[0]!).click()
    await tileNamed(page, DRAGGED[1]!).click({ modifiers: ['ControlOrMeta'] })
    await expect(page.getByTestId('selection-count')).toHaveText('2 selected')
    await drag(page, tileNamed(page, DRAGGED[0]!), sidebarEntry(page), '02-drag-onto-playlist')
    await expect(notice).toContainText(`2 items added. Playlist “${PLAYLIST}” now holds 2`)

    // …and the rest with the bulk action "Add to…".
    await tileNamed(page, BULK[0]!).click()
    for (const name of BULK.slice(1))
      await tileNamed(page, name).click({ modifiers: ['ControlOrMeta'] })
    await expect(page.getByTestId('selection-count')).toHaveText('4 selected')
    await page.getByRole('button', { name: 'Add to…' }).click()
    const collect = page.getByTestId('collect-dialog')
    await collect.getByRole('radio', { name: 'Playlist' }).click()
    await collect.getByLabel('Name').fill(PLAYLIST)
    await shot(page, '03-bulk-add-to')
    await collect.getByRole('button', { name: 'Add', exact: true }).click()
    await expect(notice).toContainText(`4 items added. Playlist “${PLAYLIST}” now holds 6`)
    await expect(sidebarEntry(page)).toContainText('6')

    // 4. The playlist: the dragged photos first, then the bulk ones.
    await sidebarEntry(page).click()
    await expect(rows(page)).toHaveCount(6)
    const added = await names(page).allTextContents()
    expect(added.slice(0, 2).sort()).toEqual([...DRAGGED].sort())
    expect(added.slice(2).sort()).toEqual([...BULK].sort())
    const [n0, n1, n2, n3, n4, n5] = added as [string, string, string, string, string, string]

    // Reorder: the last row dragged to the top, then by keyboard down twice and one up.
    await rows(page).nth(5).dragTo(rows(page).nth(0))
    await expect(names(page)).toHaveText([n5, n0, n1, n2, n3, n4])
    await rows(page).nth(0).focus()
    await page.keyboard.press('Alt+ArrowDown')
    await page.keyboard.press('Alt+ArrowDown')
    await expect(names(page)).toHaveText([n0, n1, n5, n2, n3, n4])
    await expect(rows(page).nth(2)).toBeFocused()
    await rows(page).nth(1).focus()
    await page.keyboard.press('Alt+ArrowUp')
    const order = [n1, n0, n5, n2, n3, n4]
    await expect(names(page)).toHaveText(order)
    await expect(rows(page).nth(0)).toBeFocused()
    await shot(page, '04-reordered')

    // 5. Durations: the first photo 2 s on its own, then the next two 3 s at once.
    const summary = page.getByTestId('collection-summary')
    const first = page.getByLabel(`Duration of ${n1} in seconds`)
    await first.fill('2')
    await first.press('Tab')
    await expect(first).toHaveValue('2')
    await page.getByLabel(`Select ${n0}`).check()
    await page.getByLabel(`Select ${n5}`).check()
    await page.getByLabel('Duration for the selected items, in seconds').fill('3')
    await page.getByRole('button', { name: 'Set duration' }).click()
    await expect(page.getByLabel(`Duration of ${n0} in seconds`)).toHaveValue('3')
    await expect(page.getByLabel(`Duration of ${n5} in seconds`)).toHaveValue('3')
    await expect(summary).toContainText('Playlist · 6 items ·')
    await shot(page, '05-durations')

    // 6. What each item becomes on the default profile's player, and the summary.
    await expect(page.getByTestId('profile-picker').getByLabel('Player profile')).toHaveValue(
      'fhd-h264',
    )
    await expect(badgeOf(page, 'ready.mp4')).toHaveText('plays as is')
    await expect(badgeOf(page, 'remux.mp4')).toHaveText('will be remuxed')
    await expect(badgeOf(page, 'intro.mp4')).toHaveText('will be transcoded: H.264 → H.264')
    for (const photo of ['welcome.png', 'menu.png', 'offers.png'])
      await expect(badgeOf(page, photo)).toHaveText('will be converted: PNG → WebP')
    await expect(page.getByTestId('compliance-summary')).toHaveText(
      'For this profile: 1 plays as is, 1 will be remuxed, 1 will be transcoded, 3 will be converted.',
    )
    await page.screenshot({ path: screenshotPath('journey-06-compliance'), fullPage: true })

    // 7. Export…: a folder typed in, the pre-check, then progress on the clip being transcoded.
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByTestId('export-dialog')
    await dialog.getByLabel('Destination folder').fill(out)
    const precheck = dialog.getByTestId('export-precheck')
    await expect(precheck).toContainText('6 objects, none there yet.')
    await expect(precheck).toContainText(/About [\d.]+ [KMG]B to write, [\d.]+ [MGT]B free/)
    await shot(page, '07-precheck')
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    await expect(dialog.getByTestId('export-progress')).toBeVisible()
    await expect(dialog.getByTestId('export-current')).toHaveText('intro.mp4', { timeout: 60_000 })
    await shot(page, '08-progress')

    // 8. The result, verified.
    const result = dialog.getByTestId('export-result')
    await expect(result).toContainText(`The bundle is in ${out}`, { timeout: 120_000 })
    await expect(result).toContainText('6 objects')
    await expect(result).toContainText('6 copied')
    await expect(result).toContainText('5 converted for the player')
    await expect(result).toContainText('verified')
    await expect(result).not.toContainText('not verified')
    await shot(page, '09-result')
    await dialog.getByRole('button', { name: 'Close' }).click()

    // 9. The bundle in the Exports history.
    await page.getByRole('link', { name: 'Exports' }).click()
    const bundle = page.getByTestId('bundle-row')
    await expect(bundle).toHaveCount(1)
    await expect(bundle.getByTestId('bundle-playlists')).toHaveText(`playlist ${PLAYLIST}`)
    await expect(bundle).toContainText(out)
    await expect(bundle.locator('td').nth(5)).toHaveText('Yes')
    await shot(page, '10-history')

    // 10. The bundle checks with the stock tool, player files included.
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' })
    expect(checked).toContain('player/index.html: OK')
    expect(checked).not.toMatch(/FAILED/)

    // 11. The player from the folder, in a fresh browser with every non-file request refused.
    const offline = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    try {
      await offline.setOffline(true)
      const refused: string[] = []
      await offline.route('**/*', (route) => {
        const url = route.request().url()
        if (url.startsWith('file:')) return route.continue()
        refused.push(url)
        return route.abort()
      })
      // When each item went on stage, by the page's clock, from before the first one.
      await offline.addInitScript(() => {
        const shown: Array<{ index: string; at: number }> = []
        Object.assign(window, { shown })
        new MutationObserver((records) => {
          for (const r of records) {
            const el = r.target as HTMLElement
            if (el.id === 'stage' && el.dataset.index !== undefined)
              shown.push({ index: el.dataset.index, at: performance.now() })
          }
        }).observe(document, { subtree: true, attributeFilter: ['data-index'] })
      })
      const player = await offline.newPage()
      await player.goto(pathToFileURL(join(out, 'player', 'index.html')).href)
      const stage = player.locator('#stage')
      const decoded = () =>
        player.locator('#stage > img').evaluate((img: HTMLImageElement) => img.naturalWidth)
      await expect(stage).toHaveAttribute('data-index', '0')
      await expect(stage.locator('img')).toHaveAttribute('alt', order[0]!)
      await expect.poll(decoded).toBeGreaterThan(0)
      await player.screenshot({ path: screenshotPath('journey-11-player-first') })

      // The only waits on the clock: the items' own durations, 2 s then 3 s.
      await expect(stage).toHaveAttribute('data-index', '1', { timeout: 10_000 })
      await expect(stage.locator('img')).toHaveAttribute('alt', order[1]!)
      await expect.poll(decoded).toBeGreaterThan(0)
      await player.screenshot({ path: screenshotPath('journey-12-player-second') })

      // Third, after the second photo's 3 s: the clip the export transcoded, playing.
      await expect(stage).toHaveAttribute('data-index', '2', { timeout: 15_000 })
      const clip = stage.locator('video')
      await expect
        .poll(() => clip.evaluate((v: HTMLVideoElement) => v.currentTime))
        .toBeGreaterThan(0)
      await player.screenshot({ path: screenshotPath('journey-13-player-video') })

      // Each stayed its duration (lower bounds: a late timer on a busy machine is no fault).
      const shown = await player.evaluate(
        () => (window as unknown as { shown: Array<{ index: string; at: number }> }).shown,
      )
      const at = (index: string) => shown.find((s) => s.index === index)!.at
      expect(at('1') - at('0')).toBeGreaterThanOrEqual(1950)
      expect(at('2') - at('1')).toBeGreaterThanOrEqual(2950)
      expect(refused).toEqual([])
    } finally {
      await offline.close()
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
})

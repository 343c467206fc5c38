/// <reference lib="dom" />
// The offline player in every bundle, opened from the bundle folder with no server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from '@playwright/test'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

/** A two-image playlist, one second each, exported with the CLI; returns the bundle folder. */
async function exportLobby(marquee: Marquee, scratch: string): Promise<string> {
  const media = join(scratch, 'Lobby')
  const paths: string[] = []
  for (const [name, seed] of [
    ['welcome.png', 3],
    ['menu.png', 9],
  ] as const) {
    const path = await outPath(media, name)
    await (await photoLike(640, 360, seed)).png().toFile(path)
    paths.push(path)
  }
  const run = async (...args: string[]) => {
    const result = await marquee.cli(...args)
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
    return result
  }
  await run('index', media, '--wait')
  await run('playlist', 'create', 'Lobby')
  await run('playlist', 'add', 'Lobby', ...paths, '--duration', '1')
  const out = join(scratch, 'usb', 'lobby')
  await run('export', '--playlist', 'Lobby', '--profile', 'fhd-h264', '--out', out)
  return out
}

/** Whether the image on stage has decoded: a broken image has no natural width. */
function shownImage(page: Page) {
  return page.locator('#stage > img').evaluate((img: HTMLImageElement) => img.naturalWidth)
}

test('plays the bundle from its folder: first item, then the second after its duration, looping', async ({
  page,
  marquee,
}) => {
  const scratch = mkdtempSync(join(tmpdir(), 'marquee-player-e2e-'))
  try {
    const out = await exportLobby(marquee, scratch)
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(pathToFileURL(join(out, 'player', 'index.html')).href)

    const stage = page.locator('#stage')
    await expect(stage).toHaveAttribute('data-index', '0')
    await expect(stage.locator('img')).toHaveAttribute('alt', 'welcome.png')
    await expect.poll(() => shownImage(page)).toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('player-first-item') })

    await expect(stage).toHaveAttribute('data-index', '1', { timeout: 5000 })
    await expect(stage.locator('img')).toHaveAttribute('alt', 'menu.png')
    await expect.poll(() => shownImage(page)).toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('player-second-item') })

    await expect(stage).toHaveAttribute('data-index', '0', { timeout: 5000 })
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
})

test('says which object is missing, and goes on to the next item', async ({ page, marquee }) => {
  const scratch = mkdtempSync(join(tmpdir(), 'marquee-player-e2e-'))
  try {
    const out = await exportLobby(marquee, scratch)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      playlists: Array<{ items: Array<{ object: string }> }>
    }
    const first = manifest.playlists[0]!.items[0]!.object
    rmSync(join(out, ...first.split('/')))
    await page.goto(pathToFileURL(join(out, 'player', 'index.html')).href)

    const stage = page.locator('#stage')
    await expect(stage).toHaveAttribute('data-state', 'missing')
    await expect(stage.getByRole('alert')).toContainText('Missing: welcome.png')
    await expect(stage.getByRole('alert')).toContainText(first)
    await page.screenshot({ path: screenshotPath('player-missing-object') })
    await expect(stage).toHaveAttribute('data-index', '1', { timeout: 5000 })
    await expect.poll(() => shownImage(page)).toBeGreaterThan(0)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
})

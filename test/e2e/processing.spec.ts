/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { landscapeVideo, tinyPng } from '../fixtures/media'
import { expect, screenshotPath, test } from './serve-fixture'

/** The number shown for one status in the folder's "In the index" panel. */
const stat = (page: Page, key: string) =>
  page.getByTestId('index-stats').locator(`[data-stat="${key}"] .stats__value`)

async function mediaFolder(parent: string, name: string, images: number): Promise<string> {
  const folder = join(parent, name)
  for (let i = 0; i < images; i++) await tinyPng(folder, `slide-${i + 1}.png`)
  await landscapeVideo(folder, 'loop.mp4')
  return folder
}

test.describe('the running app processes what it is given', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-media-'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('processes a folder added in the UI, live, with no restart', async ({ page, marquee }) => {
    const folder = await mediaFolder(media, 'Lobby Screens', 6)
    await page.goto(marquee.url)
    const form = page.getByTestId('add-folder-form')
    await form.getByLabel('Folder path').fill(folder)
    await form.getByRole('button', { name: 'Add folder' }).click()
    await page.getByTestId('root-item').filter({ hasText: 'Lobby Screens' }).click()
    // The sidebar opens the folder's gallery; its details page holds the index numbers.
    await page.getByRole('link', { name: 'Folder details' }).click()

    // The panel follows the core's events (scan done, then processing progress).
    await expect(stat(page, 'present')).toHaveText('7', { timeout: 20_000 })
    await expect(stat(page, 'ready')).toHaveText('7', { timeout: 60_000 })
    await expect(stat(page, 'waiting')).toHaveText('0')
    await expect(stat(page, 'failed')).toHaveText('0')
    await page.screenshot({ path: screenshotPath('processed-from-ui'), fullPage: true })

    const status = JSON.parse((await marquee.cli('status', '--json')).stdout)
    expect(status.assets).toEqual({ ready: 7 })
  })

  test('shows a folder the CLI indexes while serve runs, and processes it live', async ({
    page,
    marquee,
  }) => {
    const folder = await mediaFolder(media, 'Menu Boards', 4)
    await page.goto(marquee.url)
    await expect(page.getByTestId('connection-status')).toContainText('Connected')

    // The CLI joins the running instance: the work (and its events) happen in serve.
    const indexing = marquee.cli('index', folder, '--wait', '--json')
    const item = page.getByTestId('root-item').filter({ hasText: 'Menu Boards' })
    await expect(item).toBeVisible({ timeout: 20_000 })
    await item.click()
    // The sidebar opens the folder's gallery; its details page holds the index numbers.
    await page.getByRole('link', { name: 'Folder details' }).click()
    await expect(stat(page, 'ready')).toHaveText('5', { timeout: 60_000 })

    const indexed = await indexing
    expect(indexed.stderr).toBe('')
    expect(indexed.code).toBe(0)
    expect(JSON.parse(indexed.stdout)).toMatchObject({
      roots: [{ label: 'Menu Boards', status: 'online' }],
      scans: [{ status: 'completed', added: 5 }],
    })
    await page.screenshot({ path: screenshotPath('processed-from-cli'), fullPage: true })
  })

  test('a second serve on the same library says who holds it and exits 2', async ({ marquee }) => {
    const second = await marquee.cli('serve', '--port', '0')
    expect(second.code).toBe(2)
    expect(second.stderr).toMatch(/is open in marquee serve \(process \d+/)
  })
})

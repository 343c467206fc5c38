/// <reference lib="dom" />
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import sharp from 'sharp'
import { expect, screenshotPath, test } from './serve-fixture'

const tile = (page: Page, name: string) =>
  page.locator(`[data-testid="gallery-item"][aria-label^="${name},"]`)
const count = (page: Page) => page.getByTestId('gallery-count')

async function picture(file: string, background: string, stripe?: string): Promise<void> {
  const base = sharp({ create: { width: 640, height: 400, channels: 3, background } })
  const withStripe = stripe
    ? base.composite([
        {
          input: { create: { width: 160, height: 400, channels: 3, background: stripe } },
          left: 0,
          top: 0,
        },
      ])
    : base
  await withStripe.png().toFile(file)
}

test.describe('palette, integrity and the virus-scan switch', () => {
  let media: string
  test.beforeEach(() => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-analysis-'))
  })
  test.afterEach(() => rmSync(media, { recursive: true, force: true }))

  test('shows each picture’s colours, filters by colour and by changed bytes', async ({
    page,
    marquee,
  }) => {
    const folder = join(media, 'Lobby')
    mkdirSync(folder)
    await picture(join(folder, 'poppy.png'), '#d01020')
    await picture(join(folder, 'harbour.png'), '#1040c0', '#f0d000')
    await picture(join(folder, 'meadow.png'), '#30a040')
    const indexed = await marquee.cli('index', folder, '--wait', '--json')
    expect(indexed.code, indexed.stderr).toBe(0)

    // A failing disk: one byte of meadow.png flips, its size and date stay.
    const meadow = join(folder, 'meadow.png')
    const stamp = statSync(meadow)
    const bytes = readFileSync(meadow)
    bytes[bytes.length >> 1]! ^= 0xff
    writeFileSync(meadow, bytes)
    utimesSync(meadow, stamp.atime, stamp.mtime)
    const verify = await marquee.cli('verify', '--json')
    expect(verify.code).toBe(1)
    expect(JSON.parse(verify.stdout).changed).toHaveLength(1)

    // Tall enough that the selection bar leaves the inspector's facts in sight.
    await page.setViewportSize({ width: 1280, height: 1000 })
    await page.goto(marquee.url)
    await expect(count(page)).toHaveText('3 items', { timeout: 20_000 })
    await tile(page, 'harbour.png').click()
    await page.keyboard.press('i')
    const inspector = page.getByTestId('inspector')
    const colours = inspector.getByTestId('inspector-colours')
    await expect(colours).toContainText('#1040c0')
    await expect(colours).toContainText('#f0d000')
    await expect(colours).toContainText('dominant')
    await expect(inspector.getByTestId('inspector-integrity')).toContainText('Bytes as indexed')
    await page.screenshot({ path: screenshotPath('analysis-palette') })

    // A blue near the harbour's: only that picture.
    await page.getByLabel('Colour', { exact: true }).fill('#1844b8')
    await expect(count(page)).toHaveText('1 item')
    await expect(tile(page, 'harbour.png')).toBeVisible()
    await page.screenshot({ path: screenshotPath('analysis-colour-filter') })
    await page.getByRole('button', { name: 'Any colour' }).click()
    await expect(count(page)).toHaveText('3 items')

    await page.getByLabel('Changed on disk').check()
    await expect(count(page)).toHaveText('1 item')
    await tile(page, 'meadow.png').click()
    await expect(inspector.getByTestId('inspector-integrity')).toContainText(
      'Bytes changed on disk while the size and date did not',
    )
    await page.screenshot({ path: screenshotPath('analysis-changed-on-disk') })

    // The user knows the new bytes are right: the file is processed again as it is now.
    await inspector.getByRole('button', { name: 'The new bytes are right…' }).click()
    await expect(inspector.getByText('Use the file as it is now?')).toBeVisible()
    await page.screenshot({ path: screenshotPath('analysis-accept-bytes') })
    await inspector.getByRole('button', { name: 'Use these bytes' }).click()
    // It leaves the "Changed on disk" list at once (the count is not an old cached one), and
    // the core finds nothing to flag any more.
    await expect(count(page)).toHaveText('0 items', { timeout: 20_000 })
    expect(JSON.parse((await marquee.cli('verify', '--json')).stdout).changed).toEqual([])
  })

  test('turns the virus scan on for a folder from its details page', async ({ page, marquee }) => {
    const folder = join(media, 'Menus')
    mkdirSync(folder)
    await picture(join(folder, 'menu.png'), '#f0f0f0')
    const added = await marquee.cli('roots', 'add', folder, '--json')
    expect(added.code, added.stderr).toBe(0)
    await page.goto(marquee.url)
    await page.getByTestId('root-item').filter({ hasText: 'Menus' }).click()
    await page.getByRole('link', { name: 'Folder details' }).click()
    const toggle = page.getByLabel('Scan files with ClamAV before processing')
    await expect(toggle).not.toBeChecked()
    await toggle.check()
    await expect
      .poll(
        async () => JSON.parse((await marquee.cli('roots', 'ls', '--json')).stdout)[0].virusScan,
      )
      .toBe(true)
    await expect(toggle).toBeChecked()
    await page.screenshot({ path: screenshotPath('analysis-virus-scan-toggle'), fullPage: true })
  })
})

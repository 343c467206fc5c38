/// <reference lib="dom" />
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page, Route } from '@playwright/test'
import solid from 'vite-plugin-solid'
import { build } from 'vite'
import { inboxFolder } from '../../src/main/services/import-plan'
import { expect, screenshotPath, test } from './serve-fixture'

const HARNESS_OUT = join(process.cwd(), 'out', 'renderer', 'e2e-import')
const CLIP_BYTES = 20 * 1024 * 1024

/** The same pseudo-random bytes here and in the page (xorshift32): the clip's expected hash. */
function clipBytes(): Buffer {
  const bytes = Buffer.alloc(CLIP_BYTES)
  let x = 2463534242
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  return bytes
}

/** Drops files made in the page on the drop zone, as a file manager's drag would. */
async function dropFiles(page: Page, files: Array<{ name: string; text?: string; clip?: true }>) {
  await page.getByTestId('import-drop-zone').evaluate((zone, list) => {
    const transfer = new DataTransfer()
    for (const f of list) {
      let bytes: Uint8Array
      if (f.clip) {
        bytes = new Uint8Array(20 * 1024 * 1024)
        let x = 2463534242
        for (let i = 0; i < bytes.length; i++) {
          x ^= x << 13
          x ^= x >>> 17
          x ^= x << 5
          bytes[i] = x & 0xff
        }
      } else bytes = new TextEncoder().encode(f.text ?? f.name)
      transfer.items.add(
        new File([bytes as Uint8Array<ArrayBuffer>], f.name, { lastModified: 1_700_000_000_000 }),
      )
    }
    for (const type of ['dragenter', 'dragover', 'drop'])
      zone.dispatchEvent(
        new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
      )
  }, files)
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

test.beforeAll(async () => {
  // The drop target alone on a page of the built renderer, so serve mode serves it.
  rmSync(HARNESS_OUT, { recursive: true, force: true })
  await build({
    root: join(process.cwd(), 'test', 'e2e', 'import-harness'),
    base: '/e2e-import/',
    plugins: [solid()],
    logLevel: 'warn',
    build: { outDir: HARNESS_OUT, emptyOutDir: true },
  })
})

test.describe('dropping files in a browser on serve mode', () => {
  let library: string
  test.beforeEach(() => {
    library = mkdtempSync(join(tmpdir(), 'marquee-e2e-library-'))
  })
  test.afterEach(() => rmSync(library, { recursive: true, force: true }))

  test('uploads them with tus, resumes after a dropped connection, and sums up each file', async ({
    page,
    marquee,
  }) => {
    expect((await marquee.cli('roots', 'add', library)).code).toBe(0)
    const token = new URL(marquee.url).searchParams.get('token')
    await page.goto(`${marquee.origin}/e2e-import/index.html?token=${token}`)
    await expect(page.getByTestId('gallery-stand-in')).toBeVisible()

    // The clip goes in 8 MiB chunks: the second loses its connection once, the third waits
    // for the screenshot.
    const MiB8 = String(8 * 1024 * 1024)
    const MiB16 = String(16 * 1024 * 1024)
    let resumedPatches = 0
    let secondAborted = false
    let heads = 0
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    let arrived: () => void = () => undefined
    const third = new Promise<void>((resolve) => (arrived = resolve))
    await page.route('**/upload/**', async (route: Route) => {
      const request = route.request()
      if (request.method() === 'HEAD') heads++
      const offset = request.headers()['upload-offset']
      if (request.method() !== 'PATCH' || offset === '0') return route.continue()
      resumedPatches++
      if (offset === MiB8 && !secondAborted) {
        secondAborted = true
        return route.abort('connectionreset')
      }
      if (offset === MiB16) {
        arrived()
        await held
      }
      return route.continue()
    })

    // While files hover, the zone says where they will go.
    await page.getByTestId('import-drop-zone').evaluate((zone) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['x'], 'poster.jpg'))
      zone.dispatchEvent(
        new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      )
    })
    await expect(page.getByText('Drop to import')).toBeVisible()
    await expect(page.getByText(/^into .* › Inbox$/)).toBeVisible()
    await page.screenshot({ path: screenshotPath('import-drop-overlay') })

    await dropFiles(page, [
      { name: 'poster.jpg', text: 'a poster, as far as this test cares' },
      { name: 'clip.mp4', clip: true },
      { name: 'notes.txt' },
    ])
    const drop = page.getByTestId('import-drop')
    await third
    await expect(drop).toHaveAttribute('data-phase', 'copying')
    await expect(page.getByTestId('import-file').filter({ hasText: 'clip.mp4' })).toBeVisible()
    await page.screenshot({ path: screenshotPath('import-drop-panel-uploading') })
    release()

    await expect(drop).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
    await expect(page.getByText('Drop to import')).toBeHidden()
    await expect(page.getByTestId('import-count-imported')).toHaveText('2 imported')
    await expect(page.getByTestId('import-count-failed')).toHaveText('1 failed')
    await expect(page.getByTestId('import-failed')).toContainText(
      'notes.txt is not a media file Marquee knows',
    )
    await page.screenshot({ path: screenshotPath('import-drop-panel-summary') })
    // The interrupted chunk was asked about (HEAD) and sent again, not the whole clip.
    expect(secondAborted).toBe(true)
    expect(heads).toBeGreaterThan(0)
    expect(resumedPatches).toBe(3)

    const inbox = join(library, inboxFolder('Inbox', new Date()))
    expect(readdirSync(inbox).sort()).toEqual(['clip.mp4', 'poster.jpg'])
    expect(sha256(readFileSync(join(inbox, 'clip.mp4')))).toBe(sha256(clipBytes()))

    // The same poster again: said to be there already, and where.
    await page.getByRole('button', { name: 'Dismiss' }).click()
    await dropFiles(page, [
      { name: 'poster-again.jpg', text: 'a poster, as far as this test cares' },
    ])
    await expect(drop).toHaveAttribute('data-phase', 'done')
    await expect(page.getByTestId('import-count-duplicates')).toHaveText('1 duplicate skipped')
    await expect(drop).toContainText('Nothing new: all already in the library')
    await page.getByTestId('import-summary').getByText('Already in the library').click()
    await expect(page.getByTestId('import-duplicate')).toContainText(
      `already in ${join(inbox, 'poster.jpg')}`,
    )
    await page.screenshot({ path: screenshotPath('import-drop-panel-duplicate') })
    // The duplicate links to the asset that holds its content.
    await page.getByTestId('import-duplicate').getByRole('button', { name: 'Show' }).click()
    const existing = JSON.parse(
      (await marquee.cli('show', join(inbox, 'poster.jpg'), '--json')).stdout,
    )
    await expect(page.locator('body')).toHaveAttribute('data-shown', String(existing.id))
    expect(readdirSync(inbox).sort()).toEqual(['clip.mp4', 'poster.jpg'])
  })

  test('a reloaded page shows the drop still waiting for its uploads, and can cancel it', async ({
    page,
    marquee,
  }) => {
    expect((await marquee.cli('roots', 'add', library)).code).toBe(0)
    const token = new URL(marquee.url).searchParams.get('token')
    const harness = `${marquee.origin}/e2e-import/index.html?token=${token}`
    await page.goto(harness)
    await expect(page.getByTestId('gallery-stand-in')).toBeVisible()

    // The clip's second chunk never gets through: the page is reloaded while it waits.
    let arrived: () => void = () => undefined
    const stuck = new Promise<void>((resolve) => (arrived = resolve))
    await page.route('**/upload/**', async (route: Route) => {
      const offset = route.request().headers()['upload-offset']
      if (route.request().method() !== 'PATCH' || offset === '0') return route.continue()
      arrived()
    })
    await dropFiles(page, [{ name: 'clip.mp4', clip: true }])
    await stuck
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await page.reload()

    // The reloaded page finds the import the core still runs, and says what it waits for.
    const drop = page.getByTestId('import-drop')
    await expect(drop).toHaveAttribute('data-phase', 'copying')
    await expect(page.getByTestId('import-orphans')).toContainText(
      'Waiting for 1 file from the page that started this drop',
    )
    await page.screenshot({ path: screenshotPath('import-reloaded-waiting') })
    const inbox = join(library, inboxFolder('Inbox', new Date()))
    expect(readdirSync(inbox).filter((n) => n.endsWith('.part'))).toHaveLength(1)

    await drop.getByRole('button', { name: 'Cancel', exact: true }).click()
    await expect(drop).toHaveAttribute('data-phase', 'cancelled')
    await expect(page.getByTestId('import-orphans')).toBeHidden()
    // Nothing of the clip is left behind: no part, no file.
    expect(readdirSync(inbox)).toEqual([])
  })
})

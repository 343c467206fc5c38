/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { albumCover, FakeSpotify, startAccounts, trackAnswer } from '../support/fake-spotify'
import { expect, screenshotPath, test } from './serve-fixture'

const CLI = join(process.cwd(), 'out', 'main', 'cli.js')

/** `marquee serve` whose Spotify is the fakes on loopback. */
function serve(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'], {
    env: { ...process.env, ...env },
  })
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('http://127.0.0.1:')) resolve({ child, url: line })
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
}

test.describe('the Integrations view', () => {
  let dataDir: string
  let api: FakeSpotify
  let accounts: Awaited<ReturnType<typeof startAccounts>>
  let server: ChildProcess | undefined

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'marquee-e2e-integrations-'))
    api = await new FakeSpotify().start()
    accounts = await startAccounts()
  })

  test.afterEach(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    }
    await api.stop()
    await accounts.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('connects a Spotify account, shows what plays with its album art, then a 429', async ({
    page,
  }) => {
    const started = await serve(dataDir, {
      MARQUEE_SPOTIFY_ACCOUNTS_URL: accounts.url,
      MARQUEE_SPOTIFY_API_URL: api.url,
    })
    server = started.child
    const art = api.serve('/images/night-at-the-opera.jpg', await albumCover(640, 3))
    api.fallback = {
      status: 200,
      body: trackAnswer({ images: [{ url: art, width: 640, height: 640 }], progressMs: 120_000 }),
    }

    await page.goto(started.url)
    await page.getByRole('link', { name: 'Integrations' }).click()
    await expect(page.getByTestId('integrations-empty')).toBeVisible()
    await page.getByRole('button', { name: 'Add integration' }).click()
    const form = page.getByTestId('add-integration-form')
    await form.getByLabel(/Spotify client id/).fill('marquee-e2e')
    await form.getByRole('button', { name: 'Add integration' }).click()

    const card = page.getByTestId('integration-card')
    await expect(card.getByTestId('integration-status')).toHaveText('Not connected')
    await card.getByRole('button', { name: 'Connect to Spotify' }).click()
    // Serve mode opens no browser on the server: the page offers the address as a link.
    const link = card.getByTestId('integration-auth-link').getByRole('link')
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()])
    await expect(popup.getByRole('heading')).toHaveText('Connected')
    await popup.close()

    await expect(card.getByTestId('integration-status')).toHaveText('Connected')
    await expect(card.getByTestId('now-playing-track')).toHaveText('Bohemian Rhapsody')
    await expect(card.getByTestId('now-playing')).toContainText('Queen')
    const cover = card.getByRole('img', { name: 'Album art' })
    await expect(cover).toBeVisible()
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(600)
    const bar = card.getByRole('progressbar')
    const before = Number(await bar.getAttribute('aria-valuenow'))
    expect(before).toBeGreaterThanOrEqual(33)
    // The bar advances between polls while the track plays.
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')))
      .toBeGreaterThan(before)
    await expect(page.getByTestId('integrations-summary')).toContainText(
      'a key file only you can read',
    )
    await expect(page.getByTestId('integrations-summary')).toContainText('1 image')
    await page.screenshot({ path: screenshotPath('integrations-connected'), fullPage: true })

    api.fallback = { status: 429, headers: { 'Retry-After': '120' } }
    await card.getByRole('button', { name: 'Fetch now' }).click()
    await expect(card.getByTestId('integration-status')).toHaveText('Rate limited')
    await expect(card.getByTestId('integration-rate-limited')).toContainText('Rate limited until')
    // The last data stays on screen, marked stale.
    await expect(card.getByTestId('now-playing-track')).toHaveText('Bohemian Rhapsody')
    await expect(card.getByTestId('integration-stale')).toBeVisible()
    await page.screenshot({ path: screenshotPath('integrations-rate-limited'), fullPage: true })
  })
})

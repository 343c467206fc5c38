/// <reference lib="dom" />
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test } from './serve-fixture'

const CLI = join(process.cwd(), 'out', 'main', 'cli.js')

/** `marquee serve` on a data directory of our choosing; resolves with it and its address. */
function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'])
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('http://127.0.0.1:')) resolve({ child, url: line })
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
}

test.describe('a full disk under the library', () => {
  let disk: string
  let media: string
  let server: ChildProcess | undefined
  test.beforeEach(() => {
    if (process.getuid?.() !== 0) throw new Error('This test mounts a tmpfs: run it as root.')
    disk = mkdtempSync(join(tmpdir(), 'marquee-e2e-disk-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', disk])
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-media-'))
  })
  test.afterEach(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    }
    if (spawnSync('umount', [disk]).status !== 0) spawnSync('umount', ['-l', disk])
    rmSync(disk, { recursive: true, force: true })
    rmSync(media, { recursive: true, force: true })
  })

  test('shows a banner while processing waits for room, and clears it when room comes back', async ({
    page,
  }) => {
    // Eight camera photos made (4-7 s under load), then processed on a disk that fills and
    // grows: 21 s with two busy loops beside it, against the default 60 s. As slow as it is.
    test.slow()
    const folder = join(media, 'Lobby')
    for (let i = 0; i < 8; i++) {
      const path = await outPath(folder, `photo-${i}.jpg`)
      await (await photoLike(2400, 1800, 700 + i, 30)).jpeg({ quality: 90 }).toFile(path)
    }
    const started = await serve(join(disk, 'library'))
    server = started.child
    await page.goto(started.url)
    const form = page.getByTestId('add-folder-form')
    await form.getByLabel('Folder path').fill(folder)
    await form.getByRole('button', { name: 'Add folder' }).click()
    await page.getByTestId('root-item').filter({ hasText: 'Lobby' }).click()
    // The sidebar opens the folder's gallery; its details page holds the index numbers.
    await page.getByRole('link', { name: 'Folder details' }).click()

    // Full (a write failed) or almost full (below the low-water mark first): either way the
    // work waits, and the banner says how much to free.
    const banner = page.getByTestId('storage-banner')
    await expect(banner).toContainText(
      /The disk that holds Marquee's library \(.+\) is (almost full \(.+ free\)|full) — free at least .+; processing is paused and resumes by itself\./,
      { timeout: 30_000 },
    )
    await page.screenshot({ path: screenshotPath('disk-full'), fullPage: true })

    execFileSync('mount', ['-o', 'remount,size=96m', disk])
    await expect(banner).toBeHidden({ timeout: 30_000 })
    await expect(
      page.getByTestId('index-stats').locator('[data-stat="ready"] .stats__value'),
    ).toHaveText('8', { timeout: 60_000 })
  })
})

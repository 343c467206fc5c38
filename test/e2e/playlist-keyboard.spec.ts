/// <reference lib="dom" />
// Alt+↓ pressed again and again while the core is slow to answer: every press moves the row one
// place, focus stays on it, and no answer puts it back on its way down; after a drag, too.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outPath, photoLike } from '../fixtures/media-tools'
import { expect, screenshotPath, test } from './serve-fixture'

/** How late the core's answers reach the page: a busy machine or a remote serve. */
const LATENCY_MS = 500

test('quick Alt+↓ presses each move the row, with the core answering late', async ({
  page,
  marquee,
}) => {
  const media = mkdtempSync(join(tmpdir(), 'marquee-e2e-keyboard-'))
  try {
    const paths: string[] = []
    for (const [i, name] of ['a.png', 'b.png', 'c.png', 'd.png'].entries()) {
      const path = await outPath(media, name)
      await (await photoLike(160, 90, 70 + i)).png().toFile(path)
      paths.push(path)
    }
    for (const args of [
      ['index', media, '--wait'],
      ['playlist', 'create', 'Lobby'],
      ['playlist', 'add', 'Lobby', ...paths],
    ]) {
      const result = await marquee.cli(...args)
      expect(result.code, result.stderr).toBe(0)
    }

    // Every message from the core reaches the page LATENCY_MS late, in order.
    let inFlight = 0
    await page.routeWebSocket(/\/api/, (ws) => {
      const server = ws.connectToServer()
      ws.onMessage((message) => server.send(message))
      server.onMessage((message) => {
        inFlight++
        setTimeout(() => {
          inFlight--
          ws.send(message)
        }, LATENCY_MS)
      })
    })
    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    const rows = page.getByTestId('collection-item')
    const names = rows.locator('td.cell-name')
    await expect(names).toHaveText(['a.png', 'b.png', 'c.png', 'd.png'])

    // Each order the table shows, from here on.
    await page.evaluate(() => {
      const seen: string[] = []
      Object.assign(window, { seen })
      const table = document.querySelector('[data-testid="collection-items"]')!
      const record = () => {
        const order = Array.from(table.querySelectorAll('td.cell-name'), (td) => td.textContent)
        if (order.join() !== seen.at(-1)) seen.push(order.join())
      }
      record()
      new MutationObserver(record).observe(table, { childList: true, subtree: true })
    })

    await rows.nth(0).focus()
    for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+ArrowDown')
    await expect(names).toHaveText(['b.png', 'c.png', 'd.png', 'a.png'])
    await expect(rows.nth(3)).toBeFocused()

    // Once every answer is in, the table still shows the last order, and it never went back.
    await expect.poll(() => inFlight).toBe(0)
    await expect(names).toHaveText(['b.png', 'c.png', 'd.png', 'a.png'])
    await expect(rows.nth(3)).toBeFocused()
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen)
    expect(seen).toEqual([
      'a.png,b.png,c.png,d.png',
      'b.png,a.png,c.png,d.png',
      'b.png,c.png,a.png,d.png',
      'b.png,c.png,d.png,a.png',
    ])
    await page.screenshot({ path: screenshotPath('playlist-keyboard-slow-core') })

    // A drag, then the keyboard at once: the drag's late answer replaces the rows while a row
    // has focus, and focus stays on that row.
    await rows.nth(3).dragTo(rows.nth(0))
    await expect(names).toHaveText(['a.png', 'b.png', 'c.png', 'd.png'])
    await rows.nth(0).focus()
    await expect.poll(() => inFlight).toBe(0)
    await expect(rows.nth(0)).toBeFocused()
    await page.keyboard.press('Alt+ArrowDown')
    await expect(names).toHaveText(['b.png', 'a.png', 'c.png', 'd.png'])
    await expect(rows.nth(1)).toBeFocused()
    await expect.poll(() => inFlight).toBe(0)
    const shown = await marquee.cli('playlist', 'show', 'Lobby', '--json')
    const stored = JSON.parse(shown.stdout) as { items: Array<{ name: string }> }
    expect(stored.items.map((i) => i.name)).toEqual(['b.png', 'a.png', 'c.png', 'd.png'])
  } finally {
    rmSync(media, { recursive: true, force: true })
  }
})

/// <reference lib="dom" />
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, screenshotPath, test } from './serve-fixture'

// A JSON feed behind an API key, added in the Integrations view (issue 13): the key goes with
// every request, and the page never shows it again.

const KEY = 'menu-key-7f3a91'

test.describe('a JSON feed added in the app', () => {
  let feed: Server
  const seen: Array<string | undefined> = []
  test.beforeEach(async () => {
    seen.length = 0
    feed = createServer((req, res) => {
      seen.push(req.headers['x-api-key'] as string | undefined)
      if (req.headers['x-api-key'] !== KEY) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"no key"}')
        return
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ title: 'Today', items: [{ dish: 'Soup', price: 4.5 }] }))
    })
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve))
  })
  test.afterEach(() => new Promise<void>((resolve) => feed.close(() => resolve())))

  test('sends its secret header with each fetch and never shows it again', async ({
    page,
    marquee,
  }) => {
    const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/menu.json`
    await page.goto(marquee.url)
    await page.getByRole('link', { name: 'Integrations' }).click()
    await page.getByRole('button', { name: 'Add integration' }).click()
    const form = page.getByTestId('add-integration-form')
    await form.getByLabel('Kind').selectOption('feed')
    await form.getByLabel(/^Name/).fill('Canteen menu')
    await form.getByLabel('Feed address').fill(url)
    await form.getByLabel(/Request headers/).fill('X-Api-Key: no-colon-here\nbroken line')
    await form.getByRole('button', { name: 'Add integration' }).click()
    await expect(form.getByRole('alert')).toHaveText(
      '"broken line" is not a header: write it as Name: value.',
    )
    await form.getByLabel(/Request headers/).fill(`X-Api-Key: ${KEY}`)
    await expect(form.getByLabel(/Their values are secrets/)).toBeChecked()
    await page.screenshot({ path: screenshotPath('integrations-feed-form') })
    await form.getByRole('button', { name: 'Add integration' }).click()

    const card = page.getByTestId('integration-card').filter({ hasText: 'Canteen menu' })
    await expect(card.getByTestId('integration-status')).toHaveText('Connected', {
      timeout: 20_000,
    })
    await expect(card).toContainText('Last data: 2 top-level field(s)')
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((key) => key === KEY)).toBe(true)
    await page.screenshot({ path: screenshotPath('integrations-feed-card') })
    // The key is stored encrypted and never comes back to the page.
    await page.reload()
    await expect(card).toBeVisible()
    expect(await page.content()).not.toContain(KEY)
    const listed = await marquee.cli('integrations', 'ls', '--json')
    expect(listed.stdout).not.toContain(KEY)
  })
})

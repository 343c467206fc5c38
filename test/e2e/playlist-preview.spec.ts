/// <reference lib="dom" />
// Web page and integration items in the playlist view, and "Preview": the bundled player
// playing the playlist from the cache, in an overlay.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FrameLocator } from '@playwright/test'
import { outPath, photoLike } from '../fixtures/media-tools'
import { albumCover, FakeSpotify } from '../support/fake-spotify'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

/** Two images, two seconds each, in "Lobby"; a feed with a hero image, fetched once. */
async function setUp(marquee: Marquee, media: string, web: FakeSpotify): Promise<void> {
  const paths: string[] = []
  for (const [name, seed] of [
    ['welcome.png', 5],
    ['menu.png', 11],
  ] as const) {
    const path = await outPath(media, name)
    await (await photoLike(640, 360, seed)).png().toFile(path)
    paths.push(path)
  }
  const run = async (...args: string[]) => {
    const result = await marquee.cli(...args)
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
    return result.stdout
  }
  await run('index', media, '--wait')
  await run('playlist', 'create', 'Lobby')
  await run('playlist', 'add', 'Lobby', ...paths, '--duration', '2')
  const hero = web.serve('/img/special.png', await albumCover(400, 7), 'image/png')
  web.serve(
    '/menu.json',
    Buffer.from(
      JSON.stringify({
        title: 'Today’s specials',
        hero,
        items: [{ title: 'Espresso' }, { title: 'Lemon tart' }],
      }),
    ),
    'application/json',
  )
  web.serve(
    '/news.html',
    Buffer.from(
      '<!doctype html><title>News</title><body style="font:48px sans-serif"><h1 id="headline">Lobby news</h1></body>',
    ),
    'text/html',
  )
  const added = JSON.parse(
    await run(
      'integrations',
      'add',
      'feed',
      '--url',
      `${web.url}/menu.json`,
      '--name',
      'Cafe menu',
      '--media-field',
      'hero=hero_image',
      '--json',
    ),
  ) as { id: number }
  await run('integrations', 'fetch', String(added.id), '--json')
}

const stageOf = (player: FrameLocator) => player.locator('#stage')

test.describe('web pages, integrations and Preview in a playlist', () => {
  let media: string
  let web: FakeSpotify
  test.beforeEach(async () => {
    media = mkdtempSync(join(tmpdir(), 'marquee-e2e-preview-'))
    web = await new FakeSpotify().start()
  })
  test.afterEach(async () => {
    await web.stop()
    rmSync(media, { recursive: true, force: true })
  })

  test('adds a web page and an integration, then previews the playlist item by item', async ({
    page,
    marquee,
  }) => {
    test.setTimeout(90_000)
    await setUp(marquee, media, web)
    await page.goto(marquee.url)
    await page.goto(`${marquee.origin}/#/collections?playlist=Lobby`)
    const rows = page.getByTestId('collection-item')
    await expect(rows).toHaveCount(2)

    await page.getByRole('button', { name: 'Add web page…' }).click()
    const webDialog = page.getByTestId('add-web-page')
    await webDialog.getByLabel('Address').fill('javascript:alert(1)')
    await webDialog.getByRole('button', { name: 'Add web page' }).click()
    await expect(webDialog.getByRole('alert')).toHaveText(/Only http and https pages/)
    await page.screenshot({ path: screenshotPath('playlist-add-web-page-refused') })
    await webDialog.getByLabel('Address').fill(`${web.url}/news.html`)
    await webDialog.getByLabel('Duration (seconds)').fill('3')
    await webDialog.getByRole('button', { name: 'Add web page' }).click()
    await expect(webDialog).toBeHidden()
    await expect(rows).toHaveCount(3)
    await expect(rows.nth(2)).toContainText(`${web.url}/news.html`)
    await expect(rows.nth(2).locator('.item-kind')).toHaveAttribute('data-kind', 'url')

    await page.getByRole('button', { name: 'Add integration…' }).click()
    const integrationDialog = page.getByTestId('add-integration')
    await expect(integrationDialog.getByLabel('Integration')).toContainText('Cafe menu')
    await integrationDialog.getByLabel('Duration (seconds)').fill('3')
    await integrationDialog.getByRole('button', { name: 'Add integration' }).click()
    await expect(rows).toHaveCount(4)
    await expect(rows.nth(3)).toContainText('Cafe menu')
    await expect(rows.nth(3).locator('.item-kind')).toHaveAttribute('data-kind', 'integration')
    await expect(page.getByTestId('collection-summary')).toHaveText(
      'Playlist · 4 items · 10 s running time',
    )
    await page.screenshot({ path: screenshotPath('playlist-virtual-items') })

    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    const player = page.frameLocator('[data-testid="preview-frame"]')
    const stage = stageOf(player)
    await expect(stage).toHaveAttribute('data-index', '0')
    await expect(stage.locator('img')).toHaveAttribute('alt', 'welcome.png')
    await expect
      .poll(() => stage.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('playlist-preview-first') })

    await expect(stage).toHaveAttribute('data-index', '1', { timeout: 5000 })
    await expect(stage.locator('img')).toHaveAttribute('alt', 'menu.png')
    await expect
      .poll(() => stage.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('playlist-preview-second') })

    await expect(stage).toHaveAttribute('data-index', '2', { timeout: 5000 })
    const frame = stage.locator('iframe.web-page')
    await expect(frame).toHaveAttribute('sandbox', 'allow-scripts')
    await expect(player.frameLocator('iframe.web-page').locator('#headline')).toHaveText(
      'Lobby news',
    )
    await page.screenshot({ path: screenshotPath('playlist-preview-web-page') })

    await expect(stage).toHaveAttribute('data-index', '3', { timeout: 6000 })
    await expect(stage.locator('.feed-title')).toHaveText('Today’s specials')
    await expect(stage.locator('.feed-items li')).toHaveText(['Espresso', 'Lemon tart'])
    await expect
      .poll(() => stage.locator('img.hero').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('playlist-preview-integration') })

    await page.getByRole('button', { name: 'Close preview' }).click()
    await expect(page.getByTestId('preview-frame')).toBeHidden()
  })
})

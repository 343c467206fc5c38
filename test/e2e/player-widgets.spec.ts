/// <reference lib="dom" />
// The bundled player from file:// with web page and integration items: no server, no network
// but the web page's own.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { albumCover, FakeSpotify } from '../support/fake-spotify'
import { expect, screenshotPath, test, type Marquee } from './serve-fixture'

interface Exported {
  out: string
  integrationId: number
}

/** A playlist of a feed (with a hero image) and a web page, exported with the CLI. */
async function exportMenu(marquee: Marquee, web: FakeSpotify, scratch: string): Promise<Exported> {
  const run = async (...args: string[]) => {
    const result = await marquee.cli(...args)
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
    return result.stdout
  }
  const hero = web.serve('/img/tart.png', await albumCover(400, 12), 'image/png')
  web.serve(
    '/menu.json',
    Buffer.from(
      JSON.stringify({ title: 'Patisserie', hero, items: [{ name: 'Tart' }, { name: 'Éclair' }] }),
    ),
    'application/json',
  )
  web.serve('/news.html', Buffer.from('<h1 id="headline">News</h1>'), 'text/html')
  const { id } = JSON.parse(
    await run(
      'integrations',
      'add',
      'feed',
      '--url',
      `${web.url}/menu.json`,
      '--name',
      'Patisserie',
      '--media-field',
      'hero=hero_image',
      '--json',
    ),
  ) as { id: number }
  await run('integrations', 'fetch', String(id), '--json')
  await run('playlist', 'create', 'Menu')
  await run('playlist', 'add-integration', 'Menu', String(id), '--duration', '2')
  await run('playlist', 'add-url', 'Menu', `${web.url}/news.html`, '--duration', '2')
  const out = join(scratch, 'usb')
  await run('export', '--playlist', 'Menu', '--profile', 'fhd-h264', '--out', out)
  return { out, integrationId: id }
}

test.describe('the bundled player with web pages and widgets', () => {
  let scratch: string
  let web: FakeSpotify
  test.beforeEach(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'marquee-player-widgets-'))
    web = await new FakeSpotify().start()
  })
  test.afterEach(async () => {
    await web.stop()
    rmSync(scratch, { recursive: true, force: true })
  })

  test('plays a feed snapshot from the stick, then the web page in a sandboxed frame', async ({
    page,
    marquee,
  }) => {
    const { out } = await exportMenu(marquee, web, scratch)
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(pathToFileURL(join(out, 'player', 'index.html')).href)
    const stage = page.locator('#stage')
    await expect(stage).toHaveAttribute('data-kind', 'widget')
    await expect(stage.locator('.feed-title')).toHaveText('Patisserie')
    await expect(stage.locator('.feed-items li')).toHaveText(['Tart', 'Éclair'])
    await expect
      .poll(() => stage.locator('img.hero').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('player-widget-feed') })

    await expect(stage).toHaveAttribute('data-kind', 'url', { timeout: 5000 })
    await expect(stage.locator('iframe')).toHaveAttribute('sandbox', 'allow-scripts')
    await expect(page.frameLocator('iframe.web-page').locator('#headline')).toHaveText('News')
    // Only the web page came from the network; the widget and its image came from the stick.
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([`${web.url}/news.html`])
  })

  test('draws a Spotify snapshot as the now-playing card, and names a missing image', async ({
    page,
    marquee,
  }) => {
    const { out, integrationId } = await exportMenu(marquee, web, scratch)
    // The player draws whatever snapshot manifest.js carries: give it Spotify's fields, with the
    // exported image as the album art.
    const script = join(out, 'player', 'manifest.js')
    const text = readFileSync(script, 'utf8')
    const marker = 'window.MARQUEE_WIDGETS = '
    const widgets = JSON.parse(text.slice(text.indexOf(marker) + marker.length))
    const feed = widgets[String(integrationId)]
    const art = feed.data.hero_image
    widgets[String(integrationId)] = {
      ...feed,
      kind: 'spotify',
      data: {
        track_name: 'Bohemian Rhapsody',
        artist_name: 'Queen',
        album_name: 'A Night at the Opera',
        progress_percent: '33.9%',
        progress_formatted: '2:00',
        duration_formatted: '5:54',
        is_playing: true,
        album_art: art,
      },
    }
    writeFileSync(
      script,
      `${text.slice(0, text.indexOf(marker))}${marker}${JSON.stringify(widgets)}\n`,
    )
    await page.goto(`${pathToFileURL(join(out, 'player', 'index.html')).href}`)
    const stage = page.locator('#stage')
    await expect(stage.locator('.track')).toHaveText('Bohemian Rhapsody')
    await expect(stage.locator('.artist')).toHaveText('Queen')
    await expect(stage.locator('.progress')).toHaveAttribute('aria-valuenow', '34')
    await expect
      .poll(() => stage.locator('img.art').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('player-widget-now-playing') })

    // The image goes missing from the stick: the card says which object.
    rmSync(join(out, ...(art.files.full as string).split('/')))
    await page.reload()
    await expect(stage.locator('.missing-image')).toHaveText(`Missing: ${art.files.full}`)
    await page.screenshot({ path: screenshotPath('player-widget-missing-image') })
  })
})

import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../src/main/cli/call'
import { outPath, photoLike } from '../fixtures/media-tools'
import { testCore } from '../support/core'
import { albumCover, FakeSpotify } from '../support/fake-spotify'
import { indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

let web: FakeSpotify
beforeEach(async () => {
  web = await new FakeSpotify().start()
})
afterEach(() => web.stop())

const ORIGIN = 'http://127.0.0.1:9'

describe('playlist preview against the cache', () => {
  it('serves the player and a manifest whose every image resolves to a cached file', async () => {
    const scratch = tempDir('marquee-preview-')
    const core = testCore(join(scratch, 'data'))
    const path = await outPath(join(scratch, 'Lobby'), 'welcome.png')
    await (await photoLike(320, 180, 4)).png().toFile(path)
    await core.services.roots.add({ path: join(scratch, 'Lobby') })
    await indexAndProcess(core)
    const hero = web.serve('/hero.png', await albumCover(200, 5), 'image/png')
    web.serve(
      '/menu.json',
      Buffer.from(JSON.stringify({ title: 'Menu', hero })),
      'application/json',
    )
    const feed = await call(core, 'integrations.add', {
      kind: 'feed',
      url: `${web.url}/menu.json`,
      mediaFields: [{ path: 'hero', outputPath: 'hero_image', variants: ['preview'] }],
    })
    await call(core, 'integrations.poll', { id: feed.id })
    const playlist = await call(core, 'collections.create', { kind: 'playlist', name: 'Lobby' })
    await call(core, 'collections.add', {
      kind: 'playlist',
      name: 'Lobby',
      assetIds: [core.services.assets.byPath(path).id],
    })
    await call(core, 'collections.addItems', {
      name: 'Lobby',
      items: [
        { kind: 'url', url: 'https://example.com/' },
        { kind: 'integration', integrationId: feed.id },
      ],
    })

    const base = `${ORIGIN}/media/cache/.preview/${playlist.id}/`
    const get = (url: string) => core.media(new Request(url))
    const html = await get(`${base}index.html`)
    expect(html.status).toBe(200)
    expect(html.headers.get('cache-control')).toBe('no-store')
    expect(await html.text()).toContain('<script src="player.js">')
    const script = await (await get(`${base}manifest.js`)).text()
    const globals: Record<string, unknown> = {}
    new Function('window', script)(globals)
    const manifest = globals.MARQUEE_MANIFEST as {
      playlists: Array<{ items: Array<Record<string, string>> }>
    }
    const widgets = globals.MARQUEE_WIDGETS as Record<
      string,
      { data: { hero_image: { files: Record<string, string> } } }
    >
    const items = manifest.playlists[0]!.items
    expect(items.map((i) => i.type ?? 'media')).toEqual(['media', 'url', 'widget'])
    // The player asks for '../' + path, relative to .preview/<id>/.
    const resolve = (path: string) => new URL(`../${path}`, base).href
    for (const path of [
      items[0]!.object!,
      widgets[String(feed.id)]!.data.hero_image.files.preview!,
    ]) {
      const response = await get(resolve(path))
      expect(response.status, resolve(path)).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/webp')
    }
    expect((await get(`${ORIGIN}/media/cache/.preview/999/manifest.js`)).status).toBe(404)
  }, 60_000)
})

import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { call } from '../../src/main/cli/call'
import { verifyBundle } from '../../src/main/export/verify-bundle'
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

const json = (value: unknown) => Buffer.from(JSON.stringify(value))
const DAY = 86_400_000

/** A feed whose data names one image (cached as three WebP variants), polled once. */
async function menuFeed(core: Core, seed = 1) {
  const hero = web.serve(`/img/hero-${seed}.png`, await albumCover(300, seed), 'image/png')
  web.serve('/menu.json', json({ title: 'Today', hero }), 'application/json')
  const feed = await call(core, 'integrations.add', {
    kind: 'feed',
    name: 'Menu',
    url: `${web.url}/menu.json`,
    mediaFields: [{ path: 'hero', outputPath: 'hero_image', variants: [] }],
  })
  await call(core, 'integrations.poll', { id: feed.id })
  return feed
}

async function oneImage(core: Core, dir: string): Promise<number> {
  const path = await outPath(join(dir, 'Lobby'), 'welcome.png')
  await (await photoLike(320, 180, 3)).png().toFile(path)
  await core.services.roots.add({ path: join(dir, 'Lobby') })
  await indexAndProcess(core)
  return core.services.assets.byPath(path).id
}

describe('web page and integration items in a playlist', () => {
  it('holds them beside assets, with durations, order and removal like any item', async () => {
    const core = testCore()
    const feed = await menuFeed(core)
    await call(core, 'collections.create', { kind: 'playlist', name: 'Lobby' })
    const detail = await call(core, 'collections.addItems', {
      name: 'Lobby',
      items: [
        { kind: 'url', url: 'https://example.com/menu', durationMs: 5000 },
        { kind: 'integration', integrationId: feed.id },
      ],
    })
    expect(detail.items.map((i) => [i.kind, i.name, i.type, i.effectiveDurationMs])).toEqual([
      ['url', 'https://example.com/menu', 'url', 5000],
      ['integration', 'Menu', 'integration', 10_000],
    ])
    expect(detail.items[1]!.integration).toMatchObject({
      id: feed.id,
      kind: 'feed',
      status: 'connected',
      hasData: true,
    })
    const [url, widget] = detail.items.map((i) => i.id) as [number, number]
    const reordered = await call(core, 'collections.reorder', {
      name: 'Lobby',
      itemIds: [widget, url],
    })
    expect(reordered.items.map((i) => i.kind)).toEqual(['integration', 'url'])
    await call(core, 'collections.setDuration', {
      name: 'Lobby',
      itemIds: [widget],
      durationMs: 7000,
    })
    const left = await call(core, 'collections.removeItems', {
      kind: 'playlist',
      name: 'Lobby',
      itemIds: [url],
    })
    expect(left.items.map((i) => [i.kind, i.effectiveDurationMs])).toEqual([['integration', 7000]])
    expect(left.durationMs).toBe(7000)
    // The graph sees assets only: a playlist of virtual items includes nothing.
    const walked = await call(core, 'graph.neighbours', { node: `collection:${detail.id}` })
    expect(walked.neighbours.filter((n) => n.node.startsWith('asset')).map((n) => n.node)).toEqual(
      [],
    )
    const impact = await call(core, 'graph.impact', { node: `collection:${detail.id}` })
    expect(impact.assets).toEqual([])
  })

  it('refuses addresses a player must not open, and integrations that do not exist', async () => {
    const core = testCore()
    await call(core, 'collections.create', { kind: 'playlist', name: 'Lobby' })
    for (const [url, why] of [
      ['javascript:alert(1)', /Only http and https/],
      ['file:///etc/passwd', /Only http and https/],
      ['example.com/menu', /not a web address/],
      ['https://user:secret@example.com/', /user name or password/],
    ] as const) {
      await expect(
        call(core, 'collections.addItems', { name: 'Lobby', items: [{ kind: 'url', url }] }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(why) })
    }
    await expect(
      call(core, 'collections.addItems', {
        name: 'Lobby',
        items: [{ kind: 'integration', integrationId: 99 }],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(
      (await call(core, 'collections.get', { kind: 'playlist', name: 'Lobby' })).items,
    ).toEqual([])
  })
})

describe('exporting web page and integration items', () => {
  it('writes a url entry, widgets/<id>.json with bundle objects, and passes sha256sum -c', async () => {
    const scratch = tempDir('marquee-virtual-')
    const core = testCore(join(scratch, 'data'))
    const asset = await oneImage(core, scratch)
    const feed = await menuFeed(core)
    await call(core, 'collections.create', { kind: 'playlist', name: 'Lobby' })
    await call(core, 'collections.add', {
      kind: 'playlist',
      name: 'Lobby',
      assetIds: [asset],
      durationMs: 1000,
    })
    await call(core, 'collections.addItems', {
      name: 'Lobby',
      items: [
        { kind: 'url', url: 'https://example.com/menu', durationMs: 2000 },
        { kind: 'integration', integrationId: feed.id, durationMs: 3000 },
      ],
    })
    const out = join(scratch, 'usb')
    const result = await core.services.exports.run({
      source: { playlist: 'Lobby' },
      profile: 'fhd-h264',
      out,
    })

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    expect(manifest.playlists[0].items.slice(1)).toEqual([
      { type: 'url', url: 'https://example.com/menu', durationMs: 2000 },
      {
        type: 'widget',
        widgetId: String(feed.id),
        durationMs: 3000,
        file: `widgets/${feed.id}.json`,
      },
    ])
    const [widget] = manifest.widgets
    expect(widget).toMatchObject({ id: String(feed.id), kind: 'feed', name: 'Menu' })
    expect(widget.objects).toHaveLength(3)

    // The snapshot names bundle objects, never the cache; each one is on the stick.
    const document = JSON.parse(readFileSync(join(out, widget.file), 'utf8'))
    const files = document.data.hero_image.files as Record<string, string>
    expect(Object.keys(files).sort()).toEqual(['full', 'preview', 'thumbnail'])
    for (const object of Object.values(files)) {
      expect(object).toMatch(/^objects\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.webp$/)
      expect(existsSync(join(out, object)), object).toBe(true)
    }
    expect(JSON.stringify(document)).not.toMatch(/integrations\//)
    expect(result.objects).toBe(1 + 3)

    const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8')
    expect(sums).toContain(`  widgets/${feed.id}.json\n`)
    for (const object of Object.values(files)) expect(sums).toContain(`  ${object}\n`)
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' })
    expect(checked.trim().split('\n')).toHaveLength(sums.trim().split('\n').length)
    expect(checked).not.toMatch(/FAILED/)
    expect((await verifyBundle(out)).problems).toEqual([])

    // The player reads the snapshot from manifest.js: file:// pages cannot fetch JSON.
    const script = readFileSync(join(out, 'player', 'manifest.js'), 'utf8')
    expect(script).toContain('window.MARQUEE_WIDGETS = ')
  }, 120_000)

  it('keeps the cached images a bundle holds when retention runs, and verify-bundle names a changed widget', async () => {
    const scratch = tempDir('marquee-virtual-')
    const core = testCore(join(scratch, 'data'))
    const feed = await menuFeed(core, 1)
    await call(core, 'collections.create', { kind: 'playlist', name: 'Menu board' })
    const playlist = await call(core, 'collections.addItems', {
      name: 'Menu board',
      items: [{ kind: 'integration', integrationId: feed.id }],
    })
    const out = join(scratch, 'usb')
    const { bundleId } = await core.services.exports.run({
      source: { playlist: 'Menu board' },
      profile: 'fhd-h264',
      out,
    })
    const owners = core.db
      .prepare('SELECT owner_kind AS kind, owner_id AS id FROM integration_media_refs ORDER BY 1')
      .all()
    expect(owners).toEqual([
      { kind: 'bundle', id: bundleId },
      { kind: 'integration', id: String(feed.id) },
      { kind: 'playlist', id: String(playlist.id) },
    ])

    // Deleting the playlist drops its references; the feed moves on to another image. The
    // exported one is then used by the bundle alone, and retention must keep it.
    await call(core, 'collections.remove', { kind: 'playlist', name: 'Menu board' })
    const refsOf = (kind: string) =>
      core.db
        .prepare('SELECT count(*) AS n FROM integration_media_refs WHERE owner_kind = ?')
        .get(kind)
    expect(refsOf('playlist')).toEqual({ n: 0 })
    const next = web.serve('/img/hero-2.png', await albumCover(300, 2), 'image/png')
    web.serve('/menu.json', json({ title: 'Today', hero: next }), 'application/json')
    await call(core, 'integrations.poll', { id: feed.id })
    core.db.prepare('UPDATE integration_media SET last_used_at = last_used_at - ?').run(5 * DAY)
    const optimized = await call(core, 'integrations.cacheOptimize', {})
    expect(optimized).toMatchObject({ removed: 0, kept: 2 })
    expect(refsOf('bundle')).toEqual({ n: 1 })

    const widgetPath = join(out, 'widgets', `${feed.id}.json`)
    const edited = readFileSync(widgetPath, 'utf8').replace('Today', 'Tomorrow')
    writeFileSync(widgetPath, edited)
    const report = await verifyBundle(out)
    expect(report.ok).toBe(false)
    expect(report.problems.map((p) => p.file)).toContain(`widgets/${feed.id}.json`)
  }, 120_000)
})

import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/app'
import { call } from '../../src/main/cli/call'
import { testCore } from '../support/core'
import { photoLike } from '../fixtures/media-tools'
import { albumCover, FakeSpotify } from '../support/fake-spotify'

/** The fake serves any path from its table: feeds as JSON, images as bytes. */
let web: FakeSpotify

beforeEach(async () => {
  web = await new FakeSpotify().start()
})

afterEach(() => web.stop())

const json = (value: unknown) => Buffer.from(JSON.stringify(value))
const DAY = 86_400_000

async function addFeed(core: Core, path: string, extra: Record<string, unknown> = {}) {
  return call(core, 'integrations.add', {
    kind: 'feed',
    url: `${web.url}${path}`,
    mediaFields: [
      { path: 'items[*].image.url', outputPath: 'items[*].image_cached', variants: ['thumbnail'] },
      { path: 'hero', outputPath: 'hero_image', variants: [] },
    ],
    ...extra,
  })
}

describe('JSON feeds with media fields', () => {
  it('caches every image the fields name and writes {original_url, files} back; bad fields are reported', async () => {
    const core = testCore()
    const first = web.serve('/img/1.jpg', await albumCover(400, 1))
    const hero = web.serve('/img/hero.png', await albumCover(500, 2), 'image/png')
    web.serve(
      '/menu.json',
      json({
        items: [
          { title: 'Espresso', image: { url: first } },
          { title: 'Tea', image: { url: 'not a url' } },
          { title: 'Water' },
        ],
        hero,
      }),
      'application/json',
    )
    const feed = await addFeed(core, '/menu.json')
    expect(feed.status).toBe('connected')
    const result = await call(core, 'integrations.poll', { id: feed.id })
    expect(result.status).toBe('connected')
    const items = result.data!.items as Array<Record<string, unknown>>
    const cached = items[0]!.image_cached as { original_url: string; files: Record<string, string> }
    expect(cached.original_url).toBe(first)
    expect(Object.keys(cached.files)).toEqual(['thumbnail'])
    expect(existsSync(join(core.paths.cacheDir, cached.files.thumbnail!))).toBe(true)
    const heroImage = result.data!.hero_image as { files: Record<string, string> }
    expect(Object.keys(heroImage.files).sort()).toEqual(['full', 'preview', 'thumbnail'])
    const view = core.services.integrations.get(feed.id)
    expect(view.problems).toEqual([
      { path: 'items[1].image.url', problem: 'not an http(s) URL ("not a url")' },
      { path: 'items[2].image', problem: 'missing' },
    ])
    expect(view.cacheBytes).toBeGreaterThan(0)
  })

  it('refuses SVG and HTML behind an image URL: reported, nothing cached', async () => {
    const core = testCore()
    const svg = web.serve(
      '/img/logo.jpg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/jpeg',
    )
    const html = web.serve(
      '/img/page.png',
      Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'),
    )
    web.serve(
      '/feed.json',
      json({ items: [{ image: { url: svg } }, { image: { url: html } }] }),
      'application/json',
    )
    const feed = await addFeed(core, '/feed.json')
    await call(core, 'integrations.poll', { id: feed.id })
    const problems = core.services.integrations.get(feed.id).problems
    expect(problems.map((p) => p.path)).toEqual([
      'hero',
      'items[0].image.url',
      'items[1].image.url',
    ])
    expect(problems[0]!.problem).toBe('missing')
    expect(problems[1]!.problem).toMatch(/SVG/)
    expect(problems[2]!.problem).toMatch(/web page/)
    expect(existsSync(join(core.paths.cacheDir, 'integrations'))).toBe(false)
  })

  it('follows a redirect to the image, and refuses one larger than the size limit', async () => {
    const core = testCore(undefined, { integrations: { cacheLimits: { maxBytes: 20_000 } } })
    const small = web.serve('/img/small.jpg', await albumCover(64, 1))
    web.redirects.set('/go/small', small)
    const large = web.serve(
      '/img/large.png',
      await (await photoLike(600, 600, 2, 30)).png().toBuffer(),
      'image/png',
    )
    web.serve(
      '/feed.json',
      json({ items: [{ image: { url: `${web.url}/go/small` } }, { image: { url: large } }] }),
      'application/json',
    )
    const feed = await addFeed(core, '/feed.json')
    const result = await call(core, 'integrations.poll', { id: feed.id })
    const items = result.data!.items as Array<{
      image_cached: { files: Record<string, string> | null }
    }>
    expect(items[0]!.image_cached.files).not.toBeNull()
    expect(items[1]!.image_cached.files).toBeNull()
    expect(core.services.integrations.get(feed.id).problems).toContainEqual({
      path: 'items[1].image.url',
      problem: expect.stringMatching(/more than the 20000 bytes allowed/),
    })
  })

  it('sends a secret header but never stores its value in the clear, nor shows it', async () => {
    const core = testCore()
    web.serve('/private.json', json({ items: [] }), 'application/json')
    const feed = await addFeed(core, '/private.json', {
      headers: [
        { name: 'Authorization', value: 'Bearer feed-key-0123456789', secret: true },
        { name: 'X-Screen', value: 'lobby' },
      ],
    })
    await call(core, 'integrations.poll', { id: feed.id })
    expect(web.seen.find((s) => s.path === '/private.json')!.authorization).toBe(
      'Bearer feed-key-0123456789',
    )
    const shown = JSON.stringify(await call(core, 'integrations.list', undefined))
    expect(shown).toContain('lobby')
    expect(shown).not.toContain('feed-key-0123456789')
    core.db.pragma('wal_checkpoint(TRUNCATE)')
    expect(readFileSync(core.paths.databasePath).toString('latin1')).not.toContain('feed-key')
  })

  it('refuses a media field whose output has fewer [*] than its path', async () => {
    const core = testCore()
    const response = await core.dispatch('integrations.add', {
      kind: 'feed',
      url: `${web.url}/feed.json`,
      mediaFields: [{ path: 'items[*].image', outputPath: 'image_cached', variants: [] }],
    })
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})

describe('the poll schedule', () => {
  it('does not spin on a poll that fails unexpectedly, and keeps polling the others', async () => {
    const core = testCore()
    web.serve('/a.json', json({ hero: 'x' }), 'application/json')
    web.serve('/b.json', json({}), 'application/json')
    const broken = await addFeed(core, '/a.json', { intervalMs: 1_000 })
    const healthy = await addFeed(core, '/b.json', { intervalMs: 1_000, mediaFields: [] })
    // Settings no version of Marquee writes: reading them throws, not a fetch failure.
    core.db
      .prepare('UPDATE integrations SET settings = json_set(settings, ?, ?) WHERE id = ?')
      .run('$.mediaFields[0].path', 'items[', broken.id)
    const requests = (path: string) => web.seen.filter((s) => s.path === path).length
    core.services.integrationPoller.start()
    await vi.waitFor(() => expect(requests('/b.json')).toBeGreaterThanOrEqual(3), {
      timeout: 8_000,
    })
    expect(requests('/a.json')).toBe(1)
    expect(core.services.integrations.get(healthy.id).status).toBe('connected')
  })
})

describe('the integration media cache', () => {
  /** One feed whose current data uses `kept`, after an earlier fetch that used `dropped`. */
  async function cacheWithHistory(core: Core) {
    const dropped = web.serve('/img/old.jpg', await albumCover(300, 3))
    const kept = web.serve('/img/new.jpg', await albumCover(300, 4))
    web.serve('/feed.json', json({ hero: dropped }), 'application/json')
    const feed = await addFeed(core, '/feed.json')
    await call(core, 'integrations.poll', { id: feed.id })
    web.serve('/feed.json', json({ hero: kept }), 'application/json')
    await call(core, 'integrations.poll', { id: feed.id })
    const dirs = readdirSync(join(core.paths.cacheDir, 'integrations'), { recursive: true })
    expect(dirs.filter((d) => String(d).endsWith('metadata.json'))).toHaveLength(2)
    return { feed, dropped, kept }
  }

  const heroFile = (core: Core, id: number) =>
    (core.services.integrations.get(id).data!.hero_image as { files: Record<string, string> }).files
      .full!

  it('removes expired items nobody uses, never a referenced one, and a dry run removes nothing', async () => {
    const core = testCore()
    const { feed } = await cacheWithHistory(core)
    // Both were last used three days ago; only one is still in the feed's data.
    core.db.prepare('UPDATE integration_media SET last_used_at = last_used_at - ?').run(3 * DAY)
    const orphan = join(core.paths.cacheDir, 'integrations', '2020-01-01', 'f'.repeat(64))
    mkdirSync(orphan, { recursive: true })
    writeFileSync(join(orphan, 'full.webp'), 'left behind')
    const hourAgo = new Date(Date.now() - 3_600_000)
    utimesSync(orphan, hourAgo, hourAgo)
    // One that is arriving right now (its row comes after its files) is not an orphan.
    const arriving = join(core.paths.cacheDir, 'integrations', '2020-01-02', 'e'.repeat(64))
    mkdirSync(arriving, { recursive: true })

    const dry = await call(core, 'integrations.cacheOptimize', { dryRun: true })
    expect(dry).toMatchObject({ removed: 2, kept: 1, dryRun: true })
    expect(dry.freedBytes).toBeGreaterThan(0)
    expect(existsSync(orphan)).toBe(true)
    expect(core.db.prepare('SELECT count(*) AS n FROM integration_media').get()).toEqual({ n: 2 })

    const done = await call(core, 'integrations.cacheOptimize', {})
    expect(done).toEqual({ ...dry, dryRun: false })
    expect(existsSync(orphan)).toBe(false)
    expect(existsSync(join(core.paths.cacheDir, 'integrations', '2020-01-01'))).toBe(false)
    expect(existsSync(arriving)).toBe(true)
    expect(existsSync(join(core.paths.cacheDir, heroFile(core, feed.id)))).toBe(true)
    expect(core.db.prepare('SELECT count(*) AS n FROM integration_media').get()).toEqual({ n: 1 })
  })

  it('keeps recently used items, and drops corrupt ones so the next use downloads them again', async () => {
    const core = testCore()
    const { feed } = await cacheWithHistory(core)
    expect(await call(core, 'integrations.cacheOptimize', {})).toMatchObject({
      removed: 0,
      kept: 2,
    })
    const file = heroFile(core, feed.id)
    rmSync(join(core.paths.cacheDir, file))
    expect(await call(core, 'integrations.cacheOptimize', {})).toMatchObject({
      removed: 1,
      kept: 1,
    })
    await call(core, 'integrations.poll', { id: feed.id })
    expect(existsSync(join(core.paths.cacheDir, heroFile(core, feed.id)))).toBe(true)
  })

  it('forgets the references of a removed integration, so its media can expire', async () => {
    const core = testCore()
    const { feed } = await cacheWithHistory(core)
    await call(core, 'integrations.remove', { id: feed.id })
    core.db.prepare('UPDATE integration_media SET last_used_at = last_used_at - ?').run(3 * DAY)
    expect(await call(core, 'integrations.cacheOptimize', { maxAgeDays: 2 })).toMatchObject({
      removed: 2,
      kept: 0,
    })
  })

  it('checks the source addresses with HEAD and names the ones that fail', async () => {
    const core = testCore()
    const { dropped, kept } = await cacheWithHistory(core)
    web.images.delete('/img/old.jpg')
    const result = await call(core, 'integrations.cacheValidate', undefined)
    expect(result).toMatchObject({ checked: 2, ok: 1 })
    expect(result.failed).toEqual([{ url: dropped, status: 404, error: 'answered 404' }])
    expect(
      web.seen
        .filter((s) => s.method === 'HEAD')
        .map((s) => s.path)
        .sort(),
    ).toEqual(['/img/new.jpg', '/img/old.jpg'])
    expect(kept).toContain('/img/new.jpg')
  })
})

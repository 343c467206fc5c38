import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../src/main/cli/call'
import { outPath, photoLike } from '../fixtures/media-tools'
import { cli } from '../support/cli'
import { coreAt, testCore } from '../support/core'
import { albumCover, FakeSpotify } from '../support/fake-spotify'
import { assetAt, indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

/** `derived_from` (rendition → asset) and `fetched_by` (integration → cached media). */

let web: FakeSpotify
beforeEach(async () => {
  web = await new FakeSpotify().start()
})
afterEach(() => web.stop())

async function processedLibrary() {
  const scratch = tempDir('marquee-graph-derived-')
  const dataDir = join(scratch, 'data')
  const core = coreAt(dataDir)
  const path = await outPath(join(scratch, 'Lobby'), 'welcome.png')
  await (await photoLike(320, 180, 4)).png().toFile(path)
  await core.services.roots.add({ path: join(scratch, 'Lobby') })
  await indexAndProcess(core)
  return { core, dataDir, asset: assetAt(core, path) }
}

describe('derived_from: renditions of an asset', () => {
  it('walks from a processed asset to its cached variants and back, labelled', async () => {
    const { core, asset } = await processedLibrary()
    const node = `asset:${asset.id}`
    const variants = asset.derivatives.map((d) => d.variant).sort()
    expect(variants.length).toBeGreaterThan(0)

    const around = await call(core, 'graph.neighbours', { node, relations: ['derived_from'] })
    expect(around.neighbours.map((n) => [n.node, n.relation, n.direction]).sort()).toEqual(
      variants.map((v) => [`rendition:${asset.sha256}:${v}`, 'derived_from', 'in']),
    )
    // Not asked for: an "all relations" walk stays as it was (renditions crowd it otherwise).
    const all = await call(core, 'graph.neighbours', { node })
    expect(all.neighbours.some((n) => n.node.startsWith('rendition:'))).toBe(false)
    // …unless included beside every other relation (what the explorer's toggle asks).
    const both = await call(core, 'graph.neighbours', { node, include: ['derived_from'] })
    expect(both.neighbours.filter((n) => n.relation === 'derived_from')).toHaveLength(
      variants.length,
    )
    expect(both.neighbours.some((n) => n.relation === 'contains')).toBe(true)

    const small = `rendition:${asset.sha256}:small`
    const back = await call(core, 'graph.neighbours', { node: small, relations: ['derived_from'] })
    expect(back.neighbours).toEqual([
      { node, depth: 1, from: small, relation: 'derived_from', direction: 'out' },
    ])
    const path = await call(core, 'graph.path', {
      from: small,
      to: `root:${asset.rootId}`,
      relations: ['derived_from', 'contains'],
    })
    expect(path.steps?.map((s) => s.relation)).toEqual(['derived_from', 'contains'])

    const [info] = await call(core, 'graph.describe', { nodes: [small] })
    expect(info).toMatchObject({ kind: 'rendition', exists: true })
    expect(info!.label).toMatch(/^small \d+×\d+$/)
    expect((await call(core, 'graph.impact', { node: small })).counts).toMatchObject({
      collections: 0,
      bundles: 0,
      assets: 0,
    })
  })

  it('marquee graph neighbours asset:<id> --relation derived_from --json', async () => {
    const { core, dataDir, asset } = await processedLibrary()
    await core.close()
    const { code, stdout } = await cli([
      '--data-dir',
      dataDir,
      'graph',
      'neighbours',
      `asset:${asset.id}`,
      '--relation',
      'derived_from',
      '--json',
    ])
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as { neighbours: Array<{ node: string }> }
    expect(result.neighbours.map((n) => n.node)).toContain(`rendition:${asset.sha256}:small`)
  })

  it('refuses a rendition that does not exist and a malformed one', async () => {
    const core = testCore()
    const missing = await core.dispatch('graph.neighbours', {
      node: `rendition:${'c'.repeat(64)}:small`,
    })
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND')
    const malformed = await core.dispatch('graph.neighbours', { node: 'rendition:abc' })
    expect(malformed.ok ? null : malformed.error.code).toBe('INVALID_ARGUMENT')
  })
})

describe('fetched_by: an integration and its cached media', () => {
  it('walks from a feed to the image it cached, describes it by URL and counts it in impact', async () => {
    const core = testCore()
    const image = web.serve('/img/1.jpg', await albumCover(400, 1))
    web.serve('/menu.json', Buffer.from(JSON.stringify({ hero: image })), 'application/json')
    const feed = await call(core, 'integrations.add', {
      kind: 'feed',
      name: 'Menu',
      url: `${web.url}/menu.json`,
      mediaFields: [{ path: 'hero', outputPath: 'hero_image', variants: ['thumbnail'] }],
    })
    await call(core, 'integrations.poll', { id: feed.id })
    const node = `integration:${feed.id}`

    const out = await call(core, 'graph.neighbours', { node, relations: ['fetched_by'] })
    expect(out.neighbours).toHaveLength(1)
    const media = out.neighbours[0]!
    expect(media).toMatchObject({ relation: 'fetched_by', direction: 'out', depth: 1 })
    expect(media.node).toMatch(/^media:[0-9a-f]{64}$/)

    const back = await call(core, 'graph.neighbours', {
      node: media.node,
      relations: ['fetched_by'],
    })
    expect(back.neighbours.map((n) => [n.node, n.direction])).toEqual([[node, 'in']])

    const infos = await call(core, 'graph.describe', { nodes: [node, media.node] })
    expect(infos.map((i) => [i.kind, i.label, i.exists])).toEqual([
      ['integration', 'feed Menu', true],
      ['media', image, true],
    ])

    const impact = await call(core, 'graph.impact', { node })
    expect(impact.counts).toMatchObject({ media: 1, collections: 0 })
    const used = await call(core, 'graph.impact', { node: media.node })
    expect(used.integrations).toEqual([{ id: feed.id, name: 'Menu' }])
    expect(used.counts.integrations).toBe(1)
  })

  it('graph rebuild drops a user link to an integration that was removed', async () => {
    const core = testCore()
    const feed = await call(core, 'integrations.add', {
      kind: 'feed',
      name: 'Menu',
      url: 'http://127.0.0.1:9/menu.json',
    })
    const created = await call(core, 'collections.create', { kind: 'playlist', name: 'Lobby' })
    await call(core, 'graph.link', {
      from: `integration:${feed.id}`,
      to: `collection:${created.id}`,
      relation: 'related_to',
    })
    expect((await call(core, 'graph.rebuild', undefined)).orphanLinks).toBe(0)
    await call(core, 'integrations.remove', { id: feed.id, confirm: true })
    expect((await call(core, 'graph.rebuild', undefined)).orphanLinks).toBe(1)
  })
})

import { rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testCore } from '../support/core'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

async function library() {
  const core = testCore()
  const media = tempDir()
  writeTree(media, { 'a.jpg': 'a', 'b.jpg': 'b', 'c.mp4': 'c' })
  const root = await core.services.roots.add({ path: media })
  await core.services.scan.scan(root.id)
  const ids = Object.fromEntries(core.services.assets.list({}).items.map((a) => [a.name, a.id]))
  return { core, media, root, ids: ids as Record<'a.jpg' | 'b.jpg' | 'c.mp4', number> }
}

describe('playlists and albums', () => {
  it('keeps playlist order, repeats and per-item durations; images default to 10 s', async () => {
    const { core, ids } = await library()
    core.services.collections.create('playlist', 'Lobby')
    core.services.collections.add('playlist', 'Lobby', [ids['b.jpg'], ids['a.jpg']], null)
    const detail = core.services.collections.add('playlist', 'Lobby', [ids['b.jpg']], 4000)
    expect(detail.items.map((i) => [i.assetId, i.effectiveDurationMs])).toEqual([
      [ids['b.jpg'], 10_000],
      [ids['a.jpg'], 10_000],
      [ids['b.jpg'], 4000],
    ])
    expect(detail.durationMs).toBe(24_000)
    expect(core.services.collections.list('playlist')).toEqual([
      expect.objectContaining({ name: 'Lobby', itemCount: 3 }),
    ])
  })

  it('lists each collection with the same total as its detail: videos their length, pages the default', async () => {
    const { core, ids } = await library()
    core.db.prepare('UPDATE assets SET duration_ms = 7500 WHERE id = ?').run(ids['c.mp4'])
    core.services.collections.create('playlist', 'Lobby')
    core.services.collections.add('playlist', 'Lobby', [ids['a.jpg'], ids['c.mp4']], null)
    core.services.collections.add('playlist', 'Lobby', [ids['b.jpg']], 2500)
    core.services.collections.addItems('Lobby', [{ kind: 'url', url: 'https://example.com/menu' }])
    core.services.collections.create('playlist', 'Empty')
    const detail = core.services.collections.get('playlist', 'Lobby')
    expect(detail.durationMs).toBe(10_000 + 7500 + 2500 + 10_000)
    const listed = core.services.collections.list('playlist')
    expect(listed.map((c) => [c.name, c.durationMs])).toEqual([
      ['Empty', 0],
      ['Lobby', detail.durationMs],
    ])
    expect(core.services.collections.summaryById(detail.id).durationMs).toBe(detail.durationMs)
  })

  it('keeps an album a set, without durations', async () => {
    const { core, ids } = await library()
    core.services.collections.create('album', 'Summer')
    core.services.collections.add(
      'album',
      'Summer',
      [ids['a.jpg'], ids['a.jpg'], ids['c.mp4']],
      null,
    )
    expect(core.services.collections.get('album', 'summer').items).toHaveLength(2)
    expect(() => core.services.collections.add('album', 'Summer', [ids['b.jpg']], 5000)).toThrow(
      /Albums have no durations/,
    )
    expect(() => core.services.collections.create('album', 'SUMMER')).toThrow(
      /already an album called/,
    )
  })

  it('says which collections hold an asset before removing it, and removes it only when confirmed', async () => {
    const { core, ids } = await library()
    core.services.collections.create('playlist', 'Lobby')
    core.services.collections.add('playlist', 'Lobby', [ids['a.jpg']], null)
    const asked = await core.dispatch('assets.remove', { ids: [ids['a.jpg']] })
    expect(asked).toEqual({
      ok: true,
      result: {
        removed: [],
        heldBy: [
          {
            assetId: ids['a.jpg'],
            collections: [{ kind: 'playlist', name: 'Lobby' }],
            bundles: [],
          },
        ],
      },
    })
    expect(core.services.collections.get('playlist', 'Lobby').itemCount).toBe(1)
    const confirmed = await core.dispatch('assets.remove', { ids: [ids['a.jpg']], confirm: true })
    expect(confirmed).toMatchObject({ ok: true, result: { removed: [ids['a.jpg']] } })
    expect(core.services.collections.get('playlist', 'Lobby').itemCount).toBe(0)
    expect(await core.dispatch('assets.remove', { ids: [ids['b.jpg']] })).toMatchObject({
      ok: true,
      result: { removed: [ids['b.jpg']], heldBy: [] },
    })
  })

  it('renames, and refuses a name another collection of the kind already has', async () => {
    const { core } = await library()
    core.services.collections.create('playlist', 'Lobby')
    core.services.collections.create('playlist', 'Foyer')
    expect(
      await core.dispatch('collections.rename', {
        kind: 'playlist',
        name: 'lobby',
        newName: ' Entrance ',
      }),
    ).toMatchObject({ ok: true, result: { name: 'Entrance' } })
    expect(core.services.collections.list('playlist').map((c) => c.name)).toEqual([
      'Entrance',
      'Foyer',
    ])
    expect(() => core.services.collections.rename('playlist', 'Entrance', 'FOYER')).toThrow(
      /already a playlist called "FOYER"/,
    )
    expect(core.services.collections.rename('playlist', 'Foyer', 'foyer').name).toBe('foyer')
  })

  it('reorders a playlist only with every item named once', async () => {
    const { core, ids } = await library()
    core.services.collections.create('playlist', 'Lobby')
    const items = core.services.collections.add(
      'playlist',
      'Lobby',
      [ids['a.jpg'], ids['b.jpg'], ids['c.mp4']],
      null,
    ).items
    const [a, b, c] = items.map((i) => i.id) as [number, number, number]
    const moved = await core.dispatch('collections.reorder', { name: 'Lobby', itemIds: [c, a, b] })
    expect(moved).toMatchObject({ ok: true })
    expect(core.services.collections.get('playlist', 'Lobby').items.map((i) => i.name)).toEqual([
      'c.mp4',
      'a.jpg',
      'b.jpg',
    ])
    expect(() => core.services.collections.reorder('Lobby', [c, a])).toThrow(/changed while/)
    expect(() => core.services.collections.reorder('Lobby', [c, a, a])).toThrow(/changed while/)
  })

  it('sets durations singly and in bulk, null bringing back the default, and removes items', async () => {
    const { core, ids } = await library()
    core.services.collections.create('playlist', 'Lobby')
    const items = core.services.collections.add(
      'playlist',
      'Lobby',
      [ids['a.jpg'], ids['b.jpg'], ids['a.jpg']],
      null,
    ).items
    const [a, b, a2] = items.map((i) => i.id) as [number, number, number]
    let detail = core.services.collections.setDuration('Lobby', [a, b], 4000)
    expect(detail.items.map((i) => i.effectiveDurationMs)).toEqual([4000, 4000, 10_000])
    expect(detail.durationMs).toBe(18_000)
    detail = core.services.collections.setDuration('Lobby', [b], null)
    expect(detail.items.map((i) => i.durationMs)).toEqual([4000, null, null])
    expect(
      await core.dispatch('collections.setDuration', {
        name: 'Lobby',
        itemIds: [a],
        durationMs: 5,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })

    detail = core.services.collections.removeItems('playlist', 'Lobby', [a, a2])
    expect(detail.items.map((i) => i.name)).toEqual(['b.jpg'])
    expect(core.services.assets.list({}).items).toHaveLength(3)
    expect(() => core.services.collections.removeItems('playlist', 'Lobby', [a])).toThrow(
      /has no item/,
    )
  })

  it('marks items whose library folder is offline, so the playlist can warn', async () => {
    const { core, ids, media, root } = await library()
    core.services.collections.create('album', 'Summer')
    const [item] = core.services.collections.add('album', 'Summer', [ids['a.jpg']], null).items
    expect(item).toMatchObject({ offline: false, error: null })
    rmSync(media, { recursive: true, force: true })
    await core.services.scan.scan(root.id).catch(() => undefined)
    expect(core.services.collections.get('album', 'Summer').items[0]).toMatchObject({
      offline: true,
      status: item!.status,
    })
  })
})

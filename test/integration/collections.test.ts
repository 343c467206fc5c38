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
  return { core, ids: ids as Record<'a.jpg' | 'b.jpg' | 'c.mp4', number> }
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
})

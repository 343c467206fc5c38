import { describe, expect, it } from 'vitest'
import { testCore } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'

describe('graph.describe', () => {
  it('names each node and gives assets their cached thumbnails, in the order asked', async () => {
    const core = testCore()
    const rootId = insertRoot(core.db)
    const [lobby, menu] = insertAssets(core.db, rootId, [
      { name: 'lobby.jpg', sha256: 'a'.repeat(64) },
      { dir: 'Menus/Summer', name: 'menu.jpg', sha256: 'b'.repeat(64) },
    ]) as [number, number]
    core.db
      .prepare(
        `INSERT INTO derivatives (sha256, variant, path, bytes, mime, created_at)
         VALUES (?, 'small', 'x/small.webp', 10, 'image/webp', 1)`,
      )
      .run('a'.repeat(64))
    const created = await core.dispatch('collections.create', { kind: 'playlist', name: 'Lobby' })
    if (!created.ok) throw new Error(created.error.message)
    const playlist = (created.result as { id: number }).id

    const response = await core.dispatch('graph.describe', {
      nodes: [
        `folder:${rootId}:Menus/Summer`,
        `asset:${lobby}`,
        `asset:${menu}`,
        `collection:${playlist}`,
        `root:${rootId}`,
        'asset:999',
      ],
    })
    expect(response.ok).toBe(true)
    const infos = response.ok ? (response.result as Array<Record<string, unknown>>) : []
    expect(infos.map((i) => [i.node, i.label, i.exists])).toEqual([
      [`folder:${rootId}:Menus/Summer`, 'Summer', true],
      [`asset:${lobby}`, 'lobby.jpg', true],
      [`asset:${menu}`, 'menu.jpg', true],
      [`collection:${playlist}`, 'playlist Lobby', true],
      [`root:${rootId}`, expect.any(String), true],
      ['asset:999', 'Asset 999 (removed)', false],
    ])
    expect(infos[1]).toMatchObject({ sha256: 'a'.repeat(64), variants: ['small'] })
    expect(infos[2]).toMatchObject({ variants: [] })
  })

  it('refuses what is not a node name', async () => {
    const core = testCore()
    const response = await core.dispatch('graph.describe', { nodes: ['nonsense'] })
    expect(response.ok ? null : response.error.code).toBe('INVALID_ARGUMENT')
  })
})

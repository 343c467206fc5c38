import { describe, expect, it } from 'vitest'
import type { MethodArgs, MethodName, MethodResult } from '../../src/shared/contract'
import { testCore } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'

type Core = ReturnType<typeof testCore>

async function call<M extends MethodName>(
  core: Core,
  method: M,
  args: MethodArgs<M>,
): Promise<MethodResult<M>> {
  const response = await core.dispatch(method, args)
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`)
  return response.result as MethodResult<M>
}

/** Playlists Lobby (intro, menu ×2 with its own duration, outro) and Menu; albums Summer, Both. */
async function library() {
  const core = testCore()
  const rootId = insertRoot(core.db)
  const [intro, menu, outro, fresh] = insertAssets(core.db, rootId, [
    { name: 'intro.jpg' },
    { dir: 'Menus', name: 'menu.jpg' },
    { name: 'outro.jpg' },
    { dir: 'Menus', name: 'menu-v2.jpg' },
  ]) as [number, number, number, number]
  await call(core, 'collections.create', { kind: 'playlist', name: 'Lobby' })
  await call(core, 'collections.add', {
    kind: 'playlist',
    name: 'Lobby',
    assetIds: [intro, menu],
  })
  await call(core, 'collections.add', {
    kind: 'playlist',
    name: 'Lobby',
    assetIds: [menu],
    durationMs: 12_000,
  })
  await call(core, 'collections.add', { kind: 'playlist', name: 'Lobby', assetIds: [outro] })
  await call(core, 'collections.create', { kind: 'playlist', name: 'Menu' })
  await call(core, 'collections.add', { kind: 'playlist', name: 'Menu', assetIds: [menu] })
  await call(core, 'collections.create', { kind: 'album', name: 'Summer' })
  await call(core, 'collections.add', { kind: 'album', name: 'Summer', assetIds: [menu, outro] })
  await call(core, 'collections.create', { kind: 'album', name: 'Both' })
  await call(core, 'collections.add', { kind: 'album', name: 'Both', assetIds: [menu, fresh] })
  return { core, intro, menu, outro, fresh }
}

const shape = (detail: MethodResult<'collections.get'>) =>
  detail.items.map((i) => ({ assetId: i.assetId, durationMs: i.durationMs }))

describe('assets.replace', () => {
  it('puts the new asset in every playlist and album at the same place and duration', async () => {
    const { core, intro, menu, outro, fresh } = await library()
    const before = await call(core, 'collections.get', { kind: 'playlist', name: 'Lobby' })
    const result = await call(core, 'assets.replace', { oldId: menu, newId: fresh })

    const lobby = await call(core, 'collections.get', { kind: 'playlist', name: 'Lobby' })
    expect(shape(lobby)).toEqual([
      { assetId: intro, durationMs: null },
      { assetId: fresh, durationMs: null },
      { assetId: fresh, durationMs: 12_000 },
      { assetId: outro, durationMs: null },
    ])
    expect(lobby.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id))
    const menuList = await call(core, 'collections.get', { kind: 'playlist', name: 'Menu' })
    expect(shape(menuList)).toEqual([{ assetId: fresh, durationMs: null }])
    const summer = await call(core, 'collections.get', { kind: 'album', name: 'Summer' })
    expect(summer.items.map((i) => i.assetId).sort()).toEqual([outro, fresh].sort())
    // An album is a set: the one that held both keeps the new asset once.
    const both = await call(core, 'collections.get', { kind: 'album', name: 'Both' })
    expect(both.items.map((i) => i.assetId)).toEqual([fresh])

    expect(result.collections.map((c) => [c.kind, c.name, c.items])).toEqual([
      ['album', 'Both', 1],
      ['album', 'Summer', 1],
      ['playlist', 'Lobby', 2],
      ['playlist', 'Menu', 1],
    ])
    expect(result.link).toMatchObject({
      source: `asset:${fresh}`,
      target: `asset:${menu}`,
      relation: 'replaces',
    })
  })

  it('records replaces new → old, keeps the old asset and touches each collection', async () => {
    const { core, menu, fresh } = await library()
    core.db.prepare('UPDATE collections SET updated_at = 1').run()
    await call(core, 'assets.replace', { oldId: menu, newId: fresh, note: 'summer prices' })

    const touched = core.db
      .prepare('SELECT name FROM collections WHERE updated_at > 1 ORDER BY name')
      .pluck()
      .all()
    expect(touched).toEqual(['Both', 'Lobby', 'Menu', 'Summer'])
    expect((await call(core, 'assets.get', { id: menu })).id).toBe(menu)
    const impact = await call(core, 'graph.impact', { node: `asset:${menu}` })
    expect(impact.collections).toEqual([])
    expect(impact.assets).toEqual([{ id: fresh, relation: 'replaces' }])
    const out = await call(core, 'graph.neighbours', {
      node: `asset:${fresh}`,
      relations: ['replaces'],
    })
    expect(out.neighbours).toEqual([
      expect.objectContaining({ node: `asset:${menu}`, relation: 'replaces', direction: 'out' }),
    ])
  })

  it('refuses an asset replacing itself or one that is not there, changing nothing', async () => {
    const { core, menu } = await library()
    const self = await core.dispatch('assets.replace', { oldId: menu, newId: menu })
    expect(self).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const gone = await core.dispatch('assets.replace', { oldId: menu, newId: 9999 })
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const lobby = await call(core, 'collections.get', { kind: 'playlist', name: 'Lobby' })
    expect(lobby.items.filter((i) => i.assetId === menu)).toHaveLength(2)
    expect(core.db.prepare('SELECT count(*) FROM links').pluck().get()).toBe(0)
  })
})

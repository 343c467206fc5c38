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

const BUNDLE = '6f1c2a9e-1b2c-4d3e-8f00-0123456789ab'

/**
 * lobby.jpg at the root, menu.jpg in Menus, summer.jpg (a copy of lobby.jpg) and ice.jpg in
 * Menus/Summer; playlist Lobby holds lobby and menu, album Summer holds summer; one bundle was
 * exported with lobby and summer; ice.jpg replaces menu.jpg.
 */
async function library() {
  const core = testCore()
  const rootId = insertRoot(core.db)
  const [lobby, menu, summer, ice] = insertAssets(core.db, rootId, [
    { name: 'lobby.jpg', sha256: 'a'.repeat(64) },
    { dir: 'Menus', name: 'menu.jpg', sha256: 'b'.repeat(64) },
    { dir: 'Menus/Summer', name: 'summer.jpg', sha256: 'a'.repeat(64) },
    { dir: 'Menus/Summer', name: 'ice.jpg', sha256: 'c'.repeat(64) },
  ]) as [number, number, number, number]
  const playlist = await call(core, 'collections.create', { kind: 'playlist', name: 'Lobby' })
  await call(core, 'collections.add', {
    kind: 'playlist',
    name: 'Lobby',
    assetIds: [lobby, menu],
  })
  const album = await call(core, 'collections.create', { kind: 'album', name: 'Summer' })
  await call(core, 'collections.add', { kind: 'album', name: 'Summer', assetIds: [summer] })
  core.db
    .prepare(
      `INSERT INTO bundles (id, name, dir, profile, objects, bytes, copied, skipped, transcoded,
         verified, duration_ms, created_at) VALUES (?, 'One', '/usb/one', 'hd', 2, 2, 2, 0, 0, 1, 1, 5)`,
    )
    .run(BUNDLE)
  const item = core.db.prepare(
    'INSERT INTO bundle_items (bundle_id, asset_id, object_sha256) VALUES (?, ?, ?)',
  )
  item.run(BUNDLE, lobby, 'a'.repeat(64))
  item.run(BUNDLE, summer, 'a'.repeat(64))
  await call(core, 'graph.link', {
    from: `asset:${ice}`,
    to: `asset:${menu}`,
    relation: 'replaces',
    note: 'new summer menu',
  })
  return { core, rootId, lobby, menu, summer, ice, playlist: playlist.id, album: album.id }
}

const edges = (result: MethodResult<'graph.neighbours'>) =>
  result.neighbours
    .map((n) => `${n.from} ${n.relation}${n.direction === 'in' ? '<' : '>'} ${n.node}`)
    .sort()

describe('the relationship graph', () => {
  it("lists an asset's neighbours from every relation the library knows", async () => {
    const { core, rootId, lobby, summer, playlist } = await library()
    const result = await call(core, 'graph.neighbours', { node: `asset:${lobby}` })
    expect(result.truncated).toBe(false)
    expect(edges(result)).toEqual(
      [
        `asset:${lobby} contains< root:${rootId}`,
        `asset:${lobby} duplicate_of> asset:${summer}`,
        `asset:${lobby} exported_in> bundle:${BUNDLE}`,
        `asset:${lobby} includes< collection:${playlist}`,
      ].sort(),
    )
  })

  it('walks folders both ways and follows only the relations and direction asked for', async () => {
    const { core, rootId, menu, summer, ice } = await library()
    const down = await call(core, 'graph.neighbours', {
      node: `folder:${rootId}:Menus`,
      direction: 'out',
      depth: 2,
    })
    expect(down.neighbours.map((n) => [n.node, n.depth])).toEqual(
      expect.arrayContaining([
        [`asset:${menu}`, 1],
        [`folder:${rootId}:Menus/Summer`, 1],
        [`asset:${summer}`, 2],
        [`asset:${ice}`, 2],
      ]),
    )
    // Out of ice.jpg at depth 2 there is also its replaces edge and menu's bundle-less playlist.
    const contained = await call(core, 'graph.neighbours', {
      node: `folder:${rootId}:Menus/Summer`,
      relations: ['contains'],
      depth: 4,
    })
    expect(contained.neighbours.map((n) => n.node).sort()).toEqual(
      [
        `asset:${summer}`,
        `asset:${ice}`,
        `folder:${rootId}:Menus`,
        `root:${rootId}`,
        `asset:${menu}`,
        `asset:1`,
      ].sort(),
    )
    const up = await call(core, 'graph.neighbours', {
      node: `asset:${ice}`,
      direction: 'in',
      relations: ['contains'],
      depth: 4,
    })
    expect(up.neighbours.map((n) => [n.node, n.depth])).toEqual([
      [`folder:${rootId}:Menus/Summer`, 1],
      [`folder:${rootId}:Menus`, 2],
      [`root:${rootId}`, 3],
    ])
  })

  it('keeps the nearest neighbours when the limit cuts the walk short', async () => {
    const { core, rootId } = await library()
    const result = await call(core, 'graph.neighbours', {
      node: `root:${rootId}`,
      depth: 4,
      limit: 2,
    })
    expect(result.truncated).toBe(true)
    expect(result.neighbours).toHaveLength(2)
    expect(result.neighbours.every((n) => n.depth === 1)).toBe(true)
  })

  it('finds the shortest path with the relations along it', async () => {
    const { core, menu, ice, playlist, lobby } = await library()
    const viaReplace = await call(core, 'graph.path', {
      from: `asset:${ice}`,
      to: `collection:${playlist}`,
      relations: ['replaces', 'includes'],
    })
    expect(viaReplace.steps).toEqual([
      { from: `asset:${ice}`, to: `asset:${menu}`, relation: 'replaces', direction: 'out' },
      {
        from: `asset:${menu}`,
        to: `collection:${playlist}`,
        relation: 'includes',
        direction: 'in',
      },
    ])
    const any = await call(core, 'graph.path', { from: `asset:${ice}`, to: `bundle:${BUNDLE}` })
    expect(any.steps).toHaveLength(3)
    expect(any.steps!.map((s) => s.from).slice(1)).toEqual(any.steps!.map((s) => s.to).slice(0, -1))
    const none = await call(core, 'graph.path', {
      from: `asset:${ice}`,
      to: `asset:${lobby}`,
      relations: ['includes'],
    })
    expect(none.steps).toBeNull()
    const tooFar = await call(core, 'graph.path', {
      from: `asset:${ice}`,
      to: `bundle:${BUNDLE}`,
      maxDepth: 2,
    })
    expect(tooFar.steps).toBeNull()
  })

  it('says which collections, bundles and assets depend on an asset, a folder and a root', async () => {
    const { core, rootId, lobby, menu, summer, ice, playlist, album } = await library()
    expect(await call(core, 'graph.impact', { node: `asset:${lobby}` })).toEqual({
      node: `asset:${lobby}`,
      collections: [{ id: playlist, name: 'Lobby', kind: 'playlist' }],
      bundles: [{ id: BUNDLE, dir: '/usb/one', createdAt: 5 }],
      integrations: [],
      assets: [{ id: summer, relation: 'duplicate_of' }],
      counts: { collections: 1, bundles: 1, integrations: 0, assets: 1 },
    })
    const menuImpact = await call(core, 'graph.impact', { node: `asset:${menu}` })
    expect(menuImpact.assets).toEqual([{ id: ice, relation: 'replaces' }])
    // A sibling folder whose name starts the same is not inside Menus.
    const [other] = insertAssets(core.db, rootId, [{ dir: 'Menus 2', name: 'x.jpg' }])
    await call(core, 'collections.create', { kind: 'album', name: 'Other' })
    await call(core, 'collections.add', { kind: 'album', name: 'Other', assetIds: [other!] })
    // Inside the folder, ice replacing menu is no dependency from outside; lobby's copy is.
    const folder = await call(core, 'graph.impact', { node: `folder:${rootId}:Menus` })
    expect(folder.collections.map((c) => c.id)).toEqual([album, playlist])
    expect(folder.bundles.map((b) => b.id)).toEqual([BUNDLE])
    expect(folder.assets).toEqual([{ id: lobby, relation: 'duplicate_of' }])
    const root = await call(core, 'graph.impact', { node: `root:${rootId}` })
    expect(root.counts).toEqual({ collections: 3, bundles: 1, integrations: 0, assets: 0 })
  })

  it("counts a root's dependents from the other roots: copies and replacements kept elsewhere", async () => {
    const { core, rootId, menu } = await library()
    const other = insertRoot(core.db, '/library/menus', 'Menus')
    const [copy, newer] = insertAssets(core.db, other, [
      { name: 'lobby again.jpg', sha256: 'a'.repeat(64) },
      { name: 'menu v2.jpg' },
    ]) as [number, number]
    await call(core, 'graph.link', {
      from: `asset:${newer}`,
      to: `asset:${menu}`,
      relation: 'replaces',
    })
    const root = await call(core, 'graph.impact', { node: `root:${rootId}` })
    // ice.jpg replaces menu.jpg too, but inside the same root.
    expect(root.assets).toEqual([
      { id: newer, relation: 'replaces' },
      { id: copy, relation: 'duplicate_of' },
    ])
    expect(root.collections.map((c) => c.name)).toEqual(['Summer', 'Lobby'])
    expect(root.bundles.map((b) => b.dir)).toEqual(['/usb/one'])
    const elsewhere = await call(core, 'graph.impact', { node: `root:${other}` })
    expect(elsewhere).toMatchObject({ collections: [], bundles: [] })
    expect(elsewhere.assets.map((a) => a.relation).sort()).toEqual(['duplicate_of', 'duplicate_of'])
  })

  it('links and unlinks user relations, and refuses those the library keeps itself', async () => {
    const { core, lobby, menu, playlist } = await library()
    const link = await call(core, 'graph.link', {
      from: `collection:${playlist}`,
      to: `asset:${menu}`,
      relation: 'related_to',
      note: 'same campaign',
    })
    expect(link).toMatchObject({ relation: 'related_to', note: 'same campaign', weight: 1 })
    const around = await call(core, 'graph.neighbours', {
      node: `asset:${menu}`,
      relations: ['related_to'],
    })
    expect(edges(around)).toEqual([`asset:${menu} related_to< collection:${playlist}`])
    expect(
      await call(core, 'graph.unlink', { from: `collection:${playlist}`, to: `asset:${menu}` }),
    ).toEqual({ removed: 1 })
    const again = await core.dispatch('graph.unlink', {
      from: `collection:${playlist}`,
      to: `asset:${menu}`,
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    for (const [from, to, relation, code] of [
      [`asset:${lobby}`, `asset:${menu}`, 'contains', 'INVALID_ARGUMENT'],
      [`asset:${lobby}`, `asset:${lobby}`, 'related_to', 'INVALID_ARGUMENT'],
      [`asset:${lobby}`, `collection:${playlist}`, 'replaces', 'INVALID_ARGUMENT'],
      [`asset:${lobby}`, 'asset:999', 'related_to', 'NOT_FOUND'],
      [`asset:${lobby}`, 'tag:1', 'related_to', 'INVALID_ARGUMENT'],
      [`asset:${lobby}`, `asset:${menu}`, 'Related To', 'INVALID_ARGUMENT'],
    ] as const) {
      const refused = await core.dispatch('graph.link', { from, to, relation })
      expect(refused, `${from} ${relation} ${to}`).toMatchObject({ ok: false, error: { code } })
    }
  })

  it("drops an asset's links when the asset is removed from the library", async () => {
    const { core, menu, ice } = await library()
    await call(core, 'assets.remove', { ids: [ice], confirm: true })
    const impact = await call(core, 'graph.impact', { node: `asset:${menu}` })
    expect(impact.assets).toEqual([])
    expect(core.db.prepare('SELECT count(*) AS n FROM links').get()).toEqual({ n: 0 })
  })

  it('asks before removing an asset that went into an exported bundle, naming the bundle', async () => {
    const { core, summer, ice } = await library()
    const asked = await call(core, 'assets.remove', { ids: [summer] })
    expect(asked).toEqual({
      removed: [],
      heldBy: [
        {
          assetId: summer,
          collections: [{ kind: 'album', name: 'Summer' }],
          bundles: [{ id: BUNDLE, name: 'One', dir: '/usb/one' }],
        },
      ],
    })
    // ice.jpg is in no collection and no bundle: removed at once.
    expect((await call(core, 'assets.remove', { ids: [ice] })).removed).toEqual([ice])
  })

  it('takes the absolute path of an indexed file as its asset', async () => {
    const { core, lobby } = await library()
    const result = await call(core, 'graph.impact', { node: '/library/lobby/lobby.jpg' })
    expect(result.node).toBe(`asset:${lobby}`)
  })
})

import { describe, expect, it } from 'vitest'
import type { MethodResult } from '../../src/shared/contract'
import { FolderTagsRepository } from '../../src/main/repositories/folder-tags.repository'
import { testCore } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'

type Core = ReturnType<typeof testCore>

/** xorshift32, seeded: a failure replays. */
function random(seed: number) {
  let s = seed
  const next = () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 2 ** 32
  }
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  }
}

const DIRS = ['', 'A', 'A/B', 'A/B/C', 'AB', 'D', 'D/E']
const TAGS = ['menu', 'lobby', 'summer']

async function ok<T>(core: Core, method: string, args: unknown): Promise<T> {
  const response = await core.dispatch(method as never, args as never)
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`)
  return response.result as T
}

/**
 * Everything the graph answers, node by node: neighbours at depth 1 (both directions, every
 * relation), impact, and every asset's tags with where they come from.
 */
async function answers(core: Core): Promise<Record<string, unknown>> {
  const db = core.db
  const nodes = [
    ...(db.prepare('SELECT id FROM assets').pluck().all() as number[]).map((id) => `asset:${id}`),
    ...(db.prepare('SELECT id FROM collections').pluck().all() as number[]).map(
      (id) => `collection:${id}`,
    ),
    ...(db.prepare('SELECT id FROM roots').pluck().all() as number[]).map((id) => `root:${id}`),
    ...(db.prepare('SELECT id FROM bundles').pluck().all() as string[]).map((id) => `bundle:${id}`),
    ...(
      db
        .prepare(`SELECT DISTINCT root_id || ':' || dir FROM assets WHERE dir <> ''`)
        .pluck()
        .all() as string[]
    ).map((f) => `folder:${f}`),
  ]
  const out: Record<string, unknown> = {}
  for (const node of nodes.sort()) {
    const around = await ok<MethodResult<'graph.neighbours'>>(core, 'graph.neighbours', {
      node,
      limit: 10_000,
    })
    const impact = await ok<MethodResult<'graph.impact'>>(core, 'graph.impact', { node })
    out[node] = {
      neighbours: around.neighbours.map((n) => `${n.direction} ${n.relation} ${n.node}`).sort(),
      impact,
    }
  }
  out.tags = db
    .prepare('SELECT asset_id, tag_id, via_folder FROM asset_tags ORDER BY asset_id, tag_id')
    .all()
  out.links = db.prepare('SELECT source, relation, target FROM links ORDER BY id').all()
  return out
}

describe('graph rebuild', () => {
  it('finds nothing to repair after a long random sequence of library changes', async () => {
    const core = testCore()
    const db = core.db
    const arrivals = new FolderTagsRepository(db)
    const rnd = random(20_261_130)
    insertRoot(db, '/lib/one', 'One')
    insertRoot(db, '/lib/two', 'Two')
    let serial = 0
    const assetIds = () => db.prepare('SELECT id FROM assets').pluck().all() as number[]
    const rootIds = () => db.prepare('SELECT id FROM roots').pluck().all() as number[]
    const playlists = () =>
      db.prepare(`SELECT name FROM collections WHERE kind = 'playlist'`).pluck().all() as string[]
    // An asset, a root or a folder, alike likely (folders' links outlive nothing but their root).
    const node = () => {
      const kind = rnd.int(3)
      const ids = assetIds()
      if (kind === 0 && ids.length) return `asset:${rnd.pick(ids)}`
      const root = rnd.pick(rootIds())
      return kind === 1 ? `root:${root}` : `folder:${root}:${rnd.pick(DIRS.slice(1))}`
    }
    const done = new Map<string, number>()
    const largest = { assets: 0, handedDown: 0, links: 0 }
    const changes: Record<string, () => Promise<unknown> | unknown> = {
      // The scanner's writes, as rows: a new file (handed its folders' tags as the scanner and
      // imports do, FolderTagsRepository.arrived), a move (a trigger hands them down).
      add: () => {
        const ids = rootIds()
        if (!ids.length) return
        const rootId = rnd.pick(ids)
        const [id] = insertAssets(db, rootId, [
          {
            dir: rnd.pick(DIRS),
            name: `f${serial++}.jpg`,
            sha256: rnd.pick(['a', 'b', 'c', null])?.repeat(64) ?? null,
          },
        ])
        arrivals.arrived(rootId, id!)
      },
      move: () => {
        const ids = assetIds()
        if (ids.length)
          db.prepare('UPDATE assets SET root_id = ?, dir = ?, name = ? WHERE id = ?').run(
            rnd.pick(rootIds()),
            rnd.pick(DIRS),
            `m${serial++}.jpg`,
            rnd.pick(ids),
          )
      },
      remove: async () => {
        const ids = assetIds()
        if (ids.length) await ok(core, 'assets.remove', { ids: [rnd.pick(ids)], confirm: true })
      },
      removeRoot: async () => {
        // Rare: a root takes its assets, links and folder tags along.
        const ids = rootIds()
        if (ids.length > 1 && rnd.int(4) === 0)
          await ok(core, 'roots.remove', { id: rnd.pick(ids), confirm: true })
      },
      addRoot: () => {
        if (rootIds().length < 2) insertRoot(db, `/lib/r${serial++}`, `R${serial}`)
      },
      playlist: async () => {
        await ok(core, 'collections.create', { kind: 'playlist', name: `p${serial++}` })
      },
      collect: async () => {
        const ids = assetIds()
        if (playlists().length && ids.length)
          await ok(core, 'collections.add', {
            kind: 'playlist',
            name: rnd.pick(playlists()),
            assetIds: [rnd.pick(ids), rnd.pick(ids)],
          })
      },
      dropPlaylist: async () => {
        if (playlists().length)
          await ok(core, 'collections.remove', {
            kind: 'playlist',
            name: rnd.pick(playlists()),
            confirm: true,
          })
      },
      replace: async () => {
        const ids = assetIds()
        const [a, b] = [rnd.pick(ids), rnd.pick(ids)]
        if (ids.length > 1 && a !== b) await ok(core, 'assets.replace', { oldId: a, newId: b })
      },
      bundle: () => {
        const ids = assetIds()
        if (!ids.length) return
        const id = `b${serial++}`
        db.prepare(
          `INSERT INTO bundles (id, name, dir, profile, objects, bytes, copied, skipped, transcoded,
             verified, duration_ms, created_at) VALUES (?, 'b', ?, 'hd', 1, 1, 1, 0, 0, 1, 1, ?)`,
        ).run(id, `/usb/${id}`, serial)
        db.prepare(
          'INSERT OR IGNORE INTO bundle_items (bundle_id, asset_id, object_sha256) VALUES (?, ?, ?)',
        ).run(id, rnd.pick(ids), 'x')
      },
      link: async () => {
        const [a, b] = [node(), node()]
        if (a !== b)
          await core.dispatch('graph.link', {
            from: a,
            to: b,
            relation: rnd.pick(['related_to', 'shot_with']),
          })
      },
      unlink: async () => {
        const row = db
          .prepare('SELECT source, target FROM links ORDER BY random() LIMIT 1')
          .get() as { source: string; target: string } | undefined
        if (row) await ok(core, 'graph.unlink', { from: row.source, to: row.target })
      },
      tagFolder: async () => {
        const ids = rootIds()
        if (ids.length)
          await ok(core, 'tags.folder', {
            rootId: rnd.pick(ids),
            folder: rnd.pick(DIRS),
            [rnd.int(3) === 0 ? 'remove' : 'add']: [rnd.pick(TAGS)],
          })
      },
      // By hand, on the files of one folder (without its subfolders), some carrying it already.
      tagAsset: async () => {
        const ids = db.prepare('SELECT id FROM assets WHERE dir = ?').pluck().all(rnd.pick(DIRS))
        if (ids.length)
          await ok(core, 'tags.apply', {
            selection: { ids: ids as number[] },
            [rnd.int(2) === 0 ? 'remove' : 'add']: [rnd.pick(TAGS)],
          })
      },
    }
    const names = Object.keys(changes)
    // Files arrive more often than anything else happens, so the library grows.
    const weighted = [...names, 'add', 'add', 'add', 'add', 'add', 'move', 'tagFolder']
    for (let round = 0; round < 8; round++) {
      for (let step = 0; step < 60; step++) {
        const name = rnd.pick(weighted)
        await changes[name]!()
        done.set(name, (done.get(name) ?? 0) + 1)
      }
      largest.assets = Math.max(largest.assets, assetIds().length)
      const count = (sql: string) => db.prepare(sql).pluck().get() as number
      largest.handedDown = Math.max(
        largest.handedDown,
        count('SELECT count(*) FROM asset_tags WHERE via_folder = 1'),
      )
      largest.links = Math.max(largest.links, count('SELECT count(*) FROM links'))
      const incremental = await answers(core)
      const repaired = await ok<MethodResult<'graph.rebuild'>>(core, 'graph.rebuild', undefined)
      expect(repaired.orphanLinks, `round ${round}`).toBe(0)
      expect(repaired.folderTagsAdded).toBe(repaired.folderTagsRemoved)
      expect(await answers(core)).toEqual(incremental)
    }
    // Every kind of change happened, on a library worth comparing.
    for (const name of names) expect(done.get(name), name).toBeGreaterThan(3)
    expect(largest.assets).toBeGreaterThan(25)
    expect(largest.handedDown).toBeGreaterThan(5)
    expect(largest.links).toBeGreaterThan(5)
  })

  it('drops the links of the folders of a root that goes', async () => {
    const core = testCore()
    const [one, two] = [insertRoot(core.db, '/lib/one', 'One'), insertRoot(core.db, '/lib/two')]
    const [a] = insertAssets(core.db, one!, [{ name: 'a.jpg' }]) as [number]
    insertAssets(core.db, two!, [{ dir: 'Menus', name: 'm.jpg' }])
    await ok(core, 'graph.link', { from: `asset:${a}`, to: `folder:${two}:Menus`, relation: 'x' })
    await ok(core, 'graph.link', { from: `folder:${two}:Menus`, to: `root:${one}`, relation: 'y' })
    await ok(core, 'roots.remove', { id: two, confirm: true })
    expect(core.db.prepare('SELECT count(*) FROM links').pluck().get()).toBe(0)
    const repaired = await ok<MethodResult<'graph.rebuild'>>(core, 'graph.rebuild', undefined)
    expect(repaired.orphanLinks).toBe(0)
  })

  it('repairs what a write behind the triggers broke', async () => {
    const core = testCore()
    const rootId = insertRoot(core.db)
    const [a, b] = insertAssets(core.db, rootId, [
      { dir: 'Menus', name: 'a.jpg' },
      { dir: 'Menus', name: 'b.jpg' },
    ]) as [number, number]
    await ok(core, 'tags.folder', { rootId, folder: 'Menus', add: ['menu'] })
    await ok(core, 'graph.link', { from: `asset:${a}`, to: `asset:${b}`, relation: 'related_to' })
    const before = await answers(core)
    // An older version, or a hand-edited database: triggers off, a link left to a gone asset,
    // a handed-down tag lost.
    core.db.pragma('recursive_triggers = OFF')
    core.db.exec('DROP TRIGGER links_asset_gone')
    core.db.prepare('DELETE FROM assets WHERE id = ?').run(b)
    core.db.prepare('DELETE FROM asset_tags WHERE asset_id = ?').run(a)
    const repaired = await ok<MethodResult<'graph.rebuild'>>(core, 'graph.rebuild', undefined)
    expect(repaired).toMatchObject({ orphanLinks: 1, links: 0, folderTagsAdded: 1 })
    const after = await answers(core)
    expect(after.links).toEqual([])
    expect(after.tags).toEqual(
      (before.tags as Array<{ asset_id: number }>).filter((t) => t.asset_id === a),
    )
  })
})

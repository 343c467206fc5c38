import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/main/db/connection'
import type { MethodResult } from '../../src/shared/contract'
import { testCore } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed
  const next = () => {
    // xorshift32: integer steps, so no precision is lost.
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 2 ** 32
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!,
  }
}

const DIRS = ['', 'A', 'A/B', 'A/B/C', 'D', 'D/E']

/**
 * Every edge the library implies, computed the slow and obvious way from the tables: what the
 * graph's walks must answer, whatever changed in between. (This is the "rebuild".)
 */
function edgesFromTables(db: Db): Set<string> {
  const edges = new Set<string>()
  const assets = db.prepare('SELECT id, root_id, dir, sha256 FROM assets').all() as Array<{
    id: number
    root_id: number
    dir: string
    sha256: string | null
  }>
  const folderName = (root: number, dir: string) =>
    dir === '' ? `root:${root}` : `folder:${root}:${dir}`
  for (const a of assets) {
    edges.add(`${folderName(a.root_id, a.dir)} contains asset:${a.id}`)
    const parts = a.dir === '' ? [] : a.dir.split('/')
    for (let i = parts.length; i > 0; i--)
      edges.add(
        `${folderName(a.root_id, parts.slice(0, i - 1).join('/'))} contains ${folderName(a.root_id, parts.slice(0, i).join('/'))}`,
      )
    for (const b of assets)
      if (a.sha256 !== null && b.sha256 === a.sha256 && b.id !== a.id)
        edges.add(`asset:${a.id} duplicate_of asset:${b.id}`)
  }
  for (const row of db
    .prepare('SELECT collection_id, asset_id FROM collection_items')
    .all() as Array<{ collection_id: number; asset_id: number }>)
    edges.add(`collection:${row.collection_id} includes asset:${row.asset_id}`)
  for (const row of db
    .prepare('SELECT bundle_id, asset_id FROM bundle_items JOIN assets a ON a.id = asset_id')
    .all() as Array<{ bundle_id: string; asset_id: number }>)
    edges.add(`asset:${row.asset_id} exported_in bundle:${row.bundle_id}`)
  for (const row of db.prepare('SELECT source, relation, target FROM links').all() as Array<{
    source: string
    relation: string
    target: string
  }>)
    edges.add(`${row.source} ${row.relation} ${row.target}`)
  return edges
}

/** Breadth-first distance over the edges taken either way, or null beyond `max`. */
function distanceOf(edges: Set<string>, a: string, b: string, max: number): number | null {
  const around = new Map<string, string[]>()
  for (const edge of edges) {
    const [from, , to] = edge.split(' ') as [string, string, string]
    around.set(from, [...(around.get(from) ?? []), to])
    around.set(to, [...(around.get(to) ?? []), from])
  }
  let frontier = [a]
  const seen = new Set([a])
  for (let depth = 0; depth <= max; depth++) {
    if (frontier.includes(b)) return depth
    frontier = frontier.flatMap((n) => (around.get(n) ?? []).filter((m) => !seen.has(m)))
    frontier.forEach((n) => seen.add(n))
  }
  return null
}

const RELATIONS = ['contains', 'duplicate_of', 'includes', 'exported_in', 'related_to', 'shot_with']

/**
 * The same edges as the graph answers them: every node's outgoing neighbours at depth 1, one
 * relation at a time (a neighbour is listed once, with the first edge that reached it).
 */
async function edgesFromGraph(
  core: ReturnType<typeof testCore>,
  nodes: string[],
): Promise<Set<string>> {
  const edges = new Set<string>()
  for (const node of nodes)
    for (const relation of RELATIONS) {
      const response = await core.dispatch('graph.neighbours', {
        node,
        relations: [relation],
        direction: 'out',
        limit: 10_000,
      })
      if (!response.ok) throw new Error(`${node}: ${response.error.message}`)
      const result = response.result as MethodResult<'graph.neighbours'>
      for (const n of result.neighbours) edges.add(`${node} ${n.relation} ${n.node}`)
    }
  return edges
}

describe('the graph after a long random sequence of library changes', () => {
  it('answers exactly the edges the tables imply (incremental equals rebuild)', async () => {
    const core = testCore()
    const db = core.db
    const rnd = random(12)
    const roots = [insertRoot(db, '/lib/one', 'One'), insertRoot(db, '/lib/two', 'Two')]
    let serial = 0
    const assetIds = () => db.prepare('SELECT id FROM assets').pluck().all() as number[]
    const collectionIds = () => db.prepare('SELECT id FROM collections').pluck().all() as number[]
    const changes: Array<() => Promise<unknown> | unknown> = [
      () =>
        insertAssets(db, rnd.pick(roots), [
          {
            dir: rnd.pick(DIRS),
            name: `f${serial++}.jpg`,
            sha256: rnd.pick(['a', 'b', 'c', null])?.repeat(64) ?? null,
          },
        ]),
      // A move or rename keeps the id (the scanner updates the row).
      () => {
        const ids = assetIds()
        if (ids.length)
          db.prepare('UPDATE assets SET root_id = ?, dir = ?, name = ? WHERE id = ?').run(
            rnd.pick(roots),
            rnd.pick(DIRS),
            `m${serial++}.jpg`,
            rnd.pick(ids),
          )
      },
      () => {
        const ids = assetIds()
        if (ids.length)
          db.prepare('UPDATE assets SET sha256 = ? WHERE id = ?').run(
            rnd.pick(['a', 'b', 'd']).repeat(64),
            rnd.pick(ids),
          )
      },
      async () => {
        const ids = assetIds()
        if (ids.length)
          await core.dispatch('assets.remove', { ids: [rnd.pick(ids)], confirm: true })
      },
      async () => {
        const name = `c${serial++}`
        await core.dispatch('collections.create', { kind: 'playlist', name })
      },
      async () => {
        const cs = db.prepare('SELECT name FROM collections').pluck().all() as string[]
        const ids = assetIds()
        if (cs.length && ids.length)
          await core.dispatch('collections.add', {
            kind: 'playlist',
            name: rnd.pick(cs),
            assetIds: [rnd.pick(ids)],
          })
      },
      async () => {
        const cs = db.prepare('SELECT name FROM collections').pluck().all() as string[]
        if (cs.length)
          await core.dispatch('collections.remove', {
            kind: 'playlist',
            name: rnd.pick(cs),
            confirm: true,
          })
      },
      () => {
        const ids = assetIds()
        if (!ids.length) return
        const id = `b${serial++}`
        db.prepare(
          `INSERT INTO bundles (id, name, dir, profile, objects, bytes, copied, skipped, transcoded, verified, duration_ms, created_at) VALUES (?, 'b', '/usb', 'hd', 1, 1, 1, 0, 0, 1, 1, 1)`,
        ).run(id)
        db.prepare(
          'INSERT OR IGNORE INTO bundle_items (bundle_id, asset_id, object_sha256) VALUES (?, ?, ?)',
        ).run(id, rnd.pick(ids), 'x')
      },
      async () => {
        const nodes = [
          ...assetIds().map((id) => `asset:${id}`),
          ...collectionIds().map((id) => `collection:${id}`),
          ...roots.map((id) => `root:${id}`),
        ]
        if (nodes.length > 1)
          await core.dispatch('graph.link', {
            from: rnd.pick(nodes),
            to: rnd.pick(nodes),
            relation: rnd.pick(['related_to', 'shot_with']),
          })
      },
    ]
    // Adding files is three times as likely as any other change, so the library grows.
    changes.push(changes[0]!, changes[0]!)
    let largest = 0
    let linked = false
    let pathsFound = 0
    for (let round = 0; round < 8; round++) {
      for (let step = 0; step < 40; step++) await rnd.pick(changes)()
      const expected = edgesFromTables(db)
      largest = Math.max(largest, assetIds().length)
      linked ||= [...expected].some((edge) => / (related_to|shot_with) /.test(edge))
      const nodes = [
        ...new Set(
          [...expected].flatMap((edge) => {
            const [from, , to] = edge.split(' ')
            return [from!, to!]
          }),
        ),
      ]
      expect(await edgesFromGraph(core, nodes)).toEqual(expected)
      for (let pair = 0; pair < 12; pair++) {
        const [a, b] = [rnd.pick(nodes), rnd.pick(nodes)]
        const response = await core.dispatch('graph.path', { from: a, to: b })
        if (!response.ok) throw new Error(response.error.message)
        const { steps } = response.result as MethodResult<'graph.path'>
        const distance = distanceOf(expected, a, b, 4)
        expect(steps?.length ?? null, `${a} to ${b}`).toBe(distance)
        // Every step is an edge of the library, taken either way.
        for (const step of steps ?? []) {
          const [from, to] = step.direction === 'out' ? [step.from, step.to] : [step.to, step.from]
          expect(expected).toContain(`${from} ${step.relation} ${to}`)
        }
        pathsFound += steps && steps.length > 1 ? 1 : 0
      }
    }
    expect(pathsFound).toBeGreaterThan(10)
    // The sequence did build something worth comparing.
    expect(largest).toBeGreaterThan(20)
    expect(linked).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { levelWalk, type LevelNode, type StepRow } from '../../src/main/graph/level-walk'

const asset = (id: number): LevelNode => ({ node: `asset:${id}`, kind: 'asset', num: id, txt: '' })

/** A ring of similar assets 1–2–3–4–1 and a folder holding 1 and 3. */
const similar = (id: number) =>
  ({ 1: [2, 4], 2: [1, 3], 3: [2, 4], 4: [3, 1] })[id]!.map((n) => ({ id: n, distance: 4 }))
const folder: LevelNode = { node: 'folder:1:A', kind: 'folder', num: 1, txt: 'A' }
const sql = (level: LevelNode[]): StepRow[] =>
  level.flatMap((n): StepRow[] =>
    n.node === 'asset:1' || n.node === 'asset:3'
      ? [{ ...folder, rel: 'contains', dir: 'in', prev: n.node }]
      : n.node === 'folder:1:A'
        ? [1, 3].map((id) => ({ ...asset(id), rel: 'contains', dir: 'out', prev: n.node }))
        : [],
  )

describe('levelWalk', () => {
  it('goes breadth-first, each node once, mixing SQL steps and similar ones', () => {
    const rows = levelWalk(asset(1), 4, 100, { sql, similar })
    expect(rows.map((r) => [r.node, r.depth, r.rel, r.prev])).toEqual([
      ['asset:1', 0, '', ''],
      ['folder:1:A', 1, 'contains', 'asset:1'],
      ['asset:2', 1, 'similar_to', 'asset:1'],
      ['asset:4', 1, 'similar_to', 'asset:1'],
      ['asset:3', 2, 'contains', 'folder:1:A'],
    ])
    expect(rows[2]!.weight).toBe(1 - 4 / 64)
    // The trail reads back the path, as the SQL walk writes it.
    expect(rows[4]!.trail.split('\x1e').slice(1)).toEqual([
      'asset:1\x1f\x1f',
      'folder:1:A\x1fcontains\x1fin',
      'asset:3\x1fcontains\x1fout',
    ])
  })

  it('keeps the depth limit and the row cap', () => {
    expect(levelWalk(asset(1), 1, 100, { sql: null, similar }).map((r) => r.node)).toEqual([
      'asset:1',
      'asset:2',
      'asset:4',
    ])
    expect(levelWalk(asset(1), 4, 2, { sql, similar })).toHaveLength(2)
  })
})

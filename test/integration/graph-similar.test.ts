import { describe, expect, it } from 'vitest'
import { call } from '../../src/main/cli/call'
import { cli } from '../support/cli'
import { coreAt } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'
import { tempDir } from '../support/temp'

// pHashes (threshold 10): a–b differ in 6 bits, b–c in 6, a–c in 12 (not similar); copy is a's
// duplicate (same SHA-256 and pHash: a duplicate, not "similar"); far differs from all.
const A = 0x00000000ffffffffn
const PHASH = {
  a: A,
  b: A ^ 0x3fn,
  c: A ^ 0x3f3fn,
  copy: A,
  far: 0xffffffff00000000n,
}
const hex = (h: bigint) => h.toString(16).padStart(16, '0')

/** a.jpg and copy.jpg in root One, b.jpg in One/Menus, c.jpg and far.jpg in root Two. */
function library() {
  const dataDir = tempDir('marquee-data-')
  const core = coreAt(dataDir)
  const one = insertRoot(core.db, '/lib/one', 'One')
  const two = insertRoot(core.db, '/lib/two', 'Two')
  const [a, copy, b] = insertAssets(core.db, one, [
    { name: 'a.jpg', sha256: '1'.repeat(64) },
    { name: 'copy.jpg', sha256: '1'.repeat(64) },
    { dir: 'Menus', name: 'b.jpg', sha256: '2'.repeat(64) },
  ]) as [number, number, number]
  const [c, far] = insertAssets(core.db, two, [
    { name: 'c.jpg', sha256: '3'.repeat(64) },
    { name: 'far.jpg', sha256: '4'.repeat(64) },
  ]) as [number, number]
  const ids = { a, b, c, copy, far }
  const set = core.db.prepare('UPDATE assets SET phash = ? WHERE id = ?')
  for (const [name, id] of Object.entries(ids)) set.run(hex(PHASH[name as keyof typeof PHASH]), id)
  return { core, dataDir, ids }
}

const similarOf = (result: { neighbours: Array<{ node: string; relation: string }> }) =>
  result.neighbours.filter((n) => n.relation === 'similar_to')

describe('similar_to in the graph', () => {
  it('walks perceptual neighbours with their weight, depth by depth', async () => {
    const { core, ids } = library()
    const near = await call(core, 'graph.neighbours', { node: `asset:${ids.a}` })
    expect(similarOf(near)).toEqual([
      {
        node: `asset:${ids.b}`,
        depth: 1,
        from: `asset:${ids.a}`,
        relation: 'similar_to',
        direction: 'out',
        weight: 1 - 6 / 64,
      },
    ])
    // The copy is a duplicate, reached by duplicate_of, not similar_to.
    expect(near.neighbours.find((n) => n.node === `asset:${ids.copy}`)?.relation).toBe(
      'duplicate_of',
    )
    const two = await call(core, 'graph.neighbours', {
      node: `asset:${ids.a}`,
      relations: ['similar_to'],
      depth: 2,
    })
    expect(two.neighbours.map((n) => [n.node, n.depth, n.from])).toEqual([
      [`asset:${ids.b}`, 1, `asset:${ids.a}`],
      // copy has a's pHash, so it is b's neighbour too (nearest first, then by id).
      [`asset:${ids.copy}`, 2, `asset:${ids.b}`],
      [`asset:${ids.c}`, 2, `asset:${ids.b}`],
    ])
    // Mixed with the SQL relations at every level: c's root is reached through b.
    const mixed = await call(core, 'graph.neighbours', {
      node: `asset:${ids.a}`,
      relations: ['similar_to', 'contains'],
      depth: 3,
    })
    expect(mixed.neighbours.find((n) => n.node === `root:2`)).toMatchObject({
      depth: 3,
      from: `asset:${ids.c}`,
      relation: 'contains',
      direction: 'in',
    })
    // Not asked for: not walked.
    const contains = await call(core, 'graph.neighbours', {
      node: `asset:${ids.a}`,
      relations: ['contains'],
      depth: 4,
    })
    expect(similarOf(contains)).toEqual([])
    await core.close()
  })

  it('keeps the limit and says when it cut the walk short', async () => {
    const { core, ids } = library()
    const cut = await call(core, 'graph.neighbours', {
      node: `asset:${ids.b}`,
      relations: ['similar_to'],
      limit: 1,
    })
    expect(cut.neighbours).toHaveLength(1)
    expect(cut.truncated).toBe(true)
    const all = await call(core, 'graph.neighbours', {
      node: `asset:${ids.b}`,
      relations: ['similar_to'],
    })
    // b is similar to a and c; copy has a's hash but is a's duplicate, so b → copy too.
    expect(all.neighbours.map((n) => n.node).sort()).toEqual(
      [`asset:${ids.a}`, `asset:${ids.c}`, `asset:${ids.copy}`].sort(),
    )
    expect(all.truncated).toBe(false)
    await core.close()
  })

  it('finds paths through similar assets, and forgets removed ones', async () => {
    const { core, ids } = library()
    const path = await call(core, 'graph.path', { from: `asset:${ids.a}`, to: `asset:${ids.c}` })
    expect(path.steps).toEqual([
      { from: `asset:${ids.a}`, to: `asset:${ids.b}`, relation: 'similar_to', direction: 'out' },
      { from: `asset:${ids.b}`, to: `asset:${ids.c}`, relation: 'similar_to', direction: 'out' },
    ])
    const none = await call(core, 'graph.path', {
      from: `asset:${ids.a}`,
      to: `asset:${ids.far}`,
      relations: ['similar_to'],
    })
    expect(none.steps).toBeNull()
    await call(core, 'assets.remove', { ids: [ids.b], confirm: true })
    const after = await call(core, 'graph.neighbours', {
      node: `asset:${ids.a}`,
      relations: ['similar_to'],
      depth: 2,
    })
    expect(after.neighbours).toEqual([])
    await core.close()
  })

  it('marquee graph neighbours --relation similar_to prints them', async () => {
    const { core, dataDir, ids } = library()
    await core.close()
    const out = await cli([
      '--data-dir',
      dataDir,
      'graph',
      'neighbours',
      `asset:${ids.a}`,
      '--relation',
      'similar_to',
      '--json',
    ])
    expect(out.code).toBe(0)
    expect(JSON.parse(out.stdout).neighbours).toEqual([
      expect.objectContaining({ node: `asset:${ids.b}`, weight: 1 - 6 / 64 }),
    ])
  })
})

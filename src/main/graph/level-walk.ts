/**
 * A breadth-first walk that goes one level at a time, so that relations kept outside SQL can
 * join in: each level is one SQL step from every node of the level (walk-sql.ts's seeded walk,
 * depth 1) plus, for the assets among them, their perceptual neighbours from the in-memory pHash
 * index (`similar_to`). The rules are the recursive walk's: depth limit, breadth-first (a node
 * is reached at its smallest depth, by the first edge found), a row cap, and no node twice (a
 * global "seen" set is the cycle guard). Trails are built as the SQL builds them, so paths read
 * the same way (graph.service.ts).
 */

const RS = '\x1e'
const US = '\x1f'

export interface LevelNode {
  node: string
  kind: string
  num: number
  txt: string
}

/** A row of one SQL step: the node reached, by which edge, from which node of the level. */
export interface StepRow extends LevelNode {
  rel: string
  dir: 'out' | 'in'
  prev: string
}

export interface LevelRow {
  node: string
  kind: string
  depth: number
  rel: string
  dir: 'out' | 'in'
  prev: string
  trail: string
  /** For `similar_to`: 1 − pHash distance / 64. */
  weight?: number
}

export interface Steps {
  /** One SQL step from every node of a level, at most `cap` rows; null when none is walked. */
  sql: ((level: LevelNode[], cap: number) => StepRow[]) | null
  /** An asset's perceptual neighbours with their Hamming distance. */
  similar: (assetId: number) => Array<{ id: number; distance: number }>
}

type Reached = LevelNode & { trail: string }

/** Rows of the walk from `start` (itself first, at depth 0), nearest first, at most `cap`. */
export function levelWalk(start: LevelNode, depth: number, cap: number, steps: Steps): LevelRow[] {
  const trail = `${RS}${start.node}${US}${US}`
  const rows: LevelRow[] = [
    { node: start.node, kind: start.kind, depth: 0, rel: '', dir: 'out', prev: '', trail },
  ]
  const seen = new Set([start.node])
  let level: Reached[] = [{ ...start, trail }]
  for (let d = 1; d <= depth && level.length > 0 && rows.length < cap; d++) {
    const next: Reached[] = []
    const add = (n: LevelNode, rel: string, dir: 'out' | 'in', from: Reached, weight?: number) => {
      if (seen.has(n.node) || rows.length >= cap) return
      seen.add(n.node)
      const reached = { ...n, trail: `${from.trail}${RS}${n.node}${US}${rel}${US}${dir}` }
      rows.push({
        node: n.node,
        kind: n.kind,
        depth: d,
        rel,
        dir,
        prev: from.node,
        trail: reached.trail,
      })
      if (weight !== undefined) rows[rows.length - 1]!.weight = weight
      next.push(reached)
    }
    if (steps.sql) {
      const byNode = new Map(level.map((n) => [n.node, n]))
      // As the recursive walk: rows, not nodes, are capped (several edges can reach one node).
      const room = level.length + (cap - rows.length) * 4
      for (const row of steps.sql(level, room)) add(row, row.rel, row.dir, byNode.get(row.prev)!)
    }
    for (const from of level) {
      if (from.kind !== 'asset') continue
      for (const match of steps.similar(from.num))
        add(
          { node: `asset:${match.id}`, kind: 'asset', num: match.id, txt: '' },
          'similar_to',
          // Symmetric, like duplicate_of: one direction serves both.
          'out',
          from,
          1 - match.distance / 64,
        )
    }
    level = next
  }
  return rows
}

import type {
  GraphDirection,
  GraphLink,
  GraphNeighbour,
  ImpactResult,
  NeighboursResult,
  PathResult,
  PathStep,
} from '../../shared/graph'
import { DERIVED_RELATIONS, RELATION_PATTERN, SIMILAR_TO } from '../../shared/graph'
import { AppError } from '../errors'
import { nodeName, parseNode, type GraphNode } from '../graph/node'
import { levelWalk } from '../graph/level-walk'
import type { WalkOptions } from '../graph/walk-sql'
import type { GraphRepository, WalkRow } from '../repositories/graph.repository'

export const MAX_DEPTH = 4
/** Rows each half of a path search may read (a hub such as a big folder fans out fast). */
const PATH_ROWS = 200_000
/** Relations with no direction: their edges read the same from either end. */
const SYMMETRIC = new Set(['duplicate_of', SIMILAR_TO])
const RS = '\x1e'
const US = '\x1f'

export interface NeighboursOptions {
  relations?: string[]
  direction?: GraphDirection
  depth?: number
  limit?: number
  /** With every relation: on-request relations (derived_from, fetched_by) walked as well. */
  include?: string[]
}

/** Neighbours, shortest paths, impact and user links over the relationship graph (issue 12). */
export class GraphService {
  constructor(
    private readonly graph: GraphRepository,
    /** The asset id indexed at an absolute path (throws NOT_FOUND when none is). */
    private readonly assetAt: (path: string) => number,
    private readonly now: () => number,
    /**
     * An asset's perceptual neighbours (the in-memory pHash index, SimilarityService), walked
     * as `similar_to`; without it that relation has no edges.
     */
    private readonly similar?: (assetId: number) => Array<{ id: number; distance: number }>,
  ) {}

  /** A node's canonical name and parsed form; NOT_FOUND when what it names does not exist. */
  resolve(value: string): { name: string; node: GraphNode } {
    let parsed
    try {
      parsed = parseNode(value)
    } catch (error) {
      throw new AppError('INVALID_ARGUMENT', (error as Error).message)
    }
    const node: GraphNode =
      parsed.kind === 'path' ? { kind: 'asset', num: this.assetAt(parsed.path), text: '' } : parsed
    if (!this.graph.exists(node))
      throw new AppError('NOT_FOUND', `${nodeName(node)} is not in the library.`)
    return { name: nodeName(node), node }
  }

  neighbours(value: string, options: NeighboursOptions = {}): NeighboursResult {
    const { name, node } = this.resolve(value)
    const depth = Math.min(options.depth ?? 1, MAX_DEPTH)
    const limit = options.limit ?? 100
    // The same node comes once per trail that reaches it; room for a few trails each.
    const cap = limit * 4 + 1
    const rows = this.walk(
      node,
      name,
      {
        relations: options.relations,
        direction: options.direction ?? 'both',
        ...(options.include?.length ? { include: options.include } : {}),
      },
      depth,
      cap,
    )
    const seen = new Set([name])
    const neighbours: GraphNeighbour[] = []
    for (const row of rows) {
      if (seen.has(row.node)) continue
      seen.add(row.node)
      neighbours.push({
        node: row.node,
        depth: row.depth,
        from: row.prev,
        relation: row.rel,
        direction: row.dir,
        ...(row.weight !== undefined ? { weight: row.weight } : {}),
      })
    }
    return {
      node: name,
      neighbours: neighbours.slice(0, limit),
      truncated: rows.length >= cap || neighbours.length > limit,
    }
  }

  /**
   * Breadth-first from both ends, half the depth each, met in the middle: any path of length
   * ≤ maxDepth has a node within ⌈maxDepth/2⌉ of one end and ⌊maxDepth/2⌋ of the other. One
   * walk to the full depth fans out through every bundle and folder on the way (seconds on 100k
   * assets); two half walks read a few hundred rows (docs/decisions.md "The graph").
   */
  path(
    a: string,
    b: string,
    options: { relations?: string[]; maxDepth?: number } = {},
  ): PathResult {
    const from = this.resolve(a)
    const to = this.resolve(b)
    const maxDepth = Math.min(options.maxDepth ?? MAX_DEPTH, MAX_DEPTH + 2)
    const walk = { relations: options.relations, direction: 'both' as const }
    const ahead = this.walk(from.node, from.name, walk, Math.ceil(maxDepth / 2), PATH_ROWS)
    const back = this.walk(to.node, to.name, walk, Math.floor(maxDepth / 2), PATH_ROWS)
    const nearestBack = new Map<string, WalkRow>()
    for (const row of back) {
      const known = nearestBack.get(row.node)
      if (!known || row.depth < known.depth) nearestBack.set(row.node, row)
    }
    let best: [WalkRow, WalkRow] | undefined
    for (const row of ahead) {
      const meet = nearestBack.get(row.node)
      if (meet && (!best || row.depth + meet.depth < best[0].depth + best[1].depth))
        best = [row, meet]
    }
    if (!best) return { from: from.name, to: to.name, steps: null }
    const reversed = stepsOf(best[1].trail)
      .reverse()
      .map((step) => ({
        from: step.to,
        to: step.from,
        relation: step.relation,
        // A symmetric relation is walked one way only ('out'), whichever end it is read from.
        direction:
          SYMMETRIC.has(step.relation) || step.direction === 'in'
            ? ('out' as const)
            : ('in' as const),
      }))
    return { from: from.name, to: to.name, steps: [...stepsOf(best[0].trail), ...reversed] }
  }

  /**
   * The recursive SQL walk, or, when `similar_to` is asked for (by name or as one of all
   * relations) and the pHash index is wired, a walk level by level that adds each asset's
   * perceptual neighbours to the SQL step (docs/decisions.md "similar_to in the graph").
   */
  private walk(
    node: GraphNode,
    name: string,
    options: WalkOptions,
    depth: number,
    cap: number,
  ): WalkRow[] {
    const wanted = options.relations
    const similar = this.similar
    if (!similar || (wanted !== undefined && !wanted.includes(SIMILAR_TO)))
      return this.graph.walk(node, name, options, depth, cap)
    const others = wanted?.filter((r) => r !== SIMILAR_TO)
    const sqlOptions = { relations: others, direction: options.direction, include: options.include }
    return levelWalk({ node: name, kind: node.kind, num: node.num, txt: node.text }, depth, cap, {
      sql: others?.length === 0 ? null : (level, room) => this.graph.step(level, sqlOptions, room),
      similar,
    })
  }

  impact(value: string): ImpactResult {
    const { name, node } = this.resolve(value)
    return { node: name, ...this.graph.impact(node) }
  }

  link(
    a: string,
    b: string,
    relation: string,
    options: { note?: string; weight?: number } = {},
  ): GraphLink {
    checkRelation(relation)
    const source = this.resolve(a)
    const target = this.resolve(b)
    if (source.name === target.name)
      throw new AppError('INVALID_ARGUMENT', 'A node cannot be linked to itself.')
    if (relation === 'replaces' && (source.node.kind !== 'asset' || target.node.kind !== 'asset'))
      throw new AppError('INVALID_ARGUMENT', '"replaces" links an asset to the asset it replaces.')
    return this.graph.link({
      source: source.node,
      sourceName: source.name,
      target: target.node,
      targetName: target.name,
      relation,
      note: options.note ?? null,
      weight: options.weight ?? 1,
      createdAt: this.now(),
    })
  }

  /** Removes the user's edges from a to b (one relation, or every one); NOT_FOUND when none. */
  unlink(a: string, b: string, relation?: string): { removed: number } {
    if (relation !== undefined) checkRelation(relation)
    const source = this.resolve(a)
    const target = this.resolve(b)
    const removed = this.graph.unlink(source.name, target.name, relation ?? null)
    if (removed === 0)
      throw new AppError(
        'NOT_FOUND',
        `There is no ${relation ? `"${relation}" ` : ''}link from ${source.name} to ${target.name}.`,
      )
    return { removed }
  }
}

function checkRelation(relation: string): void {
  if (!RELATION_PATTERN.test(relation))
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${relation}" is not a relation name: lower-case letters, digits and _ (e.g. related_to).`,
    )
  if ((DERIVED_RELATIONS as readonly string[]).includes(relation) || relation === SIMILAR_TO)
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${relation}" is kept by the library itself; link with related_to, replaces or a name of your own.`,
    )
}

/** The edges along a walk's trail, start first. */
function stepsOf(trail: string): PathStep[] {
  const entries = trail
    .split(RS)
    .slice(1)
    .map((entry) => entry.split(US))
  const steps: PathStep[] = []
  for (let i = 1; i < entries.length; i++) {
    const [to, relation, direction] = entries[i]!
    steps.push({
      from: entries[i - 1]![0]!,
      to: to!,
      relation: relation!,
      direction: direction as 'out' | 'in',
    })
  }
  return steps
}

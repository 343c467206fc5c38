/**
 * The explorer's graph as plain data, and its translation into cytoscape elements. Pure: no
 * DOM, no API, so the rules (merging walks, filtering, path marks, breadcrumbs) are unit-tested.
 */
import type { GraphNodeInfo, NeighboursResult, PathStep } from '../../../shared/graph'

export interface ExplorerNode {
  id: string
  /** Edges from the node the explorer was opened on (rings are laid out by it). */
  depth: number
  /** Its neighbours were asked for, and how many at most (grows by 100 with "show more"). */
  limit: number
  /** The walk from it stopped at `limit`: there is more to show. */
  more: boolean
}

export interface ExplorerEdge {
  id: string
  source: string
  target: string
  relation: string
}

export interface ExplorerGraph {
  center: string
  nodes: ReadonlyMap<string, ExplorerNode>
  edges: ReadonlyMap<string, ExplorerEdge>
}

export interface GraphFilters {
  hiddenRelations: ReadonlySet<string>
  hiddenKinds: ReadonlySet<string>
}

export const NO_FILTERS: GraphFilters = { hiddenRelations: new Set(), hiddenKinds: new Set() }

export const kindOf = (node: string): string => node.slice(0, node.indexOf(':'))

const edgeId = (source: string, relation: string, target: string): string =>
  `${source}\u2192${relation}\u2192${target}`

export function emptyGraph(center: string): ExplorerGraph {
  return {
    center,
    nodes: new Map([[center, { id: center, depth: 0, limit: 0, more: false }]]),
    edges: new Map(),
  }
}

/** Adds a walk's nodes and edges. A walk from `result.node` asked for `limit` neighbours. */
export function mergeNeighbours(
  graph: ExplorerGraph,
  result: NeighboursResult,
  limit: number,
): ExplorerGraph {
  const nodes = new Map(graph.nodes)
  const edges = new Map(graph.edges)
  const origin = nodes.get(result.node)
  const base = origin?.depth ?? 0
  nodes.set(result.node, { id: result.node, depth: base, limit, more: result.truncated })
  for (const n of result.neighbours) {
    const depth = base + n.depth
    const known = nodes.get(n.node)
    if (!known) nodes.set(n.node, { id: n.node, depth, limit: 0, more: false })
    else if (depth < known.depth) nodes.set(n.node, { ...known, depth })
    addEdge(
      edges,
      n.direction === 'out' ? n.from : n.node,
      n.relation,
      n.direction === 'out' ? n.node : n.from,
    )
  }
  return { center: graph.center, nodes, edges }
}

/** Adds a path's nodes (one past the deepest they touch) and its edges. */
export function mergePath(graph: ExplorerGraph, steps: readonly PathStep[]): ExplorerGraph {
  const nodes = new Map(graph.nodes)
  const edges = new Map(graph.edges)
  for (const step of steps) {
    const from = nodes.get(step.from)
    if (!nodes.has(step.to))
      nodes.set(step.to, { id: step.to, depth: (from?.depth ?? 0) + 1, limit: 0, more: false })
    if (!from) nodes.set(step.from, { id: step.from, depth: 1, limit: 0, more: false })
    addEdge(edges, ...ends(step))
  }
  return { center: graph.center, nodes, edges }
}

function ends(step: PathStep): [string, string, string] {
  return step.direction === 'out'
    ? [step.from, step.relation, step.to]
    : [step.to, step.relation, step.from]
}

function addEdge(
  edges: Map<string, ExplorerEdge>,
  source: string,
  relation: string,
  target: string,
) {
  const id = edgeId(source, relation, target)
  if (!edges.has(id)) edges.set(id, { id, source, target, relation })
}

/**
 * What is drawn: nodes of shown kinds joined to the centre by edges of shown relations. A
 * node cut off by a filter goes too, so nothing floats unexplained; the path always shows.
 */
export function visibleGraph(
  graph: ExplorerGraph,
  filters: GraphFilters,
  path: readonly PathStep[] = [],
): { nodes: ExplorerNode[]; edges: ExplorerEdge[] } {
  const onPath = pathEdgeIds(path)
  const shownEdge = (e: ExplorerEdge): boolean =>
    onPath.has(e.id) ||
    (!filters.hiddenRelations.has(e.relation) &&
      !filters.hiddenKinds.has(kindOf(e.source)) &&
      !filters.hiddenKinds.has(kindOf(e.target)))
  const adjacent = new Map<string, string[]>()
  const edges = [...graph.edges.values()].filter(shownEdge)
  for (const e of edges) {
    adjacent.set(e.source, [...(adjacent.get(e.source) ?? []), e.target])
    adjacent.set(e.target, [...(adjacent.get(e.target) ?? []), e.source])
  }
  const reached = new Set([graph.center])
  const queue = [graph.center]
  for (let at = queue.shift(); at !== undefined; at = queue.shift())
    for (const next of adjacent.get(at) ?? [])
      if (!reached.has(next)) {
        reached.add(next)
        queue.push(next)
      }
  return {
    nodes: [...graph.nodes.values()].filter((n) => reached.has(n.id)),
    edges: edges.filter((e) => reached.has(e.source) && reached.has(e.target)),
  }
}

export function pathEdgeIds(path: readonly PathStep[]): Set<string> {
  return new Set(path.map((step) => edgeId(...ends(step))))
}

/** cytoscape's element definitions (typed loosely here so this module needs no cytoscape). */
export interface ElementDef {
  group: 'nodes' | 'edges'
  data: Record<string, string | number | boolean>
  classes: string
}

export function toElements(
  shown: { nodes: ExplorerNode[]; edges: ExplorerEdge[] },
  infoOf: (node: string) => GraphNodeInfo | undefined,
  thumbnailOf: (info: GraphNodeInfo) => string | null,
  path: readonly PathStep[] = [],
  center = '',
): ElementDef[] {
  const pathNodes = new Set(path.flatMap((s) => [s.from, s.to]))
  const pathEdges = pathEdgeIds(path)
  const nodes = shown.nodes.map((n): ElementDef => {
    const info = infoOf(n.id)
    const image = info ? thumbnailOf(info) : null
    const classes = [kindOf(n.id)]
    if (n.id === center) classes.push('center')
    if (n.more) classes.push('has-more')
    if (pathNodes.has(n.id)) classes.push('on-path')
    if (info && !info.exists) classes.push('gone')
    const data: ElementDef['data'] = { id: n.id, label: info?.label ?? n.id, depth: n.depth }
    if (image) data.image = image
    return { group: 'nodes', data, classes: classes.join(' ') }
  })
  const edges = shown.edges.map((e): ElementDef => ({
    group: 'edges',
    data: { id: e.id, source: e.source, target: e.target, relation: e.relation },
    classes: pathEdges.has(e.id) ? `${e.relation} on-path` : e.relation,
  }))
  return [...nodes, ...edges]
}

export type Crumb =
  | { type: 'node'; node: string; label: string }
  | { type: 'relation'; relation: string; direction: 'out' | 'in' }

/** `Root › contains › Folder › includes › Asset`: nodes and the relations between them. */
export function pathCrumbs(steps: readonly PathStep[], labelOf: (node: string) => string): Crumb[] {
  if (steps.length === 0) return []
  const first = steps[0]!.from
  const crumbs: Crumb[] = [{ type: 'node', node: first, label: labelOf(first) }]
  for (const step of steps) {
    crumbs.push({ type: 'relation', relation: step.relation, direction: step.direction })
    crumbs.push({ type: 'node', node: step.to, label: labelOf(step.to) })
  }
  return crumbs
}

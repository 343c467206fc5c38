import { createSignal } from 'solid-js'
import type { GraphNodeInfo, PathStep } from '../../../shared/graph'
import { call, messageOf } from '../lib/api'
import {
  emptyGraph,
  mergeNeighbours,
  mergePath,
  type ExplorerGraph,
  type GraphFilters,
} from '../lib/graph-elements'

/** Neighbours an expansion asks for, and how many more "show more" adds. */
export const EXPANSION = 100
export const DEFAULT_DEPTH = 2

/**
 * The explorer's state around one node: what was walked, what each node is (labels,
 * thumbnails), filters, the selected node and the path finder. Walks add to the graph; nothing
 * reloads what is already shown.
 */
export function createGraphExplorerStore() {
  const [graph, setGraph] = createSignal<ExplorerGraph | null>(null)
  const [infos, setInfos] = createSignal<ReadonlyMap<string, GraphNodeInfo>>(new Map())
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [selected, setSelected] = createSignal<string | null>(null)
  const [depth, setDepth] = createSignal(DEFAULT_DEPTH)
  const [filters, setFilters] = createSignal<GraphFilters>({
    hiddenRelations: new Set(),
    hiddenKinds: new Set(),
  })
  const [pathEnds, setPathEnds] = createSignal<{ from: string | null; to: string | null }>({
    from: null,
    to: null,
  })
  // On-request relations (renditions, integration media) walked beside every other one.
  const [include, setInclude] = createSignal<string[]>([])
  const [path, setPath] = createSignal<PathStep[] | null>(null)
  const [pathMessage, setPathMessage] = createSignal<string | null>(null)
  let generation = 0

  /** Labels and thumbnails of nodes not described yet, 500 a call. */
  const describe = async (g: ExplorerGraph): Promise<void> => {
    const known = infos()
    const missing = [...g.nodes.keys()].filter((n) => !known.has(n))
    for (let i = 0; i < missing.length; i += 500) {
      const batch = await call('graph.describe', { nodes: missing.slice(i, i + 500) })
      const next = new Map(infos())
      for (const info of batch) next.set(info.node, info)
      setInfos(next)
    }
  }

  const run = async (work: () => Promise<void>): Promise<void> => {
    const mine = generation
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      if (mine === generation) setError(messageOf(e))
    } finally {
      if (mine === generation) setBusy(false)
    }
  }

  /** Walks `node` to `limit` neighbours (within `walkDepth`) and adds what it finds. */
  const walk = (node: string, walkDepth: number, limit: number): Promise<void> =>
    // eslint-disable-next-line solid/reactivity -- an action: reads the graph when it answers
    run(async () => {
      const mine = generation
      const also = include()
      const result = await call('graph.neighbours', {
        node,
        depth: walkDepth,
        limit,
        ...(also.length ? { include: also } : {}),
      })
      const current = graph()
      if (mine !== generation || !current) return
      const next = mergeNeighbours(current, result, limit)
      setGraph(next)
      await describe(next)
    })

  /** Starts over around `node` (the route's), `depth` edges deep. */
  const open = (node: string, walkDepth = depth()): Promise<void> => {
    generation++
    setDepth(walkDepth)
    setGraph(emptyGraph(node))
    setInfos(new Map())
    setSelected(node)
    setPath(null)
    setPathMessage(null)
    setPathEnds({ from: node, to: null })
    return walk(node, walkDepth, EXPANSION)
  }

  return {
    graph,
    infos,
    infoOf: (node: string): GraphNodeInfo | undefined => infos().get(node),
    labelOf: (node: string): string => infos().get(node)?.label ?? node,
    error,
    dismissError: () => setError(null),
    busy,
    selected,
    select: setSelected,
    depth,
    filters,
    path,
    pathEnds,
    pathMessage,

    open,
    /** One ring more around a node; again on the same node: 100 more of its neighbours. */
    expand(node: string): Promise<void> {
      const known = graph()?.nodes.get(node)
      if (known && known.limit > 0 && !known.more) return Promise.resolve()
      return walk(node, 1, (known?.limit ?? 0) + EXPANSION)
    },
    canExpand: (node: string): boolean => {
      const known = graph()?.nodes.get(node)
      return !known || known.limit === 0 || known.more
    },
    toggleRelation(relation: string): void {
      const hidden = new Set(filters().hiddenRelations)
      if (!hidden.delete(relation)) hidden.add(relation)
      setFilters({ ...filters(), hiddenRelations: hidden })
    },
    include,
    /** Walks renditions or integration media too (or no longer): the graph is walked again. */
    toggleInclude(relation: string): Promise<void> {
      const now = include()
      setInclude(now.includes(relation) ? now.filter((r) => r !== relation) : [...now, relation])
      const center = graph()?.center
      return center ? open(center) : Promise.resolve()
    },
    toggleKind(kind: string): void {
      const hidden = new Set(filters().hiddenKinds)
      if (!hidden.delete(kind)) hidden.add(kind)
      setFilters({ ...filters(), hiddenKinds: hidden })
    },
    setPathEnd(end: 'from' | 'to', node: string): void {
      setPathEnds({ ...pathEnds(), [end]: node })
      setPath(null)
      setPathMessage(null)
    },
    /** The shortest chain between the two picked nodes, added to the graph and marked. */
    findPath(): Promise<void> {
      const { from, to } = pathEnds()
      if (!from || !to) return Promise.resolve()
      // eslint-disable-next-line solid/reactivity -- an action: reads the graph when it answers
      return run(async () => {
        const mine = generation
        const result = await call('graph.path', { from, to, maxDepth: 6 })
        const current = graph()
        if (mine !== generation || !current) return
        if (!result.steps) {
          setPath(null)
          setPathMessage(
            'No connection within 6 steps. Try nodes closer together, or none is recorded.',
          )
          return
        }
        setPathMessage(null)
        const next = mergePath(current, result.steps)
        setGraph(next)
        setPath(result.steps)
        await describe(next)
      })
    },
    clearPath(): void {
      setPath(null)
      setPathMessage(null)
    },
  }
}

export type GraphExplorerStore = ReturnType<typeof createGraphExplorerStore>

import { describe, expect, it } from 'vitest'
import {
  emptyGraph,
  mergeNeighbours,
  mergePath,
  NO_FILTERS,
  pathCrumbs,
  toElements,
  visibleGraph,
} from '../../src/renderer/src/lib/graph-elements'
import type { GraphNodeInfo, NeighboursResult } from '../../src/shared/graph'

/** asset:1 in folder:1:Menus (root:1 contains it), in playlist collection:7, a copy asset:2. */
const walk: NeighboursResult = {
  node: 'asset:1',
  truncated: true,
  neighbours: [
    { node: 'folder:1:Menus', depth: 1, from: 'asset:1', relation: 'contains', direction: 'in' },
    { node: 'collection:7', depth: 1, from: 'asset:1', relation: 'includes', direction: 'in' },
    { node: 'asset:2', depth: 1, from: 'asset:1', relation: 'duplicate_of', direction: 'out' },
    { node: 'root:1', depth: 2, from: 'folder:1:Menus', relation: 'contains', direction: 'in' },
  ],
}

const info = (node: string, extra: Partial<GraphNodeInfo> = {}): GraphNodeInfo => ({
  node,
  kind: node.split(':')[0] as GraphNodeInfo['kind'],
  label: `label of ${node}`,
  exists: true,
  ...extra,
})

describe('the graph explorer adapter', () => {
  it('turns a walk into nodes with their depth and edges pointing the way they are stored', () => {
    const graph = mergeNeighbours(emptyGraph('asset:1'), walk, 100)
    expect([...graph.nodes.values()].map((n) => [n.id, n.depth])).toEqual([
      ['asset:1', 0],
      ['folder:1:Menus', 1],
      ['collection:7', 1],
      ['asset:2', 1],
      ['root:1', 2],
    ])
    expect(graph.nodes.get('asset:1')).toMatchObject({ limit: 100, more: true })
    expect([...graph.edges.values()].map((e) => `${e.source} ${e.relation} ${e.target}`)).toEqual([
      'folder:1:Menus contains asset:1',
      'collection:7 includes asset:1',
      'asset:1 duplicate_of asset:2',
      'root:1 contains folder:1:Menus',
    ])
  })

  it('expanding a node adds its neighbours one ring further out and never duplicates an edge', () => {
    let graph = mergeNeighbours(emptyGraph('asset:1'), walk, 100)
    graph = mergeNeighbours(
      graph,
      {
        node: 'collection:7',
        truncated: false,
        neighbours: [
          {
            node: 'asset:1',
            depth: 1,
            from: 'collection:7',
            relation: 'includes',
            direction: 'out',
          },
          {
            node: 'asset:9',
            depth: 1,
            from: 'collection:7',
            relation: 'includes',
            direction: 'out',
          },
        ],
      },
      100,
    )
    expect(graph.nodes.get('asset:9')?.depth).toBe(2)
    expect(graph.nodes.get('asset:1')?.depth).toBe(0)
    expect(graph.edges.size).toBe(5)
  })

  it('hides filtered relations and kinds, and whatever only they connected to the centre', () => {
    const graph = mergeNeighbours(emptyGraph('asset:1'), walk, 100)
    const noContains = visibleGraph(graph, {
      hiddenRelations: new Set(['contains']),
      hiddenKinds: new Set(),
    })
    expect(noContains.nodes.map((n) => n.id)).toEqual(['asset:1', 'collection:7', 'asset:2'])
    const noFolders = visibleGraph(graph, {
      hiddenRelations: new Set(),
      hiddenKinds: new Set(['folder']),
    })
    expect(noFolders.nodes.map((n) => n.id)).not.toContain('root:1')
    expect(noFolders.edges).toHaveLength(2)
  })

  it('always shows the path found, even through a filtered relation', () => {
    const steps = [
      { from: 'asset:1', to: 'folder:1:Menus', relation: 'contains', direction: 'in' as const },
      { from: 'folder:1:Menus', to: 'root:1', relation: 'contains', direction: 'in' as const },
    ]
    const graph = mergeNeighbours(emptyGraph('asset:1'), walk, 100)
    const shown = visibleGraph(
      graph,
      { hiddenRelations: new Set(['contains']), hiddenKinds: new Set() },
      steps,
    )
    expect(shown.nodes.map((n) => n.id)).toContain('root:1')
    const elements = toElements(
      shown,
      (n) => info(n),
      () => null,
      steps,
      'asset:1',
    )
    const root = elements.find((e) => e.data.id === 'root:1')
    expect(root?.classes).toContain('on-path')
    expect(elements.filter((e) => e.classes.includes('on-path'))).toHaveLength(5)
  })

  it('adds a path that leaves the loaded graph', () => {
    const graph = mergePath(emptyGraph('asset:1'), [
      { from: 'asset:1', to: 'collection:3', relation: 'includes', direction: 'in' },
      { from: 'collection:3', to: 'asset:5', relation: 'includes', direction: 'out' },
    ])
    expect(visibleGraph(graph, NO_FILTERS).nodes.map((n) => [n.id, n.depth])).toEqual([
      ['asset:1', 0],
      ['collection:3', 1],
      ['asset:5', 2],
    ])
  })

  it('gives assets their thumbnail and labels, marks the centre and nodes with more', () => {
    const graph = mergeNeighbours(emptyGraph('asset:1'), walk, 100)
    const elements = toElements(
      visibleGraph(graph, NO_FILTERS),
      (n) => (n === 'asset:2' ? info(n, { sha256: 'ab', variants: ['small'] }) : info(n)),
      (i) => (i.sha256 ? `/media/${i.sha256}/small.webp` : null),
      [],
      'asset:1',
    )
    const center = elements.find((e) => e.data.id === 'asset:1')!
    expect(center.classes.split(' ')).toEqual(['asset', 'center', 'has-more'])
    expect(elements.find((e) => e.data.id === 'asset:2')?.data).toMatchObject({
      label: 'label of asset:2',
      image: '/media/ab/small.webp',
    })
    expect(elements.find((e) => e.data.id === 'root:1')?.data.image).toBeUndefined()
  })

  it('reads a path as breadcrumbs: node, relation, node…', () => {
    const crumbs = pathCrumbs(
      [
        { from: 'root:1', to: 'folder:1:Menus', relation: 'contains', direction: 'out' },
        { from: 'folder:1:Menus', to: 'asset:1', relation: 'contains', direction: 'out' },
        { from: 'asset:1', to: 'collection:7', relation: 'includes', direction: 'in' },
      ],
      (n) => n.toUpperCase(),
    )
    expect(
      crumbs.map((c) => (c.type === 'node' ? c.label : `${c.relation}/${c.direction}`)),
    ).toEqual([
      'ROOT:1',
      'contains/out',
      'FOLDER:1:MENUS',
      'contains/out',
      'ASSET:1',
      'includes/in',
      'COLLECTION:7',
    ])
    expect(pathCrumbs([], String)).toEqual([])
  })
})

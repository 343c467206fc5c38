// The explorer's GraphCanvas alone on a page, fed a generated neighbourhood through the same
// adapter the view uses (lib/graph-elements.ts), for test/bench/graph-explorer.mjs. Plain JS
// with createComponent (no JSX build step of our own). Query: ?nodes=&edges=&renderer=&layout=
/* global document, location, window */
import { createSignal } from 'solid-js'
import { createComponent, render } from 'solid-js/web'
import { GraphCanvas } from '../../../src/renderer/src/components/graph/GraphCanvas'
import {
  emptyGraph,
  mergeNeighbours,
  NO_FILTERS,
  toElements,
  visibleGraph,
} from '../../../src/renderer/src/lib/graph-elements'
import '../../../src/renderer/src/styles/index.css'
import '../../../src/renderer/src/styles/graph.css'

const params = new URLSearchParams(location.search)
const NODES = Number(params.get('nodes') ?? 1000)
const EDGES = Number(params.get('edges') ?? 5000)

/** A seeded generator, so every run draws the same graph. */
function random(seed) {
  let x = seed
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 2 ** 32
  }
}

/** Small coloured squares standing in for thumbnails (assets draw images in the real view). */
function thumbnails(count) {
  return Array.from({ length: count }, (_, i) => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = 64
    const g = canvas.getContext('2d')
    g.fillStyle = `hsl(${(i * 360) / count} 60% 55%)`
    g.fillRect(0, 0, 64, 64)
    g.fillStyle = `hsl(${(i * 97) % 360} 70% 35%)`
    g.fillRect(8, 30, 48, 20)
    return canvas.toDataURL('image/png')
  })
}

/**
 * A neighbourhood like a walk returns: a root, folders, assets in them, collections and bundles
 * holding assets (a breadth-first tree of NODES nodes, depth ≤ 3), plus edges between nodes
 * already reached until there are EDGES.
 */
function neighbourhood() {
  const next = random(42)
  const center = 'root:1'
  const neighbours = []
  const depthOf = new Map([[center, 0]])
  const ids = [center]
  const kinds = ['folder', 'asset', 'asset', 'asset', 'collection', 'bundle']
  const relationFor = {
    folder: 'contains',
    asset: 'contains',
    collection: 'includes',
    bundle: 'exported_in',
  }
  for (let i = 1; i < NODES; i++) {
    const parents = ids.filter((id) => depthOf.get(id) < 3)
    const from = parents[Math.floor(next() * Math.min(parents.length, 40))]
    const kind = i < 20 ? 'folder' : kinds[Math.floor(next() * kinds.length)]
    const node = kind === 'folder' ? `folder:1:f${i}` : `${kind}:${i}`
    depthOf.set(node, depthOf.get(from) + 1)
    ids.push(node)
    neighbours.push({
      node,
      depth: depthOf.get(node),
      from,
      relation: relationFor[kind],
      direction: 'out',
    })
  }
  const relations = ['duplicate_of', 'includes', 'related_to', 'exported_in']
  for (let e = neighbours.length; e < EDGES; e++) {
    const a = ids[Math.floor(next() * ids.length)]
    const b = ids[Math.floor(next() * ids.length)]
    if (a === b) continue
    neighbours.push({
      node: b,
      depth: depthOf.get(b),
      from: a,
      relation: relations[e % 4],
      direction: 'out',
    })
  }
  return { center, result: { node: center, neighbours, truncated: false } }
}

const { center, result } = neighbourhood()
const graph = mergeNeighbours(emptyGraph(center), result, NODES)
const images = thumbnails(24)
const infoOf = (node) => ({
  node,
  kind: node.slice(0, node.indexOf(':')),
  label: node,
  exists: true,
  ...(node.startsWith('asset:') ? { sha256: node, variants: ['small'] } : {}),
})
const thumbnailOf = (info) =>
  info.sha256 ? images[Number(info.node.slice(6)) % images.length] : null
const elements = toElements(visibleGraph(graph, NO_FILTERS), infoOf, thumbnailOf, [], center)

const [layout, setLayout] = createSignal(params.get('layout') ?? 'rings')
window.harness = {
  nodes: graph.nodes.size,
  edges: graph.edges.size,
  layoutMs: null,
  /** Lays the drawn graph out again (warm: styles and label sizes are known by then). */
  relayout: (name) => {
    window.harness.layoutMs = null
    setLayout(name)
  },
}
render(
  () =>
    createComponent(GraphCanvas, {
      elements,
      center,
      get layout() {
        return layout()
      },
      selected: null,
      webgl: params.get('renderer') === 'webgl',
      label: 'benchmark graph',
      onSelect: () => undefined,
      onActivate: () => undefined,
      onLayout: (ms) => (window.harness.layoutMs = ms),
    }),
  document.getElementById('root'),
)

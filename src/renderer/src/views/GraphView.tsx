import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js'
import { Banner } from '../components/Banner'
import { GraphCanvas } from '../components/graph/GraphCanvas'
import { GraphFilters } from '../components/graph/GraphFilters'
import { FORCE_LIMIT, TREE_LIMIT, type LayoutName } from '../components/graph/graph-layout'
import { NodePanel } from '../components/graph/NodePanel'
import { PathFinder } from '../components/graph/PathFinder'
import { PageHeader } from '../components/PageHeader'
import type { GraphNodeInfo } from '../../../shared/graph'
import { kindOf, pathCrumbs, toElements, visibleGraph } from '../lib/graph-elements'
import { bestVariant, variantUrl } from '../lib/media'
import { useStore } from '../stores'
import { createGraphExplorerStore } from '../stores/graph-explorer.store'
import { hrefOf } from '../stores/router.store'
import '../styles/graph.css'

/** From this many nodes cytoscape's WebGL mode is used, when the GPU draws it (see below). */
const WEBGL_FROM = 500

/**
 * WebGL helps only when a GPU runs it: in a software implementation (SwiftShader, llvmpipe:
 * Chromium with --disable-gpu, a VM) it panned slower than the 2D canvas (test/bench).
 */
const webglAvailable = ((): boolean => {
  try {
    const gl = document.createElement('canvas').getContext('webgl2')
    if (!gl) return false
    const info = gl.getExtension('WEBGL_debug_renderer_info')
    const name = String(
      info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    )
    return !/swiftshader|llvmpipe|software/i.test(name)
  } catch {
    return false
  }
})()

const thumbnailOf = (info: GraphNodeInfo): string | null => {
  const variant = info.sha256 ? bestVariant(info.variants ?? [], 'small') : null
  return info.sha256 && variant ? variantUrl(info.sha256, variant) : null
}

const counted = (values: Iterable<string>): Array<[string, number]> => {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]))
}

/** `#/graph?node=…`: the relationship graph around one asset, folder, collection or bundle. */
export function GraphView() {
  const { router } = useStore()
  const store = createGraphExplorerStore()
  const [layout, setLayout] = createSignal<LayoutName>('rings')
  const [layoutMs, setLayoutMs] = createSignal<number | null>(null)
  const [typed, setTyped] = createSignal('')
  const node = () => {
    const route = router.route()
    return route.name === 'graph' ? route.node : undefined
  }
  createEffect(on(node, (n) => n && void store.open(n)))

  const shown = createMemo(() => {
    const g = store.graph()
    return g ? visibleGraph(g, store.filters(), store.path() ?? []) : { nodes: [], edges: [] }
  })
  const elements = createMemo(() =>
    toElements(shown(), store.infoOf, thumbnailOf, store.path() ?? [], store.graph()?.center),
  )
  const relations = () => counted([...(store.graph()?.edges.values() ?? [])].map((e) => e.relation))
  const kinds = () => counted([...(store.graph()?.nodes.keys() ?? [])].map(kindOf))
  // A layout too slow for what is now shown gives way to rings.
  createEffect(() => {
    const n = shown().nodes.length
    if ((layout() === 'force' && n > FORCE_LIMIT) || (layout() === 'tree' && n > TREE_LIMIT))
      setLayout('rings')
  })
  const renderer = () => (webglAvailable && shown().nodes.length >= WEBGL_FROM ? 'webgl' : 'canvas')
  const end = (n: string | null) => (n ? { node: n, label: store.labelOf(n) } : null)
  const expand = (n: string) => void store.expand(n)
  const recenter = (n: string) => router.go({ name: 'graph', node: n })

  return (
    <div class="graph-view" data-testid="graph-view">
      <PageHeader
        title={node() ? `Graph: ${store.labelOf(node()!)}` : 'Graph'}
        description={
          <Show
            when={store.graph()}
            fallback="How assets, folders, collections and bundles connect."
          >
            <span data-testid="graph-summary">
              {shown().nodes.length} nodes · {shown().edges.length} links shown
              <Show when={layoutMs() !== null}> · laid out in {Math.round(layoutMs()!)} ms</Show>
            </span>
          </Show>
        }
        actions={
          <Show when={node()}>
            <label class="graph-control">
              Depth
              <select
                class="input select input--inline"
                value={store.depth()}
                onChange={(e) => void store.open(node()!, Number(e.currentTarget.value))}
              >
                <For each={[1, 2, 3, 4]}>{(d) => <option value={d}>{d}</option>}</For>
              </select>
            </label>
            <label class="graph-control">
              Layout
              <select
                class="input select input--inline"
                value={layout()}
                onChange={(e) => setLayout(e.currentTarget.value as LayoutName)}
              >
                <option value="rings">Rings</option>
                <option value="tree" disabled={shown().nodes.length > TREE_LIMIT}>
                  Tree (up to {TREE_LIMIT} nodes)
                </option>
                <option value="force" disabled={shown().nodes.length > FORCE_LIMIT}>
                  Force (up to {FORCE_LIMIT} nodes)
                </option>
              </select>
            </label>
          </Show>
        }
      />
      <Show when={store.error()}>
        {(message) => (
          <Banner
            tone="error"
            onDismiss={store.dismissError}
            action={<a href={hrefOf({ name: 'library' })}>Back to the library</a>}
          >
            {message()}
          </Banner>
        )}
      </Show>
      <Show
        when={node()}
        fallback={
          <div class="graph-empty" data-testid="graph-empty">
            <p>
              Open the graph from an asset (inspector › Graph › Open in graph), a folder, a
              collection or an exported bundle, or name a node here.
            </p>
            <form
              class="graph-empty__form"
              onSubmit={(e) => {
                e.preventDefault()
                if (typed().trim()) recenter(typed().trim())
              }}
            >
              <input
                class="input input--mono"
                aria-label="Node to explore"
                placeholder="asset:12, collection:3, folder:1:Menus…"
                value={typed()}
                onInput={(e) => setTyped(e.currentTarget.value)}
              />
              <button type="submit" class="button button--primary">
                Explore
              </button>
            </form>
          </div>
        }
      >
        {(start) => (
          <div class="graph-explorer">
            <aside class="graph-side">
              <Show when={store.selected()}>
                {(sel) => (
                  <NodePanel
                    node={sel()}
                    info={store.infoOf(sel())}
                    thumbnail={(() => {
                      const info = store.infoOf(sel())
                      return info ? thumbnailOf(info) : null
                    })()}
                    isCenter={sel() === start()}
                    canExpand={store.canExpand(sel())}
                    hasMore={store.graph()?.nodes.get(sel())?.more ?? false}
                    busy={store.busy()}
                    onExpand={() => expand(sel())}
                    onRecenter={() => recenter(sel())}
                  />
                )}
              </Show>
              <PathFinder
                from={end(store.pathEnds().from)}
                to={end(store.pathEnds().to)}
                selected={store.selected()}
                crumbs={pathCrumbs(store.path() ?? [], store.labelOf)}
                message={store.pathMessage()}
                busy={store.busy()}
                onPick={(which) => {
                  const sel = store.selected()
                  if (sel) store.setPathEnd(which, sel)
                }}
                onFind={() => void store.findPath()}
                onClear={store.clearPath}
                onCrumb={store.select}
              />
              <GraphFilters
                filters={store.filters()}
                relations={relations()}
                kinds={kinds()}
                onRelation={store.toggleRelation}
                onKind={store.toggleKind}
                include={store.include()}
                onInclude={(relation) => void store.toggleInclude(relation)}
              />
            </aside>
            <div class="graph-stage" aria-busy={store.busy()}>
              <Show when={renderer()} keyed>
                {(mode) => (
                  <GraphCanvas
                    elements={elements()}
                    center={start()}
                    layout={layout()}
                    selected={store.selected()}
                    webgl={mode === 'webgl'}
                    label={`Graph around ${store.labelOf(start())}: ${shown().nodes.length} nodes. Arrows move between nodes, Enter expands, plus and minus zoom, 0 fits.`}
                    onSelect={store.select}
                    onActivate={expand}
                    onLayout={(ms) => setLayoutMs(ms)}
                  />
                )}
              </Show>
              <Show when={store.graph() && shown().nodes.length <= 1 && !store.busy()}>
                <p class="graph-stage__empty" data-testid="graph-alone">
                  Nothing is connected to this yet
                  {store.filters().hiddenKinds.size + store.filters().hiddenRelations.size
                    ? ' that the filters let through.'
                    : '.'}
                </p>
              </Show>
              <p class="graph-stage__hint">
                Click or Enter expands · arrows move · + − zoom · 0 fits · drag to pan
              </p>
            </div>
          </div>
        )}
      </Show>
    </div>
  )
}

import cytoscape, { type Core, type CytoscapeOptions } from 'cytoscape'
import { createEffect, on, onCleanup, onMount } from 'solid-js'
import type { ElementDef } from '../../lib/graph-elements'
import { ARROWS, nearestInDirection } from './graph-keys'
import { layoutOptions, type LayoutName } from './graph-layout'
import { graphStyle } from './graph-style'

/** Above this many edges they are drawn as haystack lines without arrows (cheap to draw). */
export const DENSE_EDGES = 400
const MAX_FIT_ZOOM = 1.25

export interface GraphCanvasProps {
  elements: ElementDef[]
  center: string
  layout: LayoutName
  selected: string | null
  /** cytoscape's experimental WebGL mode of its canvas renderer; fixed for the canvas' life. */
  webgl: boolean
  label: string
  onSelect: (node: string) => void
  /** Click or Enter on a node: the explorer expands it. */
  onActivate: (node: string) => void
  /** How long the last layout took, for the view's footer and the benchmark. */
  onLayout?: (ms: number, nodes: number) => void
}

/**
 * The graph drawn by cytoscape. Renders only: elements come in, clicks and keys go out.
 * Changes are applied as a diff in one batch so an expansion does not redraw from scratch.
 */
export function GraphCanvas(props: GraphCanvasProps) {
  let container!: HTMLDivElement
  let cy: Core | undefined
  let dense = false

  const runLayout = (): void => {
    if (!cy || cy.nodes().empty()) return
    const started = performance.now()
    cy.layout(layoutOptions(props.layout, props.center, cy)).run()
    const ms = performance.now() - started
    // A handful of nodes fitted to the stage would be drawn huge: keep them at a natural size.
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM)
      cy.center()
    }
    container.dataset.layoutMs = ms.toFixed(1)
    props.onLayout?.(ms, cy.nodes().length)
  }

  /** Applies the new elements as a diff; true when nodes came or went (a new layout). */
  const sync = (elements: ElementDef[]): boolean => {
    if (!cy) return false
    const c = cy
    const ids = new Set(elements.map((e) => String(e.data.id)))
    let changed = false
    c.batch(() => {
      const gone = c.elements().filter((el) => !ids.has(el.id()))
      if (gone.nodes().nonempty()) changed = true
      gone.remove()
      const added: ElementDef[] = []
      for (const def of elements) {
        const el = c.getElementById(String(def.data.id))
        if (el.empty()) added.push(def)
        else {
          el.data(def.data)
          el.classes(def.classes)
        }
      }
      if (added.some((d) => d.group === 'nodes')) changed = true
      c.add(added)
      const nowDense = c.edges().length > DENSE_EDGES
      if (nowDense !== dense) {
        dense = nowDense
        c.style(graphStyle(container, dense))
      }
    })
    container.dataset.nodes = String(c.nodes().length)
    container.dataset.edges = String(c.edges().length)
    return changed
  }

  onMount(() => {
    const options: CytoscapeOptions & { renderer: { name: 'canvas'; webgl: boolean } } = {
      container,
      style: graphStyle(container, false),
      renderer: { name: 'canvas', webgl: props.webgl },
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      // Panning the 2D canvas moves a snapshot instead of redrawing every element each frame
      // (cytoscape's performance advice); the WebGL mode redraws fast enough without it.
      textureOnViewport: !props.webgl,
    }
    cy = cytoscape(options)
    // Tests and the benchmark reach the instance here (as cytoscape's own demos do on window).
    Object.defineProperty(container, 'cy', { value: cy })
    container.dataset.renderer = props.webgl ? 'webgl' : 'canvas'
    // eslint-disable-next-line solid/reactivity -- an event handler, reads props when tapped
    cy.on('tap', 'node', (event) => {
      const id = (event.target as cytoscape.NodeSingular).id()
      props.onSelect(id)
      props.onActivate(id)
    })
    onCleanup(() => cy?.destroy())
  })

  createEffect(() => {
    const changed = sync(props.elements)
    if (changed) runLayout()
  })
  createEffect(on([() => props.layout, () => props.center], runLayout, { defer: true }))
  createEffect(() => {
    const id = props.selected
    if (!cy) return
    cy.$(':selected').unselect()
    if (!id) return
    const node = cy.getElementById(id)
    if (node.empty()) return
    node.select()
    const box = node.renderedBoundingBox()
    const outside = box.x1 < 0 || box.y1 < 0 || box.x2 > cy.width() || box.y2 > cy.height()
    if (outside) cy.center(node)
  })

  const onKeyDown = (e: KeyboardEvent): void => {
    if (!cy) return
    const current = props.selected ?? props.center
    const direction = ARROWS[e.key]
    if (direction) {
      e.preventDefault()
      const from = cy.getElementById(current)
      if (from.empty()) return
      const points = cy.nodes().map((n) => ({ id: n.id(), ...n.renderedPosition() }))
      const next = nearestInDirection(
        { id: current, ...from.renderedPosition() },
        points,
        direction,
      )
      if (next) props.onSelect(next)
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      props.onActivate(current)
    } else if (e.key === '+' || e.key === '=' || e.key === '-') {
      e.preventDefault()
      const factor = e.key === '-' ? 0.8 : 1.25
      cy.zoom({
        level: cy.zoom() * factor,
        renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 },
      })
    } else if (e.key === '0') {
      e.preventDefault()
      cy.fit(undefined, 30)
    }
  }

  return (
    <div
      class="graph-canvas"
      data-testid="graph-canvas"
      ref={container}
      tabIndex={0}
      role="application"
      aria-label={props.label}
      aria-roledescription="graph"
      onKeyDown={onKeyDown}
    />
  )
}

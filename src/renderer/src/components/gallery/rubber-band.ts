import { createSignal, onCleanup } from 'solid-js'
import type { Range } from '../../lib/gallery-selection'

export interface Point {
  x: number
  y: number
}

export interface ClickMods {
  toggle: boolean
  range: boolean
}

export interface RubberBandOptions {
  container: () => HTMLElement | undefined
  /** A point on screen in the grid's content coordinates (virtual, scroll included). */
  toContent: (clientX: number, clientY: number) => Point
  indexAt: (point: Point) => number | null
  rangesIn: (a: Point, b: Point) => Range[]
  onClick: (index: number, mods: ClickMods) => void
  onBegin: (additive: boolean) => void
  onUpdate: (ranges: Range[]) => void
  onEnd: (focus: number | null) => void
}

/** How far the pointer moves before a press becomes a drag rather than a click. */
const DRAG_PX = 6
/** The band scrolls the grid when the pointer is this close to its top or bottom edge. */
const EDGE_PX = 40

/**
 * Press-and-drag selects every tile the band touches, by layout arithmetic, so it works over
 * rows that are not in the DOM and keeps going while the grid auto-scrolls. A press that does
 * not move is a click on the tile under it.
 */
export function createRubberBand(options: RubberBandOptions) {
  const [band, setBand] = createSignal<{ a: Point; b: Point } | null>(null)
  let start: { client: Point; content: Point; mods: ClickMods; pointer: number } | null = null
  let current: Point = { x: 0, y: 0 }
  let dragging = false
  let frame = 0

  const update = (): void => {
    frame = 0
    const el = options.container()
    if (!start || !dragging || !el) return
    const rect = el.getBoundingClientRect()
    const speed =
      current.y < rect.top + EDGE_PX
        ? -Math.min(EDGE_PX, rect.top + EDGE_PX - current.y)
        : current.y > rect.bottom - EDGE_PX
          ? Math.min(EDGE_PX, current.y - rect.bottom + EDGE_PX)
          : 0
    if (speed) el.scrollTop += speed
    const b = options.toContent(current.x, current.y)
    setBand({ a: start.content, b })
    options.onUpdate(options.rangesIn(start.content, b))
    if (speed) frame = requestAnimationFrame(update)
  }

  const onPointerMove = (event: PointerEvent): void => {
    if (!start || event.pointerId !== start.pointer) return
    current = { x: event.clientX, y: event.clientY }
    if (!dragging) {
      const dx = current.x - start.client.x
      const dy = current.y - start.client.y
      if (Math.hypot(dx, dy) < DRAG_PX) return
      dragging = true
      options.onBegin(start.mods.toggle || start.mods.range)
    }
    if (!frame) frame = requestAnimationFrame(update)
  }

  const finish = (event: PointerEvent): void => {
    if (!start || event.pointerId !== start.pointer) return
    const el = options.container()
    if (el?.hasPointerCapture(event.pointerId)) el.releasePointerCapture(event.pointerId)
    cancelAnimationFrame(frame)
    frame = 0
    if (dragging) {
      options.onEnd(options.indexAt(options.toContent(event.clientX, event.clientY)))
    } else if (event.type === 'pointerup') {
      const index = options.indexAt(start.content)
      if (index !== null) options.onClick(index, start.mods)
    }
    start = null
    dragging = false
    setBand(null)
  }

  const onPointerDown = (event: PointerEvent): void => {
    const el = options.container()
    if (event.button !== 0 || !el) return
    // A press on the scrollbar drags the thumb, not a band.
    const rect = el.getBoundingClientRect()
    if (event.clientX >= rect.left + el.clientWidth) return
    start = {
      client: { x: event.clientX, y: event.clientY },
      content: options.toContent(event.clientX, event.clientY),
      mods: { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey },
      pointer: event.pointerId,
    }
    current = start.client
    el.setPointerCapture(event.pointerId)
  }

  onCleanup(() => cancelAnimationFrame(frame))

  return {
    band,
    handlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp: finish,
      onPointerCancel: finish,
    },
  }
}

import { createEffect, createMemo, createSignal, Index, on, onCleanup, Show } from 'solid-js'
import type { AssetRow } from '../../../../shared/domain'
import type { Range } from '../../lib/gallery-selection'
import {
  boxOf,
  computeLayout,
  indexAt,
  indexesInRect,
  indexRange,
  moveIndex,
  scrollHeightOf,
  scrollTopFor,
  virtualTop,
  type GridGroup,
} from '../../lib/grid-layout'
import { GalleryTile, type TileContext } from './GalleryTile'
import { GroupHeaders, StickyHeader } from './GroupHeaders'
import { justifiedBox } from './justify'
import { createGridViewport } from './grid-viewport'
import { gridKeyAction, type GridKeyAction } from './grid-keys'
import { createRubberBand, type ClickMods } from './rubber-band'

/** Long edge of the `small` thumbnail. */
const SMALL_VARIANT_PX = 200
/** Never more tiles in the DOM than this, whatever the screen and zoom. */
export const MAX_TILES = 400
const GAP = 6
const PADDING = 16
const HEADER = 40
/** The selection bar floats over the grid's bottom: the last row can scroll clear of it. */
const FOOTER = 64
/** Positions in the layer are relative to a base that moves in steps this large (huge grids). */
const BASE_STEP = 1_000_000

export interface GalleryGridProps {
  label: string
  total: number
  groups: GridGroup[] | null
  /** Changes when the query does: back to the top. */
  generation: number
  tileSize: number
  justified: boolean
  focusIndex: number
  rowAt: (index: number) => AssetRow | undefined
  isSelected: (index: number, id: number | undefined) => boolean
  isOffline: (rootId: number) => boolean
  onView: (first: number, last: number, fast: boolean) => void
  onSelect: (index: number, id: number, mods: ClickMods) => void
  onMoveFocus: (index: number, extend: boolean) => void
  /** Keys that act on the focused tile or the selection (open, delete, zoom…). */
  onAction: (action: GridKeyAction) => void
  onOpen: (index: number) => void
  onBandBegin: (additive: boolean) => void
  onBand: (ranges: Range[]) => void
  onBandEnd: (focus: number | null) => void
  /** A tile (and the selection it is in) starts being dragged. */
  onTileDrag: (index: number, id: number, event: DragEvent) => void
}

/**
 * The virtualised gallery. The container scrolls over the full (estimated) height; a fixed
 * pool of tiles is recycled by index modulo the pool size, so scrolling one row re-renders
 * one row of tiles and nothing else; group headers are laid out from counts alone.
 */
export function GalleryGrid(props: GalleryGridProps) {
  let el: HTMLDivElement | undefined
  const viewport = createGridViewport(() => el)
  const [focusedWithin, setFocusedWithin] = createSignal(false)
  const [hovered, setHovered] = createSignal(-1)

  const layout = createMemo(() =>
    computeLayout(props.total, props.groups, {
      width: viewport.width(),
      tile: props.tileSize,
      gap: GAP,
      padding: PADDING,
      header: HEADER,
      footer: FOOTER,
    }),
  )
  // The 200 px thumbnail while it covers the tile's pixels (small zoom on a standard screen),
  // else the 800 px one: decoding 800 px for a 120 px tile wastes the frame budget.
  const variant = createMemo(() =>
    layout().tileWidth * (globalThis.devicePixelRatio || 1) <= SMALL_VARIANT_PX
      ? 'small'
      : 'medium',
  )
  const top = createMemo(() => virtualTop(layout(), viewport.scrollTop(), viewport.height()))
  const scaled = () => scrollHeightOf(layout()) < layout().height
  const base = createMemo(() => (scaled() ? Math.floor(top() / BASE_STEP) * BASE_STEP : 0))
  const margin = () => Math.max(viewport.height() / 2, layout().stride)
  const pool = createMemo(() => {
    const l = layout()
    const rows = Math.ceil((viewport.height() + 2 * margin()) / l.stride) + 2
    return Math.max(1, Math.min(MAX_TILES, rows * l.columns))
  })
  const visible = createMemo(
    () => indexRange(layout(), top(), top() + viewport.height()),
    undefined,
    { equals: (a, b) => a.first === b.first && a.last === b.last },
  )
  const range = createMemo(
    () => {
      const shown = visible()
      const wide = indexRange(layout(), top() - margin(), top() + viewport.height() + margin())
      // The margin gives way first when the pool cannot hold it all.
      const spare = Math.max(0, pool() - (shown.last - shown.first + 1))
      const first = Math.max(wide.first, shown.first - Math.floor(spare / 2))
      const last = Math.min(wide.last, first + pool() - 1, shown.last + spare)
      return { first, last }
    },
    undefined,
    { equals: (a, b) => a.first === b.first && a.last === b.last },
  )
  const slots = createMemo(() => {
    const size = pool()
    const out = new Array<number>(size).fill(-1)
    const { first, last } = range()
    for (let i = first; i <= last; i++) out[i % size] = i
    return out
  })

  createEffect(() => {
    const { first, last } = range()
    props.onView(first, last, viewport.fast())
  })
  /** The first tile at the top of the view, kept across zoom and width changes. */
  let topIndex = 0
  createEffect(
    on(
      () => props.generation,
      () => {
        topIndex = 0
        if (el) el.scrollTop = 0
      },
      { defer: true },
    ),
  )
  // A new zoom or width keeps the first visible tile at the top (and nothing else does: new
  // counts or groups must not pull the view back to where it was).
  createEffect(() => (topIndex = indexRange(layout(), top(), top() + 1).first))
  const tileShape = createMemo(() => `${layout().columns}:${layout().tileWidth}`)
  createEffect(
    on(
      tileShape,
      () => {
        if (!el || topIndex <= 0) return
        const y = boxOf(layout(), topIndex).y - PADDING
        el.scrollTop = scrollTopFor(layout(), y, viewport.height())
      },
      { defer: true },
    ),
  )

  const scrollIntoView = (index: number): void => {
    if (!el) return
    const box = boxOf(layout(), index)
    const sticky = layout().header
    const h = viewport.height()
    let y: number | null = null
    if (box.y - sticky < top()) y = box.y - sticky - PADDING
    else if (box.y + box.height > top() + h) y = box.y + box.height - h + PADDING
    if (y !== null) el.scrollTop = scrollTopFor(layout(), y, h)
  }
  // Focus moved by the keyboard or the viewer: bring it on screen (clicks are already there).
  let pointerFocus = false
  createEffect(
    on(
      () => props.focusIndex,
      (index) => {
        if (!pointerFocus) scrollIntoView(index)
        pointerFocus = false
      },
      { defer: true },
    ),
  )

  const ctx: TileContext = {
    rowAt: (index) => props.rowAt(index),
    boxOf: (index) => {
      const box = boxOf(layout(), index)
      const placed = props.justified ? justifiedBox(layout(), index, box, props.rowAt) : box
      return { ...placed, y: placed.y - base() }
    },
    isSelected: (index, id) => props.isSelected(index, id),
    focusIndex: () => props.focusIndex,
    isVisible: (index) => index >= visible().first && index <= visible().last,
    gridFocused: focusedWithin,
    settled: viewport.settled,
    hovered,
    setHovered,
    variant,
    isOffline: (rootId) => props.isOffline(rootId),
    total: () => props.total,
    releaseFocus: () => el?.focus({ preventScroll: true }),
    dragStart: (index, id, event) => props.onTileDrag(index, id, event),
  }

  // Read from the element, not the frame-delayed signal: a click may follow a scroll at once.
  const toContent = (clientX: number, clientY: number) => {
    const rect = el!.getBoundingClientRect()
    const now = virtualTop(layout(), el!.scrollTop, el!.clientHeight)
    return { x: clientX - rect.left, y: clientY - rect.top + now }
  }
  const rubber = createRubberBand({
    container: () => el,
    toContent,
    indexAt: (p) => indexAt(layout(), p.x, p.y),
    rangesIn: (a, b) => indexesInRect(layout(), a.x, a.y, b.x, b.y),
    onClick: (index, mods) => {
      const row = props.rowAt(index)
      if (!row) return
      pointerFocus = true
      props.onSelect(index, row.id, mods)
    },
    onBegin: (additive) => props.onBandBegin(additive),
    onUpdate: (ranges) => props.onBand(ranges),
    onEnd: (focus) => {
      pointerFocus = true
      props.onBandEnd(focus)
    },
  })

  const onKeyDown = (event: KeyboardEvent): void => {
    const action = gridKeyAction(event)
    if (!action || props.total === 0) return
    event.preventDefault()
    if (action.kind === 'move') {
      const next = moveIndex(layout(), props.focusIndex, action.move, viewport.height())
      props.onMoveFocus(next, action.extend)
      scrollIntoView(next)
    } else props.onAction(action)
  }

  const focusRendered = () => {
    const { first, last } = range()
    return props.focusIndex >= first && props.focusIndex <= last
  }

  const layerOffset = () => (scaled() ? viewport.scrollTop() - top() + base() : 0)

  onCleanup(() => setHovered(-1))

  // Past the height limit the scrollbar is scaled; the wheel is not: a notch moves the same
  // distance through a million assets as through a thousand. Only then is the listener active
  // (not passive): below the limit the browser scrolls on its own.
  const onWheel = (event: WheelEvent): void => {
    const l = layout()
    const h = viewport.height()
    const dom = scrollHeightOf(l)
    if (!el || dom >= l.height || dom <= h || event.ctrlKey) return
    const px =
      event.deltaMode === WheelEvent.DOM_DELTA_LINE
        ? event.deltaY * 40
        : event.deltaMode === WheelEvent.DOM_DELTA_PAGE
          ? event.deltaY * h
          : event.deltaY
    if (!px) return
    event.preventDefault()
    el.scrollTop += px / ((l.height - h) / (dom - h))
  }
  createEffect(() => {
    if (!el || !scaled()) return
    const target = el
    target.addEventListener('wheel', onWheel, { passive: false })
    onCleanup(() => target.removeEventListener('wheel', onWheel))
  })

  return (
    <div
      ref={el}
      class="gallery-grid"
      data-testid="gallery"
      role="listbox"
      aria-label={props.label}
      aria-multiselectable="true"
      tabIndex={focusRendered() ? -1 : 0}
      onKeyDown={onKeyDown}
      onFocusIn={() => setFocusedWithin(true)}
      onFocusOut={(e) => setFocusedWithin(!!el && el.contains(e.relatedTarget as Node | null))}
      onDblClick={(e) => {
        const index = indexAt(layout(), ...xy(toContent(e.clientX, e.clientY)))
        if (index !== null) props.onOpen(index)
      }}
      {...rubber.handlers}
    >
      <StickyHeader layout={layout()} top={top()} height={viewport.height()} base={base()} />
      <div class="gallery-grid__sizer" style={{ height: `${scrollHeightOf(layout())}px` }}>
        <div
          class="gallery-grid__layer"
          classList={{ 'is-scaled': scaled() }}
          style={{ transform: `translateY(${layerOffset()}px)` }}
        >
          <GroupHeaders layout={layout()} top={top()} height={viewport.height()} base={base()} />
          <Index each={slots()}>{(index) => <GalleryTile index={index()} ctx={ctx} />}</Index>
          <Show when={rubber.band()}>
            {(b) => (
              <div
                class="rubber-band"
                style={{
                  left: `${Math.min(b().a.x, b().b.x)}px`,
                  top: `${Math.min(b().a.y, b().b.y) - base()}px`,
                  width: `${Math.abs(b().a.x - b().b.x)}px`,
                  height: `${Math.abs(b().a.y - b().b.y)}px`,
                }}
              />
            )}
          </Show>
        </div>
      </div>
    </div>
  )
}

const xy = (p: { x: number; y: number }): [number, number] => [p.x, p.y]

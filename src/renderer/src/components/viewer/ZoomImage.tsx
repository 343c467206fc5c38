import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from 'solid-js'
import {
  actualSizeZoom,
  FIT,
  outgrows,
  panBy,
  placement,
  wheelFactor,
  zoomBy,
  type Size,
  type View,
  type Viewport,
} from './zoom'

export interface ZoomImageProps {
  /** The image's displayed size in pixels (the original's, orientation applied). */
  natural: Size
  /** The cached still shown at once (`large`, else `medium`/`small`) and its pixel size. */
  still: string
  stillSize: Size
  /** The original, when it may be loaded (a drawable format on a reachable root). */
  original: string | null
  alt: string
  /** Controlled, so that two panes of the compare view can share one view. */
  view: View
  onView: (view: View) => void
  /** Room kept around the image at "fit", in CSS pixels. */
  inset?: number
  /** The pane's size, as it changes (the toolbar works out 100 % from it). */
  onViewport?: (viewport: Viewport) => void
  /** The original failed to load: the parent finds out why and stops offering it. */
  onOriginalError?: () => void
  /** Whether the original is what is drawn now. */
  onSource?: (source: 'still' | 'loading' | 'original') => void
}

/**
 * One zoomable, pannable image: wheel and double-click zoom, drag to pan. It draws the cached
 * still at once and swaps in the original only when the still runs out of pixels — after the
 * original has fully loaded, so the picture never blanks.
 */
export function ZoomImage(props: ZoomImageProps) {
  let pane: HTMLDivElement | undefined
  const [viewport, setViewport] = createSignal<Viewport>({ width: 0, height: 0 })
  const [originalReady, setOriginalReady] = createSignal<string | null>(null)
  const [loadingOriginal, setLoadingOriginal] = createSignal(false)
  const [dragging, setDragging] = createSignal(false)

  onMount(() => {
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return
      const { width, height } = entry.contentRect
      const size = { width, height, inset: props.inset ?? 0 }
      setViewport(size)
      props.onViewport?.(size)
    })
    observer.observe(pane!)
    // Not passive: the wheel zooms the image instead of scrolling anything behind it.
    const wheel = (event: WheelEvent): void => {
      event.preventDefault()
      const box = pane!.getBoundingClientRect()
      const at = { x: event.clientX - box.left, y: event.clientY - box.top }
      const factor = wheelFactor(event.deltaY, event.deltaMode)
      props.onView(zoomBy(props.view, factor, props.natural, viewport(), at))
    }
    pane!.addEventListener('wheel', wheel, { passive: false })
    onCleanup(() => {
      observer.disconnect()
      pane?.removeEventListener('wheel', wheel)
    })
  })

  const drawn = createMemo(() => placement(props.view, props.natural, viewport()))
  // A memo, so that panning (which changes `drawn` but not this) does not restart a load.
  const wantsOriginal = createMemo(
    () =>
      props.original !== null &&
      viewport().width > 0 &&
      outgrows(drawn().width, window.devicePixelRatio || 1, props.stillSize),
  )

  // A new image starts from its still again.
  createEffect(on([() => props.still, () => props.original], () => setOriginalReady(null)))

  const showsOriginal = (): boolean =>
    originalReady() !== null && originalReady() === props.original
  const source = (): string => (showsOriginal() ? props.original! : props.still)

  createEffect(() => {
    const url = props.original
    if (!url || !wantsOriginal() || originalReady() === url) return
    const loader = new Image()
    let current = true
    setLoadingOriginal(true)
    loader.onload = () => current && setOriginalReady(url)
    loader.onerror = () => current && props.onOriginalError?.()
    loader.src = url
    onCleanup(() => {
      current = false
      setLoadingOriginal(false)
    })
  })

  createEffect(() =>
    props.onSource?.(showsOriginal() ? 'original' : loadingOriginal() ? 'loading' : 'still'),
  )

  let last: { x: number; y: number } | null = null
  const onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0 || props.view.zoom <= 1) return
    pane!.setPointerCapture(event.pointerId)
    last = { x: event.clientX, y: event.clientY }
    setDragging(true)
  }
  const onPointerMove = (event: PointerEvent): void => {
    if (!last) return
    const delta = { x: event.clientX - last.x, y: event.clientY - last.y }
    last = { x: event.clientX, y: event.clientY }
    props.onView(panBy(props.view, delta, props.natural, viewport()))
  }
  const endDrag = (): void => {
    last = null
    setDragging(false)
  }
  const onDoubleClick = (event: MouseEvent): void => {
    if (props.view.zoom > 1) return props.onView(FIT)
    const box = pane!.getBoundingClientRect()
    const at = { x: event.clientX - box.left, y: event.clientY - box.top }
    const factor = Math.max(actualSizeZoom(props.natural, viewport()), 2)
    props.onView(zoomBy(props.view, factor, props.natural, viewport(), at))
  }

  return (
    <div
      ref={pane}
      class="zoom-image"
      classList={{
        'zoom-image--pannable': props.view.zoom > 1,
        'zoom-image--dragging': dragging(),
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDblClick={onDoubleClick}
    >
      <Show when={viewport().width > 0}>
        <img
          class="zoom-image__img"
          data-testid="viewer-image"
          src={source()}
          alt={props.alt}
          draggable={false}
          data-source={showsOriginal() ? 'original' : 'still'}
          style={{
            width: `${drawn().width}px`,
            height: `${drawn().height}px`,
            transform: `translate(${drawn().left}px, ${drawn().top}px)`,
          }}
        />
      </Show>
    </div>
  )
}

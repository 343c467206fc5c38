import { createSignal } from 'solid-js'
import type { ZoomControls } from './ViewerToolbar'
import type { Still } from './viewer-media'
import {
  actualSizeZoom,
  FIT,
  MAX_SCALE,
  percent,
  placement,
  zoomBy,
  ZOOM_STEP,
  type View,
  type Viewport,
} from './zoom'

/** The viewer's zoom: the view of the current still, and what the toolbar and keys do to it. */
export function createZoom(still: () => Still | null) {
  const [view, setView] = createSignal<View>(FIT)
  const [viewport, setViewport] = createSignal<Viewport>({ width: 0, height: 0 })
  const [source, setSource] = createSignal<ZoomControls['source']>('still')

  const step = (factor: number): void => {
    const s = still()
    if (s) setView((v) => zoomBy(v, factor, s.natural, viewport()))
  }
  /** 100 %, around the centre; an image smaller than the window doubles instead. */
  const actual = (): void => {
    const s = still()
    if (!s) return
    const zoom = actualSizeZoom(s.natural, viewport())
    setView((v) => zoomBy(v, (zoom > 1 ? zoom : 2) / v.zoom, s.natural, viewport()))
  }
  const fit = (): void => void setView(FIT)

  const controls = (): ZoomControls | null => {
    const s = still()
    if (!s || viewport().width === 0) return null
    const scale = placement(view(), s.natural, viewport()).scale
    return {
      label: percent(scale),
      fitted: view().zoom <= 1,
      canZoomIn: scale < MAX_SCALE - 1e-6,
      source: source(),
      onZoomIn: () => step(ZOOM_STEP),
      onZoomOut: () => step(1 / ZOOM_STEP),
      onToggleActual: () => (view().zoom > 1 ? fit() : actual()),
      onFit: fit,
    }
  }

  return {
    view,
    setView,
    setViewport,
    setSource,
    controls,
    zoomIn: () => step(ZOOM_STEP),
    zoomOut: () => step(1 / ZOOM_STEP),
    fit,
    actual,
  }
}

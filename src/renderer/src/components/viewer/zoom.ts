/**
 * Zoom and pan math of the viewer and the compare view, with no DOM in it.
 *
 * A view is held in normalised terms — `zoom` is a multiple of "fit", and `cx`/`cy` are the
 * point of the image (0–1 fractions) at the centre of the viewport — so that two images of
 * different pixel sizes can share one view and show the same region (the synchronised compare),
 * and a resize of the window keeps what the user was looking at.
 */

export interface Size {
  width: number
  height: number
}

/** The area an image is drawn in; `inset` is the margin kept around it at "fit". */
export interface Viewport extends Size {
  inset?: number
}

export interface Point {
  x: number
  y: number
}

export interface View {
  /** 1 is "fit"; 2 is twice as large as fit. */
  zoom: number
  /** The image point at the viewport's centre, as fractions of its width and height. */
  cx: number
  cy: number
}

/** Where and how large the image is drawn in the viewport (CSS pixels). */
export interface Placement {
  /** CSS pixels per pixel of the natural image: 1 is 100 %. */
  scale: number
  left: number
  top: number
  width: number
  height: number
}

export const FIT: View = { zoom: 1, cx: 0.5, cy: 0.5 }

/** Zooming in further than this many screen pixels per image pixel shows nothing new. */
export const MAX_SCALE = 8

/** One step of the keyboard or the toolbar's +/− buttons. */
export const ZOOM_STEP = 1.25

/**
 * The scale at which the whole image fits inside the viewport's inset; small images are never
 * blown up to fit.
 */
export function fitScale(natural: Size, viewport: Viewport): number {
  if (natural.width <= 0 || natural.height <= 0) return 1
  const inset = viewport.inset ?? 0
  const width = Math.max(1, viewport.width - 2 * inset)
  const height = Math.max(1, viewport.height - 2 * inset)
  return Math.min(1, width / natural.width, height / natural.height)
}

/** The zoom (multiple of fit) at which one image pixel is one CSS pixel. */
export function actualSizeZoom(natural: Size, viewport: Viewport): number {
  return 1 / fitScale(natural, viewport)
}

function maxZoom(natural: Size, viewport: Viewport): number {
  return Math.max(1, MAX_SCALE / fitScale(natural, viewport))
}

/** Keeps the image from drifting off screen: centred when smaller, edges inside when larger. */
export function clampView(view: View, natural: Size, viewport: Viewport): View {
  const zoom = Math.min(Math.max(view.zoom, 1), maxZoom(natural, viewport))
  const scale = fitScale(natural, viewport) * zoom
  const axis = (c: number, length: number, room: number): number => {
    const drawn = length * scale
    if (drawn <= room) return 0.5
    const half = room / 2 / drawn
    return Math.min(Math.max(c, half), 1 - half)
  }
  return {
    zoom,
    cx: axis(view.cx, natural.width, viewport.width),
    cy: axis(view.cy, natural.height, viewport.height),
  }
}

export function placement(view: View, natural: Size, viewport: Viewport): Placement {
  const scale = fitScale(natural, viewport) * view.zoom
  const width = natural.width * scale
  const height = natural.height * scale
  return {
    scale,
    width,
    height,
    left: viewport.width / 2 - view.cx * width,
    top: viewport.height / 2 - view.cy * height,
  }
}

/**
 * Zooms by `factor` keeping the image point under `at` (viewport coordinates; the centre when
 * omitted) where it is, as a map does under the mouse wheel.
 */
export function zoomBy(
  view: View,
  factor: number,
  natural: Size,
  viewport: Viewport,
  at: Point = { x: viewport.width / 2, y: viewport.height / 2 },
): View {
  const before = placement(view, natural, viewport)
  // The image fraction under the pointer, before and (by construction) after.
  const fx = (at.x - before.left) / before.width
  const fy = (at.y - before.top) / before.height
  const zoom = Math.min(Math.max(view.zoom * factor, 1), maxZoom(natural, viewport))
  const after = placement({ ...view, zoom }, natural, viewport)
  const cx = fx - (at.x - viewport.width / 2) / after.width
  const cy = fy - (at.y - viewport.height / 2) / after.height
  return clampView({ zoom, cx, cy }, natural, viewport)
}

/** Sets an absolute scale (1 = 100 %), around the centre. */
export function zoomToScale(view: View, scale: number, natural: Size, viewport: Viewport): View {
  const factor = scale / (fitScale(natural, viewport) * view.zoom)
  return zoomBy(view, factor, natural, viewport)
}

/** Moves the image with the pointer by `delta` CSS pixels. */
export function panBy(view: View, delta: Point, natural: Size, viewport: Viewport): View {
  const { width, height } = placement(view, natural, viewport)
  const moved = { ...view, cx: view.cx - delta.x / width, cy: view.cy - delta.y / height }
  return clampView(moved, natural, viewport)
}

/** A wheel's deltaY as a zoom factor: smooth for trackpads, one notch ≈ one keyboard step. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 40 : deltaMode === 2 ? deltaY * 800 : deltaY
  return Math.exp((-pixels / 100) * Math.log(ZOOM_STEP))
}

/**
 * Whether the image is drawn with more device pixels than `variant` holds: then a sharper
 * source (the original) is worth loading.
 */
export function outgrows(drawnWidth: number, devicePixelRatio: number, variant: Size): boolean {
  return drawnWidth * devicePixelRatio > variant.width + 1
}

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent' })

/** "100%" (in the user's locale): what the toolbar shows for a scale. */
export function percent(scale: number): string {
  return percentFormat.format(Math.round(scale * 100) / 100)
}

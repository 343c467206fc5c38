import { describe, expect, it } from 'vitest'
import {
  actualSizeZoom,
  clampView,
  FIT,
  fitScale,
  outgrows,
  panBy,
  placement,
  wheelFactor,
  zoomBy,
  zoomToScale,
  ZOOM_STEP,
} from '../../src/renderer/src/components/viewer/zoom'

const photo = { width: 4000, height: 3000 }
const screen = { width: 1000, height: 1000 }

describe('viewer zoom math', () => {
  it('fits a large image inside the viewport and never blows a small one up', () => {
    expect(fitScale(photo, screen)).toBe(0.25)
    expect(fitScale({ width: 200, height: 100 }, screen)).toBe(1)
    const fit = placement(FIT, photo, screen)
    expect(fit).toEqual({ scale: 0.25, width: 1000, height: 750, left: 0, top: 125 })
  })

  it('keeps a margin around the image at fit, but zooms into the whole viewport', () => {
    const framed = { ...screen, inset: 50 }
    expect(fitScale(photo, framed)).toBeCloseTo(900 / 4000)
    const fit = placement(FIT, photo, framed)
    expect(fit.left).toBeCloseTo(50)
    const edge = placement(
      panBy(zoomToScale(FIT, 1, photo, framed), { x: 1e6, y: 0 }, photo, framed),
      photo,
      framed,
    )
    expect(edge.left).toBeCloseTo(0)
  })

  it('shows 100 % as one image pixel per CSS pixel, centred', () => {
    const view = zoomToScale(FIT, 1, photo, screen)
    expect(view.zoom).toBeCloseTo(actualSizeZoom(photo, screen))
    const drawn = placement(view, photo, screen)
    expect(drawn.scale).toBeCloseTo(1)
    expect(drawn.left + drawn.width / 2).toBeCloseTo(500)
  })

  it('keeps the point under the pointer still while zooming', () => {
    const at = { x: 800, y: 300 }
    const before = placement(FIT, photo, screen)
    const view = zoomBy(FIT, 2, photo, screen, at)
    const after = placement(view, photo, screen)
    const fractionBefore = (at.x - before.left) / before.width
    const fractionAfter = (at.x - after.left) / after.width
    expect(fractionAfter).toBeCloseTo(fractionBefore)
    expect((at.y - after.top) / after.height).toBeCloseTo((at.y - before.top) / before.height)
  })

  it('does not zoom out past fit nor in past 800 %', () => {
    expect(zoomBy(FIT, 0.5, photo, screen).zoom).toBe(1)
    const far = zoomBy(FIT, 1000, photo, screen)
    expect(placement(far, photo, screen).scale).toBeCloseTo(8)
  })

  it('pans with the pointer but never past the image edges', () => {
    const zoomed = zoomToScale(FIT, 1, photo, screen)
    const moved = panBy(zoomed, { x: 100, y: 0 }, photo, screen)
    expect(placement(moved, photo, screen).left - placement(zoomed, photo, screen).left).toBe(100)
    const edge = panBy(zoomed, { x: 1e6, y: 1e6 }, photo, screen)
    const drawn = placement(edge, photo, screen)
    expect(drawn.left).toBeCloseTo(0)
    expect(drawn.top).toBeCloseTo(0)
  })

  it('keeps an image that fits centred whatever the pan', () => {
    const fit = placement(panBy(FIT, { x: 300, y: 300 }, photo, screen), photo, screen)
    expect(fit.left).toBe(0)
    expect(fit.top).toBe(125)
    expect(clampView({ zoom: 1, cx: 0.9, cy: 0.1 }, photo, screen)).toEqual(FIT)
  })

  it('turns one wheel notch into about one keyboard step, either way', () => {
    expect(wheelFactor(-100, 0)).toBeCloseTo(ZOOM_STEP)
    expect(wheelFactor(100, 0)).toBeCloseTo(1 / ZOOM_STEP)
    expect(wheelFactor(-3, 1)).toBeGreaterThan(ZOOM_STEP)
  })

  it('asks for the original only once the large variant runs out of pixels', () => {
    const large = { width: 1920, height: 1440 }
    expect(outgrows(1000, 1, large)).toBe(false)
    expect(outgrows(1000, 2, large)).toBe(true)
    expect(outgrows(2400, 1, large)).toBe(true)
  })
})

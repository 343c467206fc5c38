// Functions that run inside the gallery page (Playwright serialises them, so each stands alone):
// when the first tiles were painted, what every frame cost while scrolling, and whether the
// tiles in view have their thumbnails.
/* global window, document, requestAnimationFrame, MutationObserver, HTMLImageElement */

/**
 * Installed before the page's own scripts (addInitScript): notes, relative to the navigation
 * start, when the first tile appeared and when the first tile's thumbnail was decoded and on
 * screen (the frame after it), and collects the tile images' largest-contentful-paint times.
 */
export function firstTileProbe() {
  const marks = { lcp: [] }
  window.__galleryBench = marks
  const TILE = '[data-testid=gallery-item]'
  const observer = new MutationObserver(() => {
    if (marks.firstItemMs === undefined && document.querySelector(TILE)) {
      marks.firstItemMs = performance.now()
    }
  })
  observer.observe(document, { childList: true, subtree: true })
  const shown = (img) => {
    if (marks.firstTileMs !== undefined || !img.naturalWidth) return
    marks.firstLoadMs ??= performance.now()
    // decode() settles once the picture can be drawn; the next frame is the one that shows it.
    img
      .decode()
      .catch(() => undefined)
      .then(() =>
        requestAnimationFrame(() => {
          marks.firstTileMs ??= performance.now()
          marks.firstTileAsset ??= img.closest(TILE)?.getAttribute('data-asset-id') ?? null
          observer.disconnect()
        }),
      )
  }
  document.addEventListener(
    'load',
    (event) => {
      const img = event.target
      if (img instanceof HTMLImageElement && img.closest(TILE)) shown(img)
    },
    true,
  )
  // Images already complete when they entered the tile (the memory cache) fire no load event.
  const sweep = () => {
    if (marks.firstTileMs !== undefined) return
    for (const img of document.querySelectorAll(`${TILE} img`)) if (img.complete) shown(img)
    requestAnimationFrame(sweep)
  }
  requestAnimationFrame(sweep)
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.element?.closest?.(TILE)) marks.lcp.push(entry.renderTime || entry.loadTime)
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true })
  } catch {
    // No LCP in this browser: the rAF time above stands alone.
  }
}

/** The marks of firstTileProbe once the first thumbnail is on screen. */
export function firstTileMarks() {
  return new Promise((resolve) => {
    const wait = () => {
      const marks = window.__galleryBench
      if (marks?.firstTileMs !== undefined) resolve({ ...marks, nav: navigationTimes() })
      else setTimeout(wait, 10)
    }
    const navigationTimes = () => {
      const nav = performance.getEntriesByType('navigation')[0]
      const paint = Object.fromEntries(
        performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]),
      )
      return {
        responseEndMs: nav?.responseEnd,
        domContentLoadedMs: nav?.domContentLoadedEventEnd,
        loadMs: nav?.loadEventEnd,
        firstContentfulPaintMs: paint['first-contentful-paint'],
      }
    }
    wait()
  })
}

/**
 * Starts recording every frame: the time since the previous one, the number of tiles in the DOM
 * (and of all elements in the gallery, recycled hidden slots included), long tasks and long animation frames (with the scripts they ran, for attribution).
 */
export function startRecorder() {
  const rec = { frames: [], maxTiles: 0, maxNodes: 0, longTasks: [], loafs: [], running: true }
  window.__galleryRecorder = rec
  // Live collections: reading their length each frame costs next to nothing.
  const nodes = document.querySelector('[data-testid=gallery]')?.getElementsByTagName('*')
  let last = 0
  const frame = (now) => {
    if (!rec.running) return
    if (last) rec.frames.push(now - last)
    last = now
    const active = document.querySelectorAll('[data-testid=gallery-item]').length
    if (active > rec.maxTiles) rec.maxTiles = active
    if ((nodes?.length ?? 0) > rec.maxNodes) rec.maxNodes = nodes.length
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
  rec.observers = []
  const observe = (type, take) => {
    try {
      const observer = new PerformanceObserver((list) => list.getEntries().forEach(take))
      observer.observe({ type })
      rec.observers.push(observer)
    } catch {
      // An entry type this Chromium lacks: its list stays empty.
    }
  }
  observe('longtask', (e) => rec.longTasks.push({ startMs: e.startTime, ms: e.duration }))
  observe('long-animation-frame', (e) =>
    rec.loafs.push({
      startMs: e.startTime,
      ms: e.duration,
      blockingMs: e.blockingDuration,
      // From the start of rendering (rAF callbacks, style, layout, paint) to the frame's end.
      renderMs: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
      styleAndLayoutMs: e.styleAndLayoutStart
        ? e.startTime + e.duration - e.styleAndLayoutStart
        : 0,
      scripts: e.scripts.map((s) => ({
        ms: s.duration,
        invoker: s.invoker,
        fn: s.sourceFunctionName,
        url: s.sourceURL,
        at: s.sourceCharPosition,
        forcedLayoutMs: s.forcedStyleAndLayoutDuration,
      })),
    }),
  )
}

/** Stops the recorder and returns what it saw. */
export function stopRecorder() {
  const rec = window.__galleryRecorder
  rec.running = false
  for (const observer of rec.observers) observer.disconnect()
  const { frames, maxTiles, maxNodes, longTasks, loafs } = rec
  return { frames, maxTiles, maxNodes, longTasks, loafs }
}

/**
 * The scroll container's geometry, the number of tiles in the DOM, and whether the last asset's
 * tile is among them (its `aria-posinset` equals its `aria-setsize`).
 */
export function galleryState() {
  const gallery = document.querySelector('[data-testid=gallery]')
  const tiles = [...document.querySelectorAll('[data-testid=gallery-item]')]
  return {
    scrollTop: gallery?.scrollTop ?? null,
    scrollHeight: gallery?.scrollHeight ?? null,
    clientHeight: gallery?.clientHeight ?? null,
    tiles: tiles.length,
    lastShown: tiles.some(
      (t) =>
        t.hasAttribute('aria-setsize') &&
        t.getAttribute('aria-posinset') === t.getAttribute('aria-setsize'),
    ),
  }
}

/** Moves the gallery's scrollbar to `fraction` of its range (0 top, 1 bottom). */
export function jumpTo(fraction) {
  const gallery = document.querySelector('[data-testid=gallery]')
  gallery.scrollTop = fraction * (gallery.scrollHeight - gallery.clientHeight)
  return gallery.scrollTop
}

/**
 * Resolves, after `timeoutMs` at most, once the tiles in view carry an asset and every image in
 * them is complete: `{ ms, filled, tiles, images, broken }`. Looked at every 50 ms (not every
 * frame, so the looking does not weigh on the frames measured meanwhile).
 */
export function untilFilled(timeoutMs) {
  const started = performance.now()
  return new Promise((resolve) => {
    const check = () => {
      const gallery = document.querySelector('[data-testid=gallery]')
      const box = gallery?.getBoundingClientRect()
      const tiles = box
        ? [...document.querySelectorAll('[data-testid=gallery-item]')].filter((tile) => {
            const r = tile.getBoundingClientRect()
            return (
              r.bottom > box.top && r.top < box.bottom && r.right > box.left && r.left < box.right
            )
          })
        : []
      const images = tiles.flatMap((tile) => [...tile.querySelectorAll('img')])
      // A ready tile waits for the view to settle before it asks for its thumbnail: filled
      // means every ready tile has its image, loaded.
      const filled =
        tiles.length > 0 &&
        tiles.every((tile) => tile.getAttribute('data-asset-id')) &&
        tiles.every((tile) => tile.dataset.status !== 'ready' || tile.querySelector('img')) &&
        images.every((img) => img.complete)
      const ms = performance.now() - started
      if (filled || ms > timeoutMs) {
        const broken = images.filter((img) => img.complete && !img.naturalWidth).length
        resolve({ ms, filled, tiles: tiles.length, images: images.length, broken })
      } else setTimeout(check, 50)
    }
    check()
  })
}

/** Whether the viewer is open with every picture in it loaded. */
export function viewerShown() {
  const viewer = document.querySelector('[data-testid=viewer]')
  return viewer !== null && [...viewer.querySelectorAll('img')].every((img) => img.complete)
}

/** Whether the selection bar counts `n` selected assets. */
export function selectedCount(n) {
  const text = document.querySelector('[data-testid=selection-count]')?.textContent ?? ''
  return text.replace(/\D/g, '') === String(n)
}

/**
 * Resolves once the page's CSS animations and transitions that end (the viewer's fade; not a
 * spinner's endless turn) have ended.
 */
export function animationsDone() {
  const ending = document
    .getAnimations()
    .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
  return Promise.all(ending.map((a) => a.finished.catch(() => undefined)))
}

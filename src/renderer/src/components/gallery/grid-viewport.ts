import { createSignal, onCleanup, onMount } from 'solid-js'

/** Faster than this many screens a second, tiles that pass by do not load their thumbnails. */
const FLING_SCREENS_PER_S = 3
/** How long the view must move slowly before thumbnails load again. */
const SETTLE_MS = 120

export interface GridViewport {
  width: () => number
  height: () => number
  scrollTop: () => number
  /**
   * True when the last scroll jumped more than a few screens in one frame: the scrollbar thumb
   * is being dragged, or End was pressed. Fetches wait for such a scroll to settle.
   */
  fast: () => boolean
  /**
   * False while the view flies past (a fling of the wheel, a dragged thumb): a tile that only
   * passes through would start a thumbnail request and cancel it a frame later, costing the
   * browser and the server more than the frame has.
   */
  settled: () => boolean
}

/**
 * The scroll container's size and position as signals. Scroll events are passive and folded
 * into one update per animation frame; sizes come from a ResizeObserver, so nothing reads
 * layout during a scroll.
 */
export function createGridViewport(element: () => HTMLElement | undefined): GridViewport {
  const [width, setWidth] = createSignal(0)
  const [height, setHeight] = createSignal(0)
  const [scrollTop, setScrollTop] = createSignal(0)
  const [settled, setSettled] = createSignal(true)
  let fast = false
  let frame = 0
  let lastAt = 0
  let settleTimer: ReturnType<typeof setTimeout> | undefined

  onMount(() => {
    const el = element()
    if (!el) return
    const measure = (): void => {
      setWidth(el.clientWidth)
      setHeight(el.clientHeight)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    const onScroll = (): void => {
      if (frame) return
      frame = requestAnimationFrame((now) => {
        frame = 0
        const top = el.scrollTop
        const screen = Math.max(1, el.clientHeight)
        const moved = Math.abs(top - scrollTop())
        fast = moved > 3 * screen
        const seconds = Math.max(now - lastAt, 8) / 1000
        lastAt = now
        if (moved / screen / seconds > FLING_SCREENS_PER_S) {
          setSettled(false)
          clearTimeout(settleTimer)
          settleTimer = setTimeout(() => setSettled(true), SETTLE_MS)
        }
        setScrollTop(top)
      })
    }
    el.addEventListener('scroll', onScroll, { passive: true })
    onCleanup(() => {
      observer.disconnect()
      el.removeEventListener('scroll', onScroll)
      cancelAnimationFrame(frame)
      clearTimeout(settleTimer)
    })
  })

  return { width, height, scrollTop, fast: () => fast, settled }
}

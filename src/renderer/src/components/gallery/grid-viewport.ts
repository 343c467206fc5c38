import { createSignal, onCleanup, onMount } from 'solid-js'

export interface GridViewport {
  width: () => number
  height: () => number
  scrollTop: () => number
  /**
   * True when the last scroll jumped more than a few screens in one frame: the scrollbar thumb
   * is being dragged, or End was pressed. Fetches wait for such a scroll to settle.
   */
  fast: () => boolean
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
  let fast = false
  let frame = 0

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
      frame = requestAnimationFrame(() => {
        frame = 0
        const top = el.scrollTop
        fast = Math.abs(top - scrollTop()) > 3 * Math.max(1, el.clientHeight)
        setScrollTop(top)
      })
    }
    el.addEventListener('scroll', onScroll, { passive: true })
    onCleanup(() => {
      observer.disconnect()
      el.removeEventListener('scroll', onScroll)
      cancelAnimationFrame(frame)
    })
  })

  return { width, height, scrollTop, fast: () => fast }
}

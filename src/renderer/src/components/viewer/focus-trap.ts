const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), video[controls], audio[controls], [tabindex]:not([tabindex="-1"])'

const visible = (el: HTMLElement): boolean => el.getClientRects().length > 0

/**
 * Keeps Tab inside a modal: from the last control it wraps to the first and back. Returns the
 * keydown handler to call from the modal's own keydown listener.
 */
export function focusTrap(container: () => HTMLElement | undefined) {
  return (event: KeyboardEvent): void => {
    const root = container()
    if (event.key !== 'Tab' || !root) return
    const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(visible)
    const first = items[0]
    const last = items.at(-1)
    if (!first || !last) {
      event.preventDefault()
      root.focus()
      return
    }
    const active = document.activeElement
    if (event.shiftKey && (active === first || active === root)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (active === last || !root.contains(active))) {
      event.preventDefault()
      first.focus()
    }
  }
}

/** Focus to give back when a modal closes: whatever had it when the modal opened. */
export function rememberFocus(): () => void {
  const before = document.activeElement
  return () => {
    if (before instanceof HTMLElement && before.isConnected) before.focus()
  }
}

/**
 * A focusout handler that takes focus back when it would fall to the page behind (a focused
 * control that disappears, a click on a non-focusable spot): keys must keep reaching the modal.
 */
export function keepFocusInside(container: () => HTMLElement | undefined) {
  return (event: FocusEvent): void => {
    if (event.relatedTarget) return
    queueMicrotask(() => {
      const root = container()
      const active = document.activeElement
      if (root?.isConnected && (!active || active === document.body)) root.focus()
    })
  }
}

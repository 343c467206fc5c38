export interface ViewerKeyActions {
  /** Keeps Tab inside the dialog. */
  trap: (event: KeyboardEvent) => void
  focusDialog: () => void
  close: () => void
  move: (delta: -1 | 1) => void
  first: () => void
  last: () => void
  toggleInspector: () => void
  zoomIn: () => void
  zoomOut: () => void
  fit: () => void
  actual: () => void
}

const isTyping = (el: HTMLElement): boolean =>
  el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)

/** Controls that use these keys themselves: tabs and stars take arrows, players take Space. */
const OWNS_ARROWS = '[role="tablist"], [role="radiogroup"], video, audio'
const OWNS_SPACE = 'button, a, summary, [role="tab"], [role="radio"], video, audio'

/**
 * The viewer's keyboard, as one keydown listener on the dialog itself (not the document): the
 * dialog is modal, so no key reaches the gallery or the app's shortcuts behind it.
 */
export function viewerKeys(actions: ViewerKeyActions): (event: KeyboardEvent) => void {
  return (event) => {
    actions.trap(event)
    event.stopPropagation()
    if (event.defaultPrevented || event.key === 'Tab') return
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const target = event.target instanceof HTMLElement ? event.target : null
    if (target && isTyping(target)) {
      // The first Esc leaves the field (its own handler has already undone the edit).
      if (event.key === 'Escape') {
        event.preventDefault()
        actions.focusDialog()
      }
      return
    }
    const inside = (selector: string): boolean => target?.closest(selector) != null
    const handled = ((): boolean => {
      switch (event.key) {
        case 'Escape':
          actions.close()
          return true
        case ' ':
          if (inside(OWNS_SPACE)) return false
          actions.close()
          return true
        case 'ArrowLeft':
        case 'ArrowRight':
          if (inside(OWNS_ARROWS)) return false
          actions.move(event.key === 'ArrowLeft' ? -1 : 1)
          return true
        case 'Home':
        case 'End':
          if (inside(OWNS_ARROWS)) return false
          if (event.key === 'Home') actions.first()
          else actions.last()
          return true
        case 'i':
        case 'I':
          actions.toggleInspector()
          return true
        case '+':
        case '=':
          actions.zoomIn()
          return true
        case '-':
        case '_':
          actions.zoomOut()
          return true
        case '0':
          actions.fit()
          return true
        case '1':
          actions.actual()
          return true
        default:
          return false
      }
    })()
    if (handled) event.preventDefault()
  }
}

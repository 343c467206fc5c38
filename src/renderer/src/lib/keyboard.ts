export interface ShortcutOptions {
  /** `/` and Ctrl/Cmd+K: focus the search field. */
  onSearch: () => void
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
}

/** Installs the app-wide shortcuts; returns the function that removes them. */
export function installShortcuts(options: ShortcutOptions): () => void {
  const handler = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey) return
    const mod = event.ctrlKey || event.metaKey
    if (mod && !event.shiftKey && event.key.toLowerCase() === 'k') {
      event.preventDefault()
      options.onSearch()
    } else if (!mod && event.key === '/' && !isTyping(event.target)) {
      event.preventDefault()
      options.onSearch()
    }
  }
  document.addEventListener('keydown', handler)
  return () => document.removeEventListener('keydown', handler)
}

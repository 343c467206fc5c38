import { createSignal, onCleanup } from 'solid-js'

/** How long typing pauses before the gallery searches (one query per word, not per key). */
const DEBOUNCE_MS = 250

/**
 * The top bar's search field. `query` is what is typed; `text` is what the gallery searches,
 * following the field after a pause (Enter applies it at once).
 */
export function createSearchStore() {
  const [query, setQueryNow] = createSignal('')
  const [text, setText] = createSignal('')
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))

  const apply = (): void => {
    clearTimeout(timer)
    setText(query().trim())
  }

  return {
    query,
    text,
    setQuery(value: string) {
      setQueryNow(value)
      clearTimeout(timer)
      timer = setTimeout(apply, DEBOUNCE_MS)
    },
    submit: apply,
    clear() {
      setQueryNow('')
      apply()
    },
  }
}

export type SearchStore = ReturnType<typeof createSearchStore>

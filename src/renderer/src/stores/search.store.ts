import { createSignal } from 'solid-js'

/** The search field. There is no index to search yet, so a search only shows a notice. */
export function createSearchStore() {
  const [query, setQuery] = createSignal('')
  const [submitted, setSubmitted] = createSignal<string | null>(null)

  return {
    query,
    setQuery,
    /** The last query sent with Enter, while its notice is shown. */
    submitted,
    submit() {
      const q = query().trim()
      setSubmitted(q === '' ? null : q)
    },
    dismiss: () => setSubmitted(null),
    clear() {
      setQuery('')
      setSubmitted(null)
    },
  }
}

export type SearchStore = ReturnType<typeof createSearchStore>

import { createSignal, onCleanup } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type { MethodArgs } from '../../../shared/contract'
import type { Root } from '../../../shared/domain'
import { ApiCallError, call, messageOf, on, onReconnect } from '../lib/api'

/**
 * The library folders, kept live by `roots.changed`. Rows keep their identity across updates
 * (reconcile by id), so a row being edited survives an event about another one.
 */
export function createRootsStore() {
  const [state, setState] = createStore({ roots: [] as Root[], loaded: false })
  const [error, setError] = createSignal<string | null>(null)
  const [loadError, setLoadError] = createSignal<string | null>(null)

  const replace = (roots: Root[]): void => {
    setState('roots', reconcile(roots, { key: 'id' }))
    setState('loaded', true)
  }
  const upsert = (root: Root): void => {
    const index = state.roots.findIndex((r) => r.id === root.id)
    setState('roots', index < 0 ? state.roots.length : index, root)
  }

  const load = async (): Promise<void> => {
    try {
      replace(await call('roots.list'))
      setLoadError(null)
    } catch (e) {
      setLoadError(`The library folders could not be loaded. ${messageOf(e)}`)
    }
  }
  void load()
  onCleanup(on('roots.changed', (payload) => replace(payload.roots)))
  onCleanup(onReconnect(() => void load()))

  const byId = (id: number): Root | undefined => state.roots.find((r) => r.id === id)

  /** Throws ApiCallError: the add form shows the core's message next to the field. */
  const add = async (args: MethodArgs<'roots.add'>): Promise<Root> => {
    const root = await call('roots.add', args)
    // Its roots.changed events came first and may be newer (a scan starts at once).
    if (!byId(root.id)) upsert(root)
    return root
  }

  const rename = async (id: number, label: string): Promise<void> => {
    const before = byId(id)?.label
    const next = label.trim()
    if (before === undefined || next === '' || next === before) return
    setState('roots', (r) => r.id === id, 'label', next)
    try {
      upsert(await call('roots.update', { id, label: next }))
    } catch (e) {
      setState('roots', (r) => r.id === id && r.label === next, 'label', before)
      setError(`“${before}” was not renamed. ${messageOf(e)}`)
    }
  }

  const remove = async (id: number): Promise<void> => {
    const index = state.roots.findIndex((r) => r.id === id)
    const removed = state.roots[index]
    if (!removed) return
    const snapshot = { ...removed }
    setState('roots', (roots) => roots.filter((r) => r.id !== id))
    try {
      // The row showed what uses the root (graph.impact) before the user confirmed.
      await call('roots.remove', { id, confirm: true })
    } catch (e) {
      // Already gone is what the user wanted.
      if (e instanceof ApiCallError && e.code === 'NOT_FOUND') return
      if (!byId(id)) {
        setState('roots', (roots) => roots.toSpliced(Math.min(index, roots.length), 0, snapshot))
      }
      setError(`“${snapshot.label}” was not removed. ${messageOf(e)}`)
    }
  }

  return {
    get roots() {
      return state.roots
    },
    get loaded() {
      return state.loaded
    },
    byId,
    add,
    rename,
    remove,
    /** Why the list could not be loaded; cleared by the next successful load. */
    loadError,
    reload: load,
    /** The last failed rename or removal, already rolled back. */
    error,
    dismissError: () => setError(null),
  }
}

export type RootsStore = ReturnType<typeof createRootsStore>

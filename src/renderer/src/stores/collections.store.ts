import { createSignal, onCleanup } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type { Collection, CollectionKind } from '../../../shared/domain'
import { call, messageOf, onReconnect } from '../lib/api'

/** The albums and playlists (names, counts, running times, the album tree); create, rename, delete, nest. */
export function createCollectionsStore() {
  const [state, setState] = createStore({
    playlist: [] as Collection[],
    album: [] as Collection[],
    loaded: false,
  })
  const [error, setError] = createSignal<string | null>(null)

  const load = async (): Promise<void> => {
    try {
      const [playlists, albums] = await Promise.all([
        call('collections.list', { kind: 'playlist' }),
        call('collections.list', { kind: 'album' }),
      ])
      setState('playlist', reconcile(playlists, { key: 'id' }))
      setState('album', reconcile(albums, { key: 'id' }))
      setState('loaded', true)
    } catch (e) {
      setError(`The collections could not be loaded. ${messageOf(e)}`)
    }
  }
  void load()
  onCleanup(onReconnect(() => void load()))

  /** Runs a change, reloads the lists, and reports a failure; true when it worked. */
  const act = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work()
      setError(null)
      return true
    } catch (e) {
      setError(messageOf(e))
      return false
    } finally {
      await load()
    }
  }

  return {
    list: (kind: CollectionKind) => state[kind],
    loaded: () => state.loaded,
    error,
    dismissError: () => setError(null),
    create: (kind: CollectionKind, name: string) =>
      act(() => call('collections.create', { kind, name })),
    rename: (kind: CollectionKind, name: string, newName: string) =>
      act(() => call('collections.rename', { kind, name, newName })),
    remove: (kind: CollectionKind, name: string) =>
      // The dialog showed what uses it (graph.impact) before the user confirmed.
      act(() => call('collections.remove', { kind, name, confirm: true })),
    /** Counts change elsewhere too (a playlist's page, a drop from the gallery). */
    reload: load,
    /** An album inside another; null: the top level. */
    move: (name: string, parent: string | null) =>
      act(() => call('collections.move', { name, parent })),
  }
}

export type CollectionsStore = ReturnType<typeof createCollectionsStore>

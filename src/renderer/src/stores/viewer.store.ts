import { createSignal, onCleanup } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type { Asset } from '../../../shared/domain'
import { call, messageOf, on, onReconnect } from '../lib/api'

/** Records kept at once: the one shown, its neighbours, and the duplicates/similar lists. */
const KEEP = 80

/**
 * Full asset records for the viewer and the inspector, by id. A small cache (the gallery holds
 * the lean rows; this holds only what is open and what is about to be), refreshed by
 * `assets.changed`, with optimistic edits that roll back when the core refuses them.
 */
export function createAssetDetails() {
  const [records, setRecords] = createStore<Record<number, Asset | undefined>>({})
  const [failures, setFailures] = createStore<Record<number, string | undefined>>({})
  const [editError, setEditError] = createSignal<string | null>(null)
  const inFlight = new Map<number, Promise<Asset | null>>()
  // Most recently used last: the first ones are dropped when the cache is full.
  const recent: number[] = []

  const touch = (id: number): void => {
    const at = recent.indexOf(id)
    if (at >= 0) recent.splice(at, 1)
    recent.push(id)
    while (recent.length > KEEP) {
      const dropped = recent.shift()!
      setRecords(dropped, undefined)
      setFailures(dropped, undefined)
    }
  }

  const fetchOne = (id: number): Promise<Asset | null> => {
    const running = inFlight.get(id)
    if (running) return running
    const request = call('assets.get', { id })
      .then((asset) => {
        setRecords(id, reconcile(asset))
        setFailures(id, undefined)
        return asset
      })
      .catch((e: unknown) => {
        setFailures(id, messageOf(e))
        return null
      })
      .finally(() => inFlight.delete(id))
    inFlight.set(id, request)
    return request
  }

  /** The record, from the cache when it is there; null when the core could not give it. */
  const load = (id: number): Promise<Asset | null> => {
    touch(id)
    const cached = records[id]
    return cached ? Promise.resolve(cached) : fetchOne(id)
  }

  // `recent` (not the store) says what is cached: these run from events, outside any tracking.
  const refresh = (ids: readonly number[]): void => {
    for (const id of ids) if (recent.includes(id)) void fetchOne(id)
  }
  onCleanup(
    on('assets.changed', (change) => {
      refresh(change.changed)
      for (const id of change.removed) {
        if (recent.includes(id)) setFailures(id, 'This file was removed from the library.')
      }
    }),
  )
  onCleanup(onReconnect(() => refresh([...recent])))

  /** Applies `patch` at once and sends it; puts the old values back if the core says no. */
  const edit = async (
    id: number,
    patch: Partial<Pick<Asset, 'title' | 'description' | 'rating'>>,
  ): Promise<void> => {
    const before = records[id]
    if (!before) return
    const undo = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof Asset]]))
    setRecords(id, patch)
    try {
      await call('assets.update', { selection: { ids: [id] }, ...patch })
      setEditError(null)
    } catch (e) {
      setRecords(id, undo)
      setEditError(`The change to “${before.name}” was not saved. ${messageOf(e)}`)
    }
  }

  const tag = async (id: number, change: { add?: string[]; remove?: string[] }): Promise<void> => {
    const before = records[id]
    if (!before) return
    // A copy: `before` is a live store proxy, and its tags are about to change.
    const oldTags = before.tags.map((t) => ({ ...t }))
    const removing = new Set(change.remove ?? [])
    const kept = oldTags.filter((t) => !removing.has(t.name))
    const added = (change.add ?? [])
      .filter((name) => !kept.some((t) => t.name === name))
      // Negative ids mark tags the core has not numbered yet; the refetch brings the real ones.
      .map((name, i) => ({ id: -1 - i, name }))
    setRecords(id, 'tags', [...kept, ...added])
    try {
      await call('tags.apply', { selection: { ids: [id] }, ...change })
      setEditError(null)
      void fetchOne(id)
    } catch (e) {
      setRecords(id, 'tags', oldTags)
      setEditError(`The tags of “${before.name}” were not saved. ${messageOf(e)}`)
    }
  }

  return {
    /** The record if it is loaded (reactive). */
    get: (id: number): Asset | undefined => records[id],
    /** Why the record could not be loaded (reactive). */
    failure: (id: number): string | undefined => failures[id],
    load,
    edit,
    tag,
    /** The last edit the core refused, already rolled back. */
    editError,
    dismissEditError: () => setEditError(null),
  }
}

export type AssetDetails = ReturnType<typeof createAssetDetails>

import { createSignal, onCleanup } from 'solid-js'
import type { VirtualItemInput } from '../../../shared/contract'
import type { CollectionDetail, CollectionKind } from '../../../shared/domain'
import { call, messageOf, onReconnect } from '../lib/api'
import { createLatestAnswer } from '../lib/latest-answer'

/**
 * One album's or playlist's items: reorder (optimistic, rolled back when the core refuses),
 * durations, removal, and which items are checked for bulk actions.
 */
export function createCollectionStore(kind: CollectionKind, name: string) {
  const [detail, setDetail] = createSignal<CollectionDetail | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [checked, setChecked] = createSignal<ReadonlySet<number>>(new Set())

  const load = async (): Promise<void> => {
    try {
      setDetail(await call('collections.get', { kind, name }))
    } catch (e) {
      setError(messageOf(e))
    }
  }
  void load()
  onCleanup(onReconnect(() => void load()))

  const changes = createLatestAnswer<CollectionDetail>((answer) => setDetail(answer))
  const apply = async (work: () => Promise<CollectionDetail>): Promise<void> => {
    try {
      await changes.send(work)
      setError(null)
    } catch (e) {
      setError(messageOf(e))
      await load()
    }
  }

  /** Moves an item to `index` in the list; the row moves at once, the core confirms. */
  const moveTo = (itemId: number, index: number): void => {
    const current = detail()
    if (!current || kind !== 'playlist') return
    const items = [...current.items]
    const from = items.findIndex((i) => i.id === itemId)
    const to = Math.max(0, Math.min(items.length - 1, index))
    if (from < 0 || from === to) return
    items.splice(to, 0, ...items.splice(from, 1))
    setDetail({ ...current, items })
    void apply(() =>
      call('collections.reorder', { name: current.name, itemIds: items.map((i) => i.id) }),
    )
  }

  const toggle = (itemId: number): void => {
    setChecked((set) => {
      const next = new Set(set)
      if (!next.delete(itemId)) next.add(itemId)
      return next
    })
  }

  /** The collection's current name (it may have been renamed since the page opened). */
  const currentName = (): string => detail()?.name ?? name

  const setDuration = (itemIds: number[], durationMs: number | null): Promise<void> => {
    const target = currentName()
    return apply(() => call('collections.setDuration', { name: target, itemIds, durationMs }))
  }

  const removeItems = async (itemIds: number[]): Promise<void> => {
    const target = currentName()
    await apply(() => call('collections.removeItems', { kind, name: target, itemIds }))
    setChecked((set) => new Set([...set].filter((id) => !itemIds.includes(id))))
  }

  /** The cover, from this collection's items; null: its first item. */
  const setCover = async (assetId: number | null): Promise<void> => {
    try {
      await call('collections.setCover', { kind, name: currentName(), assetId })
      setError(null)
    } catch (e) {
      setError(messageOf(e))
    }
    await load()
  }

  /** Web pages and integrations; the dialog shows a refusal, so it is returned, not bannered. */
  const addItems = async (items: VirtualItemInput[]): Promise<string | null> => {
    try {
      setDetail(await call('collections.addItems', { name: currentName(), items }))
      return null
    } catch (e) {
      return messageOf(e)
    }
  }

  return {
    addItems,
    detail,
    setCover,
    error,
    dismissError: () => setError(null),
    checked,
    toggle,
    checkAll: (on: boolean) =>
      setChecked(new Set(on ? (detail()?.items.map((i) => i.id) ?? []) : [])),
    moveTo,
    /** Alt+↑ / Alt+↓: one place up or down. */
    move: (itemId: number, delta: -1 | 1) => {
      const index = detail()?.items.findIndex((i) => i.id === itemId) ?? -1
      if (index >= 0) moveTo(itemId, index + delta)
    },
    setDuration,
    removeItems,
  }
}

export type CollectionStore = ReturnType<typeof createCollectionStore>

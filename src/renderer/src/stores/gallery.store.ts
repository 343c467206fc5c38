import {
  batch,
  createEffect,
  createSignal,
  on as whenChanged,
  onCleanup,
  type Signal,
} from 'solid-js'
import type { AssetRow, GalleryQuery } from '../../../shared/domain'
import { call, messageOf, on, onReconnect } from '../lib/api'
import { followsProcessing, PAGE_SIZE, PageWindow } from '../lib/gallery-window'
import type { GridGroup } from '../lib/grid-layout'
import type { GalleryQueryStore } from './gallery-query.store'

/** Processing order follows the screen; asked at most this often while scrolling. */
const PRIORITIZE_MS = 400
/** Added or removed assets move every position: total, groups and pages are refetched at most this often. */
const RECOUNT_MS = 1000

/**
 * The gallery's data: the query's total and group counts, and a sparse window of rows (never
 * the whole library). The grid reports what it shows with `setView`; tiles read `rowAt(index)`,
 * which tracks only the signal of that row's page.
 */
export function createGalleryStore(q: GalleryQueryStore) {
  const [total, setTotal] = createSignal<number | null>(null)
  const [groups, setGroups] = createSignal<GridGroup[] | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  /** Bumped when the question changes: the grid scrolls back to the top. */
  const [generation, setGeneration] = createSignal(0)
  const [openIndex, setOpenIndex] = createSignal<number | null>(null)

  const pageSignals = new Map<number, Signal<number>>()
  const pageSignal = (page: number): Signal<number> => {
    const known = pageSignals.get(page)
    if (known) return known
    const signal = createSignal(0) // eslint-disable-line solid/reactivity -- read by rowAt, which tiles call in their own scopes
    pageSignals.set(page, signal)
    return signal
  }
  let asked: GalleryQuery = q.query()
  const pages = new PageWindow({
    fetchPage: (request) => call('assets.page', { ...asked, ...request, count: false }),
    onPage: (page) => {
      pageSignal(page)[1]((n) => n + 1)
      schedulePrioritize()
    },
    onError: (e) => setError(`Part of the gallery could not be loaded. ${messageOf(e)}`),
  })

  let loads = 0
  const loadFirst = async (): Promise<void> => {
    const mine = ++loads
    asked = q.query()
    pages.reset()
    try {
      const first = await call('assets.page', { ...asked, offset: 0, limit: PAGE_SIZE })
      if (mine !== loads) return
      batch(() => {
        pages.put(0, first)
        setTotal(first.total ?? first.items.length)
        setError(null)
      })
    } catch (e) {
      if (mine === loads) setError(`The gallery could not be loaded. ${messageOf(e)}`)
    }
  }

  let groupLoads = 0
  const loadGroups = async (): Promise<void> => {
    const mine = ++groupLoads
    const by = q.grouping()
    if (by === 'none') return void setGroups(null)
    try {
      const answer = await call('assets.groups', { ...q.query(), by })
      if (mine === groupLoads) setGroups(answer)
    } catch (e) {
      if (mine === groupLoads) setError(`The groups could not be counted. ${messageOf(e)}`)
    }
  }

  createEffect(
    whenChanged(q.query, () => {
      setGeneration((n) => n + 1)
      setOpenIndex(null)
      void loadFirst()
    }),
  )
  createEffect(whenChanged([q.query, q.grouping], () => void loadGroups()))

  /**
   * A recount keeps the rows on screen: the window refetches them in place. At most one runs
   * per RECOUNT_MS however many batches arrive (processing sends about four a second).
   */
  let recountTimer: ReturnType<typeof setTimeout> | undefined
  const recount = (): void => {
    if (recountTimer) return
    recountTimer = setTimeout(async () => {
      recountTimer = undefined
      const mine = loads
      try {
        const head = await call('assets.page', { ...asked, offset: 0, limit: 1 })
        if (mine === loads) setTotal(head.total ?? 0)
      } catch (e) {
        setError(messageOf(e))
      }
      pages.refreshAll()
      void loadGroups()
    }, RECOUNT_MS)
  }
  onCleanup(() => clearTimeout(recountTimer))
  onCleanup(
    on('assets.changed', (change) => {
      if (change.resync || change.added.length || change.removed.length) return recount()
      if (!change.changed.length) return
      pages.refreshIds(change.changed)
      // Processing can move assets into, out of or along this query: count and place again.
      if (followsProcessing(asked)) recount()
    }),
  )
  onCleanup(
    onReconnect(() => {
      void loadFirst()
      void loadGroups()
    }),
  )

  // Tell the core what is on screen, so it processes that first.
  let view = { first: 0, last: -1 }
  let prioritizeTimer: ReturnType<typeof setTimeout> | undefined
  let lastPrioritized = ''
  const prioritize = (): void => {
    const ids: number[] = []
    for (let i = view.first; i <= view.last; i++) {
      const row = pages.rowAt(i)
      if (row && (row.status === 'queued' || row.status === 'discovered')) ids.push(row.id)
    }
    const key = ids.join(',')
    if (!ids.length || key === lastPrioritized) return
    lastPrioritized = key
    call('jobs.prioritize', { assetIds: ids }).catch(() => {
      // Only an ordering hint: the work still happens, in its usual order.
      lastPrioritized = ''
    })
  }
  const schedulePrioritize = (): void => {
    clearTimeout(prioritizeTimer)
    prioritizeTimer = setTimeout(prioritize, PRIORITIZE_MS)
  }
  onCleanup(() => clearTimeout(prioritizeTimer))

  const rowAt = (index: number): AssetRow | undefined => {
    pageSignal(Math.floor(index / PAGE_SIZE))[0]()
    return pages.rowAt(index)
  }

  /** The id at a position, loaded or not (the viewer moves beyond what the grid holds). */
  const idAt = async (index: number): Promise<number | null> => {
    const loaded = pages.rowAt(index)
    if (loaded) return loaded.id
    if (index < 0 || index >= (total() ?? 0)) return null
    const page = await call('assets.page', { ...asked, offset: index, limit: 1, count: false })
    return page.items[0]?.id ?? null
  }

  return {
    query: () => asked,
    idAt,
    total,
    groups,
    error,
    dismissError: () => setError(null),
    generation,
    rowAt,
    /** The grid's visible indexes (plus margin); `fast` while the scrollbar is being dragged. */
    setView(first: number, last: number, fast: boolean) {
      view = { first, last }
      pages.setView(first, last, fast)
      schedulePrioritize()
    },
    /** The viewer: open at a position of the query, or closed (null). */
    openIndex,
    setOpenIndex,
    reload: () => void loadFirst(),
  }
}

export type GalleryStore = ReturnType<typeof createGalleryStore>

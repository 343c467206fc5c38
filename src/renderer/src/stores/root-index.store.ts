import { onCleanup } from 'solid-js'
import { createStore } from 'solid-js/store'
import type { AssetQuery } from '../../../shared/contract'
import { ASSET_TYPES, type Asset, type AssetType } from '../../../shared/domain'
import { call, messageOf, on, onReconnect } from '../lib/api'

/** How many files of a root the index holds, by status and by type. */
export interface IndexSummary {
  /** Every row, missing ones included. */
  all: number
  /** Discovered, queued or being processed. */
  waiting: number
  ready: number
  failed: number
  missing: number
  byType: Record<AssetType, number>
}

export interface RootIndex {
  summary: IndexSummary | null
  /** The first files of the root, in the order they were indexed. */
  files: Asset[]
  error: string | null
}

const FILES_SHOWN = 50

/**
 * What the index holds for the roots on screen. A view watches a root while it shows it; the
 * numbers are refetched when a scan of it ends, when its status or last scan time changes, and
 * as processing makes progress.
 */
export function createRootIndexStore() {
  const [state, setState] = createStore<Record<number, RootIndex>>({})
  const watchers = new Map<number, number>()
  const inFlight = new Set<number>()
  const again = new Set<number>()

  const fetchIndex = async (rootId: number): Promise<RootIndex> => {
    const count = (query: AssetQuery) =>
      call('assets.list', { ...query, rootId, limit: 1 }).then((page) => page.total ?? 0)
    const [page, discovered, queued, processing, ready, failed, missing, ...types] =
      await Promise.all([
        call('assets.list', { rootId, limit: FILES_SHOWN }),
        count({ status: 'discovered' }),
        count({ status: 'queued' }),
        count({ status: 'processing' }),
        count({ status: 'ready' }),
        count({ status: 'failed' }),
        count({ status: 'missing' }),
        ...ASSET_TYPES.map((type) => count({ type })),
      ])
    const byType = Object.fromEntries(ASSET_TYPES.map((t, i) => [t, types[i] ?? 0]))
    return {
      summary: {
        all: page.total ?? 0,
        waiting: discovered + queued + processing,
        ready,
        failed,
        missing,
        byType: byType as Record<AssetType, number>,
      },
      files: page.items,
      error: null,
    }
  }

  /** One fetch per root at a time; a refresh asked for meanwhile runs once it is done. */
  const load = async (rootId: number): Promise<void> => {
    if (inFlight.has(rootId)) {
      again.add(rootId)
      return
    }
    inFlight.add(rootId)
    try {
      setState(rootId, await fetchIndex(rootId))
    } catch (e) {
      const error = messageOf(e)
      setState(rootId, (before) => ({ ...(before ?? { summary: null, files: [] }), error }))
    } finally {
      inFlight.delete(rootId)
    }
    if (again.delete(rootId) && watchers.has(rootId)) await load(rootId)
  }
  const loadWatched = (): void => [...watchers.keys()].forEach((id) => void load(id))

  onCleanup(
    on('scan.progress', (progress) => {
      if (progress.phase === 'done' && watchers.has(progress.rootId)) void load(progress.rootId)
    }),
  )
  // Only what a scan's start or end changes is worth a refetch (the counts are not free).
  const seen = new Map<number, string>()
  onCleanup(
    on('roots.changed', ({ roots }) => {
      for (const root of roots) {
        const signature = `${root.status} ${root.lastScanAt}`
        if (seen.get(root.id) === signature) continue
        seen.set(root.id, signature)
        if (watchers.has(root.id) && root.status !== 'scanning') void load(root.id)
      }
    }),
  )
  // Processing moves files from waiting to processed; the core sends at most one of these a
  // second, and a fetch asked for while one runs is folded into the next.
  onCleanup(on('jobs.progress', loadWatched))
  onCleanup(onReconnect(loadWatched))

  return {
    of: (rootId: number): RootIndex | undefined => state[rootId],
    /** Keeps the root's numbers fresh until the returned function is called. */
    watch(rootId: number): () => void {
      watchers.set(rootId, (watchers.get(rootId) ?? 0) + 1)
      void load(rootId)
      return () => {
        const left = (watchers.get(rootId) ?? 1) - 1
        if (left > 0) watchers.set(rootId, left)
        else watchers.delete(rootId)
      }
    },
  }
}

export type RootIndexStore = ReturnType<typeof createRootIndexStore>

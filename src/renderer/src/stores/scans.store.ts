import { createSignal, onCleanup } from 'solid-js'
import type { Root, RootStatus, ScanProgress } from '../../../shared/domain'
import { on, onReconnect } from '../lib/api'

/**
 * An offline root is checked again every few seconds and fails at once; a check only shows as
 * a scan once it has lasted this long (or got past checking), so the UI does not blink.
 */
const SHOW_CHECK_AFTER_MS = 1000

interface Running {
  progress: ScanProgress
  since: number
  shown: boolean
}

/** The scans running now, one per root, as `scan.progress` reports them. */
export function createScansStore() {
  const [running, setRunning] = createSignal<ReadonlyMap<number, Running>>(new Map())
  const endWaiters = new Map<number, ((end: ScanProgress | null) => void)[]>()

  /** Replaces one root's entry with what `change` makes of it (undefined removes it). */
  const update = (rootId: number, change: (entry?: Running) => Running | undefined): void => {
    setRunning((before) => {
      const entry = change(before.get(rootId))
      if (entry === before.get(rootId)) return before
      const next = new Map(before)
      if (entry) next.set(rootId, entry)
      else next.delete(rootId)
      return next
    })
  }

  const settle = (rootId: number, end: ScanProgress | null): void => {
    for (const resolve of endWaiters.get(rootId) ?? []) resolve(end)
    endWaiters.delete(rootId)
  }

  const follow = (progress: ScanProgress): void => {
    const { rootId } = progress
    if (progress.phase === 'done') {
      update(rootId, () => undefined)
      settle(rootId, progress)
      return
    }
    let first = false
    let since = 0
    update(rootId, (before) => {
      first = !before
      since = before?.since ?? Date.now()
      return { progress, since, shown: before?.shown || progress.phase !== 'checking' }
    })
    if (!first) return
    setTimeout(() => {
      update(rootId, (now) => (now?.since === since && !now.shown ? { ...now, shown: true } : now))
    }, SHOW_CHECK_AFTER_MS)
  }
  onCleanup(on('scan.progress', (progress) => follow(progress)))

  // A root the core no longer calls scanning has no scan, even if its last event was lost.
  const prune = (roots: readonly Root[]): void => {
    const scanning = new Set(roots.filter((r) => r.status === 'scanning').map((r) => r.id))
    setRunning((before) => {
      const kept = [...before].filter(([rootId]) => scanning.has(rootId))
      return kept.length === before.size ? before : new Map(kept)
    })
  }
  onCleanup(on('roots.changed', (payload) => prune(payload.roots)))
  // Events sent while disconnected are lost: start over, and let nobody wait for one of them.
  onCleanup(
    onReconnect(() => {
      setRunning(new Map())
      for (const rootId of [...endWaiters.keys()]) settle(rootId, null)
    }),
  )

  const progressOf = (rootId: number): ScanProgress | null => {
    const entry = running().get(rootId)
    return entry?.shown ? entry.progress : null
  }

  return {
    /** The scans worth showing, oldest first. */
    visible: (): ScanProgress[] =>
      [...running().values()]
        .filter((entry) => entry.shown)
        .sort((a, b) => a.since - b.since)
        .map((entry) => entry.progress),
    progressOf,
    /** Whether a scan of the root has been reported and not yet finished. */
    isRunning: (rootId: number): boolean => running().has(rootId),
    /** The status to show: a quick re-check of an offline root does not flash "Scanning". */
    statusOf: (root: Pick<Root, 'id' | 'status' | 'statusReason'>): RootStatus =>
      root.status === 'scanning' && root.statusReason !== null && !progressOf(root.id)
        ? 'offline'
        : root.status,
    /** Resolves with the root's 'done' event, or null when it cannot arrive any more. */
    endOf: (rootId: number): Promise<ScanProgress | null> =>
      new Promise((resolve) =>
        endWaiters.set(rootId, [...(endWaiters.get(rootId) ?? []), resolve]),
      ),
  }
}

export type ScansStore = ReturnType<typeof createScansStore>

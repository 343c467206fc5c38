import { createSignal } from 'solid-js'
import type { ScanResult } from '../../../shared/domain'
import { call, messageOf } from '../lib/api'
import type { RootsStore } from './roots.store'
import type { ScansStore } from './scans.store'

/** A scan the user asked for: running, or what it found, or why the call failed. */
export type Rescan =
  | { state: 'running'; confirmEmpty: boolean }
  | { state: 'done'; result: ScanResult; at: number; wasOffline: boolean }
  | { state: 'failed'; message: string; at: number }

/** "Rescan", "Check again" and "Mark its files missing": the calls and their outcomes. */
export function createRescansStore(roots: RootsStore, scans: ScansStore) {
  const [rescans, setRescans] = createSignal<ReadonlyMap<number, Rescan>>(new Map())

  const put = (rootId: number, rescan: Rescan | undefined): void => {
    setRescans((before) => {
      const next = new Map(before)
      if (rescan) next.set(rootId, rescan)
      else next.delete(rootId)
      return next
    })
  }

  /**
   * A long scan outlives the transport's wait for an answer, but its end still arrives as an
   * event; the root's status then says whether it completed.
   */
  const resultFromEvent = async (rootId: number, started: number): Promise<ScanResult | null> => {
    if (!scans.isRunning(rootId)) return null
    const end = await scans.endOf(rootId)
    if (!end) return null
    const root = roots.byId(rootId)
    const offline = root?.status === 'offline'
    return {
      rootId,
      status: offline ? 'aborted' : 'completed',
      reason: offline ? (root?.statusReason ?? null) : null,
      seen: end.seen,
      added: end.added,
      changed: end.changed,
      moved: end.moved,
      missing: end.missing,
      restored: end.restored,
      durationMs: Date.now() - started,
    }
  }

  const rescan = async (rootId: number, confirmEmpty = false): Promise<void> => {
    if (rescans().get(rootId)?.state === 'running') return
    put(rootId, { state: 'running', confirmEmpty })
    const started = Date.now()
    const wasOffline = (roots.byId(rootId)?.statusReason ?? null) !== null
    try {
      const [result] = await call('roots.scan', {
        ids: [rootId],
        ...(confirmEmpty ? { confirmEmpty } : {}),
      })
      put(rootId, result ? { state: 'done', result, at: Date.now(), wasOffline } : undefined)
    } catch (e) {
      const result = await resultFromEvent(rootId, started)
      put(
        rootId,
        result
          ? { state: 'done', result, at: Date.now(), wasOffline }
          : { state: 'failed', message: messageOf(e), at: Date.now() },
      )
    }
  }

  return {
    of: (rootId: number): Rescan | undefined => rescans().get(rootId),
    rescan: (rootId: number) => rescan(rootId),
    /** Marks what the index holds from an empty (or replaced) folder missing. */
    confirmEmpty: (rootId: number) => rescan(rootId, true),
    dismiss: (rootId: number) => put(rootId, undefined),
  }
}

export type RescansStore = ReturnType<typeof createRescansStore>

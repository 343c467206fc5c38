import { createSignal, onCleanup } from 'solid-js'
import type { ExportProgress, ExportRequest } from '../../../shared/contract'
import type { CollectionKind } from '../../../shared/domain'
import { exportsText } from '../lib/export-text'
import { call, messageOf, on, onReconnect } from '../lib/api'

interface Job {
  /** playlist:Lobby — one export per collection is followed at a time. */
  key: string
  label: string
  exportId: string | null
  progress: ExportProgress | null
  error: string | null
  running: boolean
}

/**
 * Exports started from this window, followed through `export.progress` (a few a second). It lives
 * at the root, not in the dialog: an export goes on in the core while the operator closes the
 * dialog or goes elsewhere, and the status bar and the dialog (opened again) still show it.
 */
export function createExportJobsStore() {
  const [jobs, setJobs] = createSignal<readonly Job[]>([])
  // Events can arrive before export.start answers with the id: the latest per id waits here.
  const unclaimed = new Map<string, ExportProgress>()

  const update = (key: string, change: (job: Job) => Job): void => {
    setJobs((all) => all.map((j) => (j.key === key ? change(j) : j)))
  }
  const apply = (job: Job, p: ExportProgress): Job => ({
    ...job,
    progress: p,
    error: p.phase === 'failed' ? (p.error ?? 'The export failed.') : job.error,
    running: p.phase !== 'done' && p.phase !== 'failed',
  })

  onCleanup(
    // An event listener, not a tracked scope: it reads the jobs once per event.
    // eslint-disable-next-line solid/reactivity
    on('export.progress', (p) => {
      const job = jobs().find((j) => j.exportId === p.exportId)
      if (job) update(job.key, (j) => apply(j, p))
      else unclaimed.set(p.exportId, p)
    }),
  )

  // Exports the core is running that this window does not follow (it was reloaded, or another
  // window started them) are followed from their latest progress.
  const adopt = async (): Promise<void> => {
    const running = await call('export.running').catch(() => [])
    const known = new Set(jobs().map((j) => j.exportId))
    const fresh = running
      .filter((r) => !known.has(r.exportId))
      .map((r): Job => {
        const { playlist, album } = r.source
        const job: Job = {
          key: playlist
            ? `playlist:${playlist}`
            : album
              ? `album:${album}`
              : `export:${r.exportId}`,
          label: playlist ?? album ?? 'Export',
          exportId: r.exportId,
          progress: null,
          error: null,
          running: true,
        }
        return r.progress ? apply(job, r.progress) : job
      })
    if (fresh.length > 0) setJobs((all) => [...all, ...fresh])
  }
  // Run once now and at each reconnect: it reads the jobs when it runs, tracking nothing.
  // eslint-disable-next-line solid/reactivity
  void adopt()
  // eslint-disable-next-line solid/reactivity
  onCleanup(onReconnect(() => void adopt()))

  const start = async (key: string, label: string, request: ExportRequest): Promise<void> => {
    const fresh: Job = { key, label, exportId: null, progress: null, error: null, running: true }
    setJobs((all) => [...all.filter((j) => j.key !== key), fresh])
    try {
      const { exportId } = await call('export.start', request)
      const early = unclaimed.get(exportId)
      unclaimed.delete(exportId)
      update(key, (j) => (early ? apply({ ...j, exportId }, early) : { ...j, exportId }))
    } catch (e) {
      update(key, (j) => ({ ...j, error: messageOf(e), running: false }))
    }
  }

  /** What the export dialog of one playlist or album follows. */
  const forCollection = (kind: CollectionKind, name: string) => {
    const key = `${kind}:${name}`
    const job = () => jobs().find((j) => j.key === key)
    return {
      progress: () => job()?.progress ?? null,
      error: () => job()?.error ?? null,
      running: () => job()?.running ?? false,
      start: (request: ExportRequest) => start(key, name, request),
      cancel: async (): Promise<void> => {
        const id = job()?.exportId
        if (id) await call('export.cancel', { exportId: id }).catch(() => undefined)
      },
      /** Forgets a finished export, so the dialog opens on a fresh form. */
      dismiss: (): void => {
        if (!job()?.running) setJobs((all) => all.filter((j) => j.key !== key))
      },
    }
  }

  return {
    forCollection,
    /** The status bar's line; null when nothing runs. */
    text: () => exportsText(jobs().filter((j) => j.running)),
  }
}

export type ExportJobsStore = ReturnType<typeof createExportJobsStore>

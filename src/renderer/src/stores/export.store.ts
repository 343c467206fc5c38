import { createSignal, onCleanup } from 'solid-js'
import type { ExportProgress, ExportRequest } from '../../../shared/contract'
import { call, messageOf, on } from '../lib/api'

/**
 * One export started from this page, followed through `export.progress` (the core sends a few a
 * second). The export runs in the core: closing the dialog or leaving the page does not stop it.
 */
export function createExportStore() {
  const [progress, setProgress] = createSignal<ExportProgress | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [running, setRunning] = createSignal(false)
  let exportId: string | null = null
  let starting = false
  // Events can arrive before export.start answers with the id: keep them until it does.
  let early: ExportProgress[] = []

  const follow = (p: ExportProgress): void => {
    if (p.exportId !== exportId) return
    setProgress(p)
    if (p.phase === 'failed') setError(p.error ?? 'The export failed.')
    if (p.phase === 'done' || p.phase === 'failed') setRunning(false)
  }
  onCleanup(
    on('export.progress', (p) => {
      if (starting) early.push(p)
      else follow(p)
    }),
  )

  return {
    progress,
    error,
    running,
    start: async (request: ExportRequest): Promise<void> => {
      setError(null)
      setProgress(null)
      setRunning(true)
      exportId = null
      early = []
      starting = true
      try {
        exportId = (await call('export.start', request)).exportId
        starting = false
        early.splice(0).forEach(follow)
      } catch (e) {
        starting = false
        setError(messageOf(e))
        setRunning(false)
      }
    },
    cancel: async (): Promise<void> => {
      if (exportId) await call('export.cancel', { exportId }).catch(() => undefined)
    },
  }
}

export type ExportStore = ReturnType<typeof createExportStore>

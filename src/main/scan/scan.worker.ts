import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../db/connection'
import { AssetIndexRepository } from '../repositories/asset-index.repository'
import { runScan, type ScanOutcome, type ScanRequest } from './scan-engine'

export interface ScanWorkerData {
  databasePath: string
  nativeBinding?: string | undefined
  request: ScanRequest
  /** Files modified more recently than this are left for the next scan (still being written). */
  settleMs: number
}

export type ScanWorkerMessage =
  | { type: 'alive' }
  | {
      type: 'progress'
      phase: 'checking' | 'walking' | 'reconciling'
      seen: number
      added: number
      changed: number
      moved: number
      missing: number
      restored: number
    }
  | { type: 'done'; outcome: ScanOutcome }
  | { type: 'failed'; message: string }

const INTERVAL_MS = 200

/** Scans one root on this worker's own database connection and reports back. */
export function scanOnWorker(
  data: ScanWorkerData,
  post: (message: ScanWorkerMessage) => void,
): void {
  const db = openDatabase(data.databasePath, { nativeBinding: data.nativeBinding })
  let lastPost = 0
  const due = (): boolean => {
    const now = Date.now()
    if (now - lastPost < INTERVAL_MS) return false
    lastPost = now
    return true
  }
  try {
    const outcome = runScan(
      new AssetIndexRepository(db),
      data.request,
      (progress) => {
        if (progress.phase !== 'walking' || due())
          post({ type: 'progress', ...progress } as ScanWorkerMessage)
      },
      () => {
        if (due()) post({ type: 'alive' })
      },
      Date.now,
      data.settleMs,
    )
    post({ type: 'done', outcome })
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  } finally {
    db.close()
  }
}

if (parentPort) {
  const port = parentPort
  scanOnWorker(workerData as ScanWorkerData, (message) => port.postMessage(message))
}

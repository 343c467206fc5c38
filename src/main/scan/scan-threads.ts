import { MessageChannel, type TransferListItem, type Worker } from 'node:worker_threads'
import { startWorker, takePrestarted, type WorkerSpec, type WorkerSpecs } from '../workers'
import type { ScanWorkerData } from './scan.worker'
import { FLOW_COUNTERS } from './walk-flow'
import type { WalkWorkerData } from './walk.worker'

/** What a scan worker is started with, before its walker is joined to it. */
export type ScanThreadsData = Omit<ScanWorkerData, 'walker'>

export interface ScanThreads {
  /** The database side: compares, writes, reports. */
  scan: Worker
  /** The filesystem side: every call on the root, listings streamed to `scan`. */
  walker: Worker
}

/**
 * Starts a scan's two threads at once, joined by a channel (the walker's listings) and a shared
 * flow-control counter. Started by the scan worker, the walker booted only once that thread had
 * booted and loaded its code: its first listing came ~60 ms later, and both a rescan (which
 * waits on the walker) and a first scan (whose inserts wait for the first listings) waited for
 * it. The caller owns both threads: it stops the walker when the scan ends.
 */
export function startScanThreads(specs: WorkerSpecs, data: ScanThreadsData): ScanThreads {
  const flow = new SharedArrayBuffer(FLOW_COUNTERS * Int32Array.BYTES_PER_ELEMENT)
  const { port1, port2 } = new MessageChannel()
  const { request } = data
  const walkData: WalkWorkerData = {
    root: request.rootPath,
    exclusions: request.exclusions,
    indexAllFiles: request.indexAllFiles,
    statViaFolder: request.network,
    flow,
    port: port1,
  }
  const walker = launch(specs('walk'), walkData, [port1])
  const scanData: ScanWorkerData = { ...data, walker: { port: port2, flow } }
  const scan = launch(specs('scan'), scanData, [port2])
  return { scan, walker }
}

/**
 * Starts a thread, or hands its data to one the CLI started while the core was loading
 * (prestartWorkers with null data: both scan threads wait for their data as first message).
 */
function launch(spec: WorkerSpec, data: unknown, transfer: TransferListItem[]): Worker {
  const early = takePrestarted(spec)
  if (!early) return startWorker(spec, data, transfer)
  early.worker.postMessage(data, transfer)
  return early.worker
}

import {
  MessageChannel,
  type MessagePort,
  type TransferListItem,
  type Worker,
} from 'node:worker_threads'
import {
  startWorker,
  takePrestarted,
  type Prestarted,
  type WorkerSpec,
  type WorkerSpecs,
} from '../workers'
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

/** What a walk lists: everything in WalkWorkerData but its channel. */
export type WalkTarget = Pick<
  WalkWorkerData,
  'root' | 'exclusions' | 'indexAllFiles' | 'statViaFolder'
>

/**
 * A walker given its root before the scan was started (a CLI rescan, while the core loads):
 * what it walks, and the scan worker's end of its channel, where its listings wait.
 */
export interface EarlyWalk {
  target: WalkTarget
  port: MessagePort
  flow: SharedArrayBuffer
}

/**
 * Starts a scan's two threads at once, joined by a channel (the walker's listings) and a shared
 * flow-control counter. Started by the scan worker, the walker booted only once that thread had
 * booted and loaded its code: its first listing came ~60 ms later, and both a rescan (which
 * waits on the walker) and a first scan (whose inserts wait for the first listings) waited for
 * it. The caller owns both threads: it stops the walker when the scan ends.
 */
export function startScanThreads(specs: WorkerSpecs, data: ScanThreadsData): ScanThreads {
  const { request } = data
  const target: WalkTarget = {
    root: request.rootPath,
    exclusions: request.exclusions,
    indexAllFiles: request.indexAllFiles,
    statViaFolder: request.network,
  }
  const { walker, port, flow } = walkerFor(specs('walk'), target)
  const scanData: ScanWorkerData = { ...data, walker: { port, flow } }
  const scan = launch(specs('scan'), scanData, [port])
  return { scan, walker }
}

/**
 * Gives a prestarted walker its root at once (docs/indexing.md, "Speed", round 6): it lists
 * while the core loads, as far ahead as flow control lets it, and its listings wait in the
 * channel for the scan worker. The scan takes it only if it walks what the scan asks for.
 */
export function startEarlyWalk(walker: Prestarted, target: WalkTarget): void {
  const { data, scanEnd } = channel(target)
  walker.worker.postMessage(data, [data.port])
  const early: EarlyWalk = { target, ...scanEnd }
  walker.early = early
}

/** The walker for `target`: one that already walks it, or a new one. */
function walkerFor(
  spec: WorkerSpec,
  target: WalkTarget,
): { walker: Worker } & ScanWorkerData['walker'] {
  const prestarted = takePrestarted(spec)
  const early = prestarted?.early as EarlyWalk | undefined
  if (prestarted && early && sameWalk(early.target, target)) {
    return { walker: prestarted.worker, port: early.port, flow: early.flow }
  }
  if (prestarted && early) {
    // It walks something else: end it, and its listings with it.
    early.port.close()
    void prestarted.worker.terminate()
  }
  const { data, scanEnd } = channel(target)
  const walker =
    prestarted && !early
      ? post(prestarted.worker, data, [data.port])
      : startWorker(spec, data, [data.port])
  return { walker, ...scanEnd }
}

/** A walk's data, and the scan worker's end of its channel and flow-control counters. */
function channel(target: WalkTarget): {
  data: WalkWorkerData
  scanEnd: ScanWorkerData['walker']
} {
  const flow = new SharedArrayBuffer(FLOW_COUNTERS * Int32Array.BYTES_PER_ELEMENT)
  const { port1, port2 } = new MessageChannel()
  return { data: { ...target, flow, port: port1 }, scanEnd: { port: port2, flow } }
}

function sameWalk(a: WalkTarget, b: WalkTarget): boolean {
  return (
    a.root === b.root &&
    a.indexAllFiles === b.indexAllFiles &&
    a.statViaFolder === b.statViaFolder &&
    a.exclusions.length === b.exclusions.length &&
    a.exclusions.every((pattern, i) => pattern === b.exclusions[i])
  )
}

/**
 * Starts a thread, or hands its data to one the CLI started while the core was loading
 * (prestartWorkers with null data: both scan threads wait for their data as first message).
 */
function launch(spec: WorkerSpec, data: unknown, transfer: TransferListItem[]): Worker {
  const early = takePrestarted(spec)
  return early ? post(early.worker, data, transfer) : startWorker(spec, data, transfer)
}

function post(worker: Worker, data: unknown, transfer: TransferListItem[]): Worker {
  worker.postMessage(data, transfer)
  return worker
}

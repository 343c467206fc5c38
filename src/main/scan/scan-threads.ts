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
import { WALK_SHARE_SLOTS } from './walk-share'
import type { WalkWorkerData } from './walk.worker'

/** What a scan worker is started with, before its walker is joined to it. */
export type ScanThreadsData = Omit<ScanWorkerData, 'walker'>

export interface ScanThreads {
  /** The database side: compares, writes, reports. */
  scan: Worker
  /** The filesystem side: every call on the root, listings streamed to `scan`. */
  walkers: Worker[]
}

/** What a walk lists: everything in WalkWorkerData but its channels. */
export type WalkTarget = Pick<
  WalkWorkerData,
  'root' | 'exclusions' | 'indexAllFiles' | 'statViaFolder'
>

/**
 * Walkers given their root before the scan was started (a CLI rescan, while the core loads):
 * what they walk, and the scan worker's end of their channels, where their listings wait.
 */
export interface EarlyWalk {
  target: WalkTarget
  ports: MessagePort[]
  flow: SharedArrayBuffer
}

/**
 * How many walkers list a root. A rescan of a local root waits for its walk (the database side
 * only compares), so two walkers share it and use both cores (walk-share.ts; docs/indexing.md,
 * "Speed", round 7). A first scan waits for its inserts instead, and a second walker would only
 * take the core they need; a share keeps one walker, so a NAS that hangs holds one thread.
 */
export function walkerCount(target: WalkTarget, rescan: boolean): number {
  return rescan && !target.statViaFolder ? 2 : 1
}

/**
 * Starts a scan's threads at once, joined by channels (the walkers' listings) and shared
 * flow-control counters. Started by the scan worker, a walker booted only once that thread had
 * booted and loaded its code: its first listing came ~60 ms later, and both a rescan (which
 * waits on the walk) and a first scan (whose inserts wait for the first listings) waited for
 * it. The caller owns the threads: it stops the walkers when the scan ends.
 */
export function startScanThreads(
  specs: WorkerSpecs,
  data: ScanThreadsData,
  rescan: boolean,
): ScanThreads {
  const { request } = data
  const target: WalkTarget = {
    root: request.rootPath,
    exclusions: request.exclusions,
    indexAllFiles: request.indexAllFiles,
    statViaFolder: request.network,
  }
  const { walkers, ports, flow } = walkersFor(specs('walk'), target, walkerCount(target, rescan))
  const scanData: ScanWorkerData = { ...data, walker: { ports, flow } }
  const scan = launch(specs('scan'), scanData, ports)
  return { scan, walkers }
}

/**
 * Gives prestarted walkers their root at once (docs/indexing.md, "Speed", round 6): they list
 * while the core loads, as far ahead as flow control lets them, and their listings wait in the
 * channels for the scan worker. The scan takes them only if they walk what the scan asks for.
 */
export function startEarlyWalk(walkers: Prestarted[], target: WalkTarget): void {
  const { data, scanEnd } = walkChannels(target, walkers.length)
  const early: EarlyWalk = { target, ...scanEnd }
  walkers.forEach((walker, i) => {
    post(walker.worker, data[i]!, transfers(data[i]!))
    walker.early = early
  })
}

/** `count` walkers for `target`: those that already walk it, or new ones. */
function walkersFor(
  spec: WorkerSpec,
  target: WalkTarget,
  count: number,
): { walkers: Worker[] } & ScanWorkerData['walker'] {
  const first = takePrestarted(spec)
  const early = first?.early as EarlyWalk | undefined
  if (first && early) {
    const rest = Array.from({ length: early.ports.length - 1 }, () => takePrestarted(spec))
    const all = [first, ...rest]
    if (
      sameWalk(early.target, target) &&
      early.ports.length === count &&
      all.every((walker) => walker?.early === early)
    ) {
      return { walkers: all.map((walker) => walker!.worker), ports: early.ports, flow: early.flow }
    }
    // They walk something else: end them, and their listings with them.
    for (const port of early.ports) port.close()
    for (const walker of all) void walker?.worker.terminate()
  }
  const { data, scanEnd } = walkChannels(target, count)
  const idle = first && !early ? first : undefined
  const walkers = data.map((walkData, i) => {
    const prestarted = i === 0 ? idle : takePrestarted(spec)
    return prestarted
      ? post(prestarted.worker, walkData, transfers(walkData))
      : startWorker(spec, walkData, transfers(walkData))
  })
  return { walkers, ...scanEnd }
}

/**
 * Each walker's data, and the scan worker's end of their channels and the flow-control counters
 * they share; two walkers also get a channel between them and their shared state.
 */
export function walkChannels(
  target: WalkTarget,
  count: number,
): { data: WalkWorkerData[]; scanEnd: ScanWorkerData['walker'] } {
  const flow = new SharedArrayBuffer(FLOW_COUNTERS * Int32Array.BYTES_PER_ELEMENT)
  const scanChannels = Array.from({ length: count }, () => new MessageChannel())
  const between =
    count === 2
      ? {
          channel: new MessageChannel(),
          state: new SharedArrayBuffer(WALK_SHARE_SLOTS * Int32Array.BYTES_PER_ELEMENT),
        }
      : undefined
  const data = scanChannels.map(({ port1 }, i): WalkWorkerData => ({
    ...target,
    flow,
    port: port1,
    ...(between && {
      share: {
        port: i === 0 ? between.channel.port1 : between.channel.port2,
        state: between.state,
        self: i === 0 ? 0 : 1,
      },
    }),
  }))
  return { data, scanEnd: { ports: scanChannels.map(({ port2 }) => port2), flow } }
}

/** What a walker's data holds that must be moved, not copied: its ports. */
export function transfers(data: WalkWorkerData): MessagePort[] {
  return data.share ? [data.port, data.share.port] : [data.port]
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

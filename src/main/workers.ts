import { join } from 'node:path'
import {
  parentPort,
  Worker,
  workerData,
  type MessagePort,
  type TransferListItem,
} from 'node:worker_threads'

export type WorkerName = 'scan' | 'walk' | 'media' | 'watch' | 'originals' | 'import'

/** Where a worker's code is: a file, or (for TypeScript sources in tests) bootstrap code. */
export interface WorkerSpec {
  filename: string
  eval: boolean
  /** For pooled workers started through a bootstrap file: what the bootstrap should load. */
  bootstrap?: { entry: string }
  /** Threads of this spec already started, for the first code that would start one. */
  prestarted?: Prestarted[]
}

/** Maps a worker name to its code; the entry points decide (built output, or sources). */
export type WorkerSpecs = (name: WorkerName) => WorkerSpec

/** Workers built next to the entry point: out/main/<name>.worker.js. */
export function builtWorkers(dir: string): WorkerSpecs {
  return (name) => ({ filename: join(dir, `${name}.worker.js`), eval: false })
}

/** `transfer` moves what workerData holds that cannot be copied (a MessagePort). */
export function startWorker(
  spec: WorkerSpec,
  workerData: unknown,
  transfer: readonly TransferListItem[] = [],
): Worker {
  return new Worker(spec.filename, { eval: spec.eval, workerData, transferList: [...transfer] })
}

/**
 * A worker's entry point: runs `start` with the thread's data — its workerData, or, for a thread
 * prestarted with none (prestartWorkers with null data), the first message it is sent.
 */
export function onWorkerData<T>(start: (data: T, parent: MessagePort) => void): void {
  const parent = parentPort
  if (!parent) return
  if (workerData === null) parent.once('message', (data: T) => start(data, parent))
  else start(workerData as T, parent)
}

/** A thread started before the code that will use it had loaded (see prestartWorkers). */
export interface Prestarted {
  worker: Worker
  /** The workerData it was started with. */
  data: unknown
  /** What it said before it was taken (its 'message' events; none are lost). */
  messages: unknown[]
  exited: boolean
  /**
   * Work it was given before it was taken, for the taker to check against its own (a rescan's
   * walk started while the core loaded: scan/scan-threads.ts, EarlyWalk).
   */
  early?: unknown
}

/** Threads started ahead (prestartWorkers): specs that hand them out, and how to end the rest. */
export interface Prestart {
  specs: WorkerSpecs
  release(): Promise<void>
}

/**
 * Starts `count` threads of `name` at once, each with `data()`, and hands them out through
 * `spec.prestarted` to the first code that would start one: a thread takes ~40–75 ms to boot,
 * which then overlaps the loading of the core instead of following it (the CLI knows its command
 * long before the core has loaded; docs/decisions.md, "CLI start-up"). They keep no process
 * alive until taken; `release()` ends those nobody took.
 */
export function prestartWorkers(
  specs: WorkerSpecs,
  name: WorkerName,
  count: number,
  data: () => unknown,
): Prestart {
  const base = specs(name)
  const prestarted: Prestarted[] = []
  for (let i = 0; i < count; i++) {
    const workerData = data()
    const worker = startWorker(base, workerData)
    const started: Prestarted = { worker, data: workerData, messages: [], exited: false }
    const hear = (message: unknown): void => void started.messages.push(message)
    worker.on('message', hear)
    worker.once('exit', () => (started.exited = true))
    worker.once('error', () => undefined)
    worker.unref()
    prestarted.push(started)
  }
  return {
    specs: (n) => (n === name ? { ...base, prestarted } : specs(n)),
    release: async () => {
      await Promise.all(prestarted.splice(0).map(({ worker }) => worker.terminate()))
    },
  }
}

/**
 * A prestarted thread of `spec`, if one is waiting: it is the caller's from now on (its early
 * messages in `messages`, its listeners from the start removed, kept alive as a new one is).
 */
export function takePrestarted(spec: WorkerSpec): Prestarted | undefined {
  for (let taken = spec.prestarted?.shift(); taken; taken = spec.prestarted?.shift()) {
    if (taken.exited) continue
    taken.worker.removeAllListeners('message')
    taken.worker.ref()
    return taken
  }
  return undefined
}

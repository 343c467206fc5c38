import { join } from 'node:path'
import { Worker, type TransferListItem } from 'node:worker_threads'

export type WorkerName = 'scan' | 'walk' | 'media' | 'watch' | 'originals' | 'import'

/** Where a worker's code is: a file, or (for TypeScript sources in tests) bootstrap code. */
export interface WorkerSpec {
  filename: string
  eval: boolean
  /** For pooled workers started through a bootstrap file: what the bootstrap should load. */
  bootstrap?: { entry: string }
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

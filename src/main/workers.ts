import { join } from 'node:path'
import { Worker } from 'node:worker_threads'

export type WorkerName = 'scan'

/** Starts a named worker thread; the entry points decide where the worker code lives. */
export type WorkerLauncher = (name: WorkerName, workerData: unknown) => Worker

/** Workers built next to the entry point: out/main/<name>.worker.js. */
export function builtWorkers(dir: string): WorkerLauncher {
  return (name, workerData) => new Worker(join(dir, `${name}.worker.js`), { workerData })
}

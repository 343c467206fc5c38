import type { Worker } from 'node:worker_threads'
import type { WatchEvent, WatchRequest } from '../scan/watch.worker'
import { startWorker, type WorkerSpec } from '../workers'

export interface FolderWatch {
  close(): Promise<void>
}

export interface WatchCallbacks {
  /** Something changed under the folder (already settled: writes have finished). */
  changed(path: string): void
  /** Watching failed; `limit` when the OS ran out of watches or handles. */
  failed(error: Error, limit: boolean): void
}

export type WatchFolder = (
  path: string,
  callbacks: WatchCallbacks,
  writeFinishMs: number,
) => FolderWatch

/** Watches folders through one watch worker, started on first use and ended with the last watch. */
export function workerWatches(spec: WorkerSpec): WatchFolder {
  let worker: Worker | undefined
  let nextId = 1
  const callbacks = new Map<number, WatchCallbacks>()
  const send = (request: WatchRequest): void => worker?.postMessage(request)
  return (path, folderCallbacks, writeFinishMs) => {
    if (!worker) {
      worker = startWorker(spec, null)
      worker.unref()
      worker.on('message', (event: WatchEvent) => {
        const target = callbacks.get(event.id)
        if (event.type === 'changed') target?.changed(event.path)
        else
          target?.failed(
            Object.assign(new Error(event.message), { code: event.limit ? 'ENOSPC' : undefined }),
            event.limit,
          )
      })
      worker.on('error', (error) => {
        for (const target of callbacks.values()) target.failed(error, false)
      })
    }
    const id = nextId++
    callbacks.set(id, folderCallbacks)
    send({ type: 'watch', id, path, writeFinishMs })
    return {
      async close() {
        send({ type: 'unwatch', id })
        callbacks.delete(id)
        if (callbacks.size === 0 && worker) {
          const ending = worker
          worker = undefined
          await ending.terminate()
        }
      },
    }
  }
}

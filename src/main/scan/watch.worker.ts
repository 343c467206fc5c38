import { watch, type FSWatcher } from 'chokidar'
import { basename } from 'node:path'
import { parentPort } from 'node:worker_threads'
import { isDefaultExcluded } from './filters'

export type WatchRequest =
  | { type: 'watch'; id: number; path: string; writeFinishMs: number }
  | { type: 'unwatch'; id: number }

export type WatchEvent =
  | { type: 'changed'; id: number; path: string }
  | { type: 'failed'; id: number; message: string; limit: boolean }

/**
 * Native filesystem events for local roots (chokidar, waiting for writes to finish), on their
 * own thread: chokidar's first pass stats every file, which on a 100k-file root would hold the
 * main thread for seconds.
 */
export function hostWatches(post: (event: WatchEvent) => void): (request: WatchRequest) => void {
  const watchers = new Map<number, FSWatcher>()
  return (request) => {
    if (request.type === 'unwatch') {
      void watchers.get(request.id)?.close()
      watchers.delete(request.id)
      return
    }
    const { id, path, writeFinishMs } = request
    const watcher = watch(path, {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: (p: string) => p !== path && isDefaultExcluded(basename(p)),
      awaitWriteFinish:
        writeFinishMs > 0 ? { stabilityThreshold: writeFinishMs, pollInterval: 100 } : false,
    })
    watcher.on('all', (_event, changed) => post({ type: 'changed', id, path: changed }))
    watcher.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code
      post({
        type: 'failed',
        id,
        message: (error as Error).message,
        limit: code === 'ENOSPC' || code === 'EMFILE',
      })
    })
    watchers.set(id, watcher)
  }
}

if (parentPort) {
  const port = parentPort
  const handle = hostWatches((event) => port.postMessage(event))
  port.on('message', (request: WatchRequest) => handle(request))
}

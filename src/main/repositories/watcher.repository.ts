import { watch } from 'chokidar'
import { basename } from 'node:path'
import { isDefaultExcluded } from '../scan/filters'

export interface FolderWatch {
  close(): Promise<void>
}

export interface WatchCallbacks {
  /** Something changed under the folder (already settled: writes have finished). */
  changed(path: string): void
  /** Watching failed; `limit` when the OS ran out of watches or handles. */
  failed(error: Error, limit: boolean): void
}

/** Native filesystem events for a local folder (chokidar), waiting for writes to finish. */
export function watchFolder(
  path: string,
  callbacks: WatchCallbacks,
  writeFinishMs: number,
): FolderWatch {
  const watcher = watch(path, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (p: string) => p !== path && isDefaultExcluded(basename(p)),
    awaitWriteFinish:
      writeFinishMs > 0 ? { stabilityThreshold: writeFinishMs, pollInterval: 100 } : false,
  })
  watcher.on('all', (_event, changed) => callbacks.changed(changed))
  watcher.on('error', (error) => {
    const code = (error as NodeJS.ErrnoException).code
    callbacks.failed(error as Error, code === 'ENOSPC' || code === 'EMFILE')
  })
  return { close: () => watcher.close() }
}

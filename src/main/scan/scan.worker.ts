import type { MessagePort } from 'node:worker_threads'
import { onWorkerData } from '../workers'
import { openDatabase } from '../db/connection'
import { AssetIndexRepository } from '../repositories/asset-index.repository'
import { ScanSession, type ScanOutcome, type ScanRequest } from './scan-engine'
import type { FoundFile } from './walk'
import { FLOW_FILES_TAKEN, FLOW_FOLDERS_TAKEN } from './walk-flow'
import type { WalkMessage } from './walk.worker'

export interface ScanWorkerData {
  databasePath: string
  nativeBinding?: string | undefined
  request: ScanRequest
  /** Files modified more recently than this are left for the next scan (still being written). */
  settleMs: number
  /**
   * The walkers, each on its own thread beside this one's database work (started with this one,
   * see scan-threads.ts): this end of each one's channel, and the flow-control counters they
   * share (WalkWorkerData.flow). One walker, or two that share a local root on a rescan.
   */
  walker: Walkers
}

interface Walkers {
  ports: MessagePort[]
  flow: SharedArrayBuffer
}

export type ScanWorkerMessage =
  | { type: 'alive' }
  | ({ type: 'progress'; phase: 'checking' | 'walking' | 'reconciling' } & Omit<
      ScanOutcome['counts'],
      'unsettled'
    >)
  | { type: 'done'; outcome: ScanOutcome }
  | { type: 'failed'; message: string }

const INTERVAL_MS = 200

/** Scans one root: this thread does the database work, a walker thread the filesystem calls. */
export async function scanOnWorker(
  data: ScanWorkerData,
  post: (message: ScanWorkerMessage) => void,
): Promise<void> {
  // The walker was started with this thread: it walks while this one opens the database and
  // checks the root. Its messages wait in the port until `walk` listens (nothing here awaits
  // before that), and flow control bounds how far ahead it runs (walk.worker.ts).
  const walker = data.walker
  let db: ReturnType<typeof openDatabase>
  try {
    db = openDatabase(data.databasePath, { nativeBinding: data.nativeBinding })
  } catch (error) {
    for (const port of walker.ports) port.close()
    throw error
  }
  // A scan reads and writes much of the index: give it a larger page cache than the default.
  db.pragma('cache_size = -65536')
  // Checkpoint every 40 MB of WAL rather than every 4 MB: a bulk load rewrites the same index
  // pages in batch after batch, and each checkpoint copies and fsyncs them again. Commits stay
  // as durable as before; the scan checkpoints what is left when it ends (below).
  db.pragma('wal_autocheckpoint = 10000')
  // Statement journals in memory: every multi-row INSERT here (the table has an insert trigger
  // and foreign keys) keeps one, and past 64 KiB SQLite spills it to a file in the temp folder
  // — a cold index of 100k files wrote ~280 MB of such files, more than the database itself. A
  // journal holds only the pages one statement changes, so memory stays small; sorts (index
  // builds) spill by cache_size as before.
  db.pragma('temp_store = MEMORY')
  let lastPost = 0
  const due = (): boolean => {
    const now = Date.now()
    if (now - lastPost < INTERVAL_MS) return false
    lastPost = now
    return true
  }
  const index = new AssetIndexRepository(db)
  try {
    const session = new ScanSession(
      index,
      data.request,
      (progress) => {
        if (progress.phase !== 'walking' || due()) {
          const { unsettled: _unsettled, ...rest } = progress as typeof progress & {
            unsettled?: number
          }
          post({ type: 'progress', ...rest } as ScanWorkerMessage)
        }
      },
      Date.now,
      data.settleMs,
    )
    const early = session.begin()
    // The scan service stops the walker's thread once this one has reported.
    if (early) for (const port of walker.ports) port.close()
    const outcome = early ?? (await walk(session, walker, () => due() && post({ type: 'alive' })))
    // Before 'done': a CLI ends as soon as it hears it, and the indexes must be whole by then.
    index.restoreIndexes()
    // Here, not on the main thread's next write, which would otherwise meet a long WAL.
    db.pragma('wal_checkpoint(PASSIVE)')
    post({ type: 'done', outcome })
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  } finally {
    try {
      index.restoreIndexes()
    } catch {
      // The note stays in settings: the library's owner restores them when it next starts.
    }
    db.close()
  }
}

function walk(session: ScanSession, walkers: Walkers, alive: () => void): Promise<ScanOutcome> {
  const { ports } = walkers
  const taken = new Int32Array(walkers.flow)
  let walking = ports.length
  return new Promise((resolve, reject) => {
    // Runs once the listings that had arrived are all handled (immediates run after the ports'
    // queued messages): the walkers have nothing more for now.
    let caughtUp: NodeJS.Immediate | undefined
    const end = (settle: () => void): void => {
      if (caughtUp) clearImmediate(caughtUp)
      for (const port of ports) {
        port.removeAllListeners()
        port.close()
      }
      settle()
    }
    const idle = (): void => {
      caughtUp = undefined
      try {
        session.idle()
      } catch (error) {
        end(() => reject(error as Error))
      }
    }
    const hear = (port: MessagePort, message: WalkMessage): void => {
      try {
        switch (message.type) {
          case 'folder':
            session.folder(message.dir, unpack(message.dir, message.names, message.numbers))
            Atomics.add(taken, FLOW_FILES_TAKEN, message.names.length)
            Atomics.add(taken, FLOW_FOLDERS_TAKEN, 1)
            Atomics.notify(taken, FLOW_FOLDERS_TAKEN)
            alive()
            if (caughtUp) clearImmediate(caughtUp)
            caughtUp = setImmediate(idle)
            break
          case 'unreadable':
            session.unreadable(message.relPath)
            break
          case 'alive':
            alive()
            break
          case 'done':
            // A walker's listings all came before its 'done' (one channel keeps their order);
            // its thread may end now, and the channel close with it.
            port.removeAllListeners()
            port.close()
            if (--walking === 0) end(() => resolve(session.finish()))
            break
          case 'volume-error':
            end(() => resolve(session.volumeError(message.code)))
            break
          case 'failed':
            end(() => reject(new Error(message.message)))
        }
      } catch (error) {
        end(() => reject(error as Error))
      }
    }
    for (const port of ports) {
      port.on('message', (message: WalkMessage) => hear(port, message))
      // A walker's thread ended (or failed to start) without its last word.
      port.on('close', () => end(() => reject(new Error('The walker stopped unexpectedly.'))))
    }
  })
}

function unpack(dir: string, names: string[], numbers: Float64Array): FoundFile[] {
  return names.map((name, i) => ({
    dir,
    name,
    size: numbers[i * 4]!,
    mtimeMs: numbers[i * 4 + 1]!,
    inode: String(numbers[i * 4 + 2]),
    device: String(numbers[i * 4 + 3]),
  }))
}

// Prestarted by the CLI before its scan was known, it is sent its data once the core knows it.
onWorkerData<ScanWorkerData>(
  (data, parent) => void scanOnWorker(data, (message) => parent.postMessage(message)),
)

import type { MessagePort } from 'node:worker_threads'
import { onWorkerData } from '../workers'
import { VolumeError, walkTree } from './walk'
import { walkShare, type WalkShareData } from './walk-share'
import {
  FLOW_FILES_SENT,
  FLOW_FILES_TAKEN,
  FLOW_FOLDERS_SENT,
  FLOW_FOLDERS_TAKEN,
} from './walk-flow'

export interface WalkWorkerData {
  root: string
  exclusions: string[]
  indexAllFiles: boolean
  statViaFolder: boolean
  /**
   * Flow control: folders and files sent, and taken by the database side (walk-flow.ts).
   */
  flow: SharedArrayBuffer
  /**
   * Where the listings go: the scan worker's end of a channel. The scan service starts this
   * thread beside the scan worker rather than the scan worker starting it, so the two threads
   * boot at once (~50 ms sooner to the first listing).
   */
  port: MessagePort
  /** Another walker lists the same root (a rescan of a local root; scan-threads.ts). */
  share?: WalkShareData
}

/** Folder listings travel packed: names, and size/mtime/inode/device in one transferred buffer. */
export type WalkMessage =
  | { type: 'folder'; dir: string; names: string[]; numbers: Float64Array }
  | { type: 'unreadable'; relPath: string; code: string }
  | { type: 'alive' }
  | { type: 'done' }
  | { type: 'volume-error'; code: string }
  | { type: 'failed'; message: string }

/**
 * How far the walker may run ahead of the database side before it waits: a bounded queue, in
 * files (memory) and in folders (empty ones cost a message each). The database side commits a
 * bulk load 10,000 rows at a time; the walker must be able to list the next batch meanwhile, or
 * the database side waits for it after every commit. With 64 folders (~6,000 files of the
 * bench's tree) both threads waited in turn: ~90 ms of a cold index's 0.75 s walk.
 */
const MAX_FILES_AHEAD = 25_000
const MAX_FOLDERS_AHEAD = 1024
const ALIVE_MS = 200

/** Walks a root on its own thread and streams folder listings to the scan worker. */
export function walkOnWorker(
  data: WalkWorkerData,
  post: (m: WalkMessage, transfer?: ArrayBuffer[]) => void,
): void {
  const flow = new Int32Array(data.flow)
  const share = data.share && walkShare(data.share)
  let lastAlive = 0
  try {
    walkTree({
      share,
      root: data.root,
      exclusions: data.exclusions,
      indexAllFiles: data.indexAllFiles,
      statViaFolder: data.statViaFolder,
      // A local disk lists a folder in one call; a share, entry by entry (see walkTree).
      listInOneCall: !data.statViaFolder,
      sink: {
        folder(dir, files) {
          const numbers = new Float64Array(files.length * 4)
          const names = new Array<string>(files.length)
          for (let i = 0; i < files.length; i++) {
            const f = files[i]!
            names[i] = f.name
            numbers[i * 4] = f.size
            numbers[i * 4 + 1] = f.mtimeMs
            numbers[i * 4 + 2] = Number(f.inode)
            numbers[i * 4 + 3] = Number(f.device)
          }
          post({ type: 'folder', dir, names, numbers }, [numbers.buffer])
          const filesSent = Atomics.add(flow, FLOW_FILES_SENT, files.length) + files.length
          const foldersSent = Atomics.add(flow, FLOW_FOLDERS_SENT, 1) + 1
          for (
            let taken = Atomics.load(flow, FLOW_FOLDERS_TAKEN);
            foldersSent - taken > MAX_FOLDERS_AHEAD ||
            filesSent - Atomics.load(flow, FLOW_FILES_TAKEN) > MAX_FILES_AHEAD;
            taken = Atomics.load(flow, FLOW_FOLDERS_TAKEN)
          ) {
            Atomics.wait(flow, FLOW_FOLDERS_TAKEN, taken, ALIVE_MS)
          }
        },
        unreadable: (relPath, code) => post({ type: 'unreadable', relPath, code }),
        tick() {
          const now = Date.now()
          if (now - lastAlive < ALIVE_MS) return
          lastAlive = now
          post({ type: 'alive' })
        },
      },
    })
    post({ type: 'done' })
  } catch (error) {
    share?.leave()
    if (error instanceof VolumeError) post({ type: 'volume-error', code: error.code })
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

// Prestarted, its data (with its end of the channel) comes as its first message.
onWorkerData<WalkWorkerData>((data) =>
  walkOnWorker(data, (message, transfer) => data.port.postMessage(message, transfer ?? [])),
)

import { parentPort, workerData } from 'node:worker_threads'
import { copyInKernel, kernelCanCopy } from './import-fs-kernel'
import { hashFile, list, probe } from './import-fs-read'
import { commit, copy, recover, removeQuietly } from './import-fs-write'

export { suffixed } from './import-fs-write'

/** A file found under what was dropped. */
export interface ListedFile {
  /** Its absolute path, as dropped (a folder's files: the folder's path joined). */
  source: string
  /** The same with every symlink resolved (the data-directory check looks at this). */
  real: string
  /** Path inside the drop, '/'-separated: the dropped folder's own name comes first. */
  relPath: string
  size: number
  mtimeMs: number
}

export interface FinalFile {
  name: string
  inode: string
  device: string
  size: number
  mtimeMs: number
}

/** What a copy thread does; every call in it is synchronous (see ImportFilesRepository). */
export type ImportFsRequest =
  | { op: 'list'; sources: string[]; maxFiles: number }
  | { op: 'probe'; dir: string }
  | { op: 'hash'; path: string }
  | {
      op: 'copy'
      source: string
      /** What the plan saw; null takes the source as it is now (a retry). */
      expected: { size: number; mtimeMs: number } | null
      part: string
      /** Read the part back and compare hashes (network roots). */
      verify: boolean
      /** Let the kernel move the bytes while the source is hashed (local roots, local sources). */
      inKernel?: boolean
    }
  | { op: 'commit'; part: string; dir: string; name: string }
  | { op: 'recover'; part: string; dir: string; name: string; inode: string }
  | { op: 'remove'; paths: string[] }

export interface ImportFsResults {
  list: { files: ListedFile[]; problems: Array<{ source: string; code: string }> }
  probe: { existing: string; writable: boolean; code: string | null; freeBytes: number }
  hash: { sha256: string; size: number; mtimeMs: number; changed: boolean }
  copy:
    | {
        status: 'copied'
        sha256: string
        fingerprint: string
        size: number
        mtimeMs: number
        partInode: string
        /** Whether the part is on disk yet; if not, `syncLocal` of it comes before its commit. */
        synced: boolean
      }
    | { status: 'changed' | 'stopped' | 'mismatch' }
  commit: FinalFile
  recover: { state: 'committed'; file: FinalFile } | { state: 'part' | 'none' }
  remove: null
}

export type ImportFsReply =
  | { ok: true; value: ImportFsResults[keyof ImportFsResults] }
  | { ok: false; error: { code: string | null; message: string } }

export type ImportFsCommand = { type: 'run'; request: ImportFsRequest } | { type: 'retire' }

export type ImportFsMessage =
  { type: 'ready' } | { type: 'bytes'; n: number } | { type: 'reply'; reply: ImportFsReply }

export interface ImportWorkerData {
  /** Int32Array[1], set to 1 by the caller to stop the running request between chunks. */
  stop: SharedArrayBuffer
}

export interface Control {
  stopped(): boolean
  /** Bytes read (hash) or copied (copy) since the last call: progress, and a sign of life. */
  bytes(n: number): void
}

/**
 * Runs one request of an import with synchronous calls: a target or a source on a share that
 * hangs blocks this thread only, never libuv's pool, and the caller's watchdog gives it up.
 * Errors come back as data.
 */
export async function runImportFs(
  request: ImportFsRequest,
  control: Control,
): Promise<ImportFsReply> {
  try {
    return { ok: true, value: await run(request, control) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? null
    return { ok: false, error: { code, message: (error as Error).message ?? String(error) } }
  }
}

function run(
  request: ImportFsRequest,
  control: Control,
): ImportFsResults[keyof ImportFsResults] | Promise<ImportFsResults['copy']> {
  switch (request.op) {
    case 'list':
      return list(request.sources, request.maxFiles)
    case 'probe':
      return probe(request.dir)
    case 'hash':
      return hashFile(request.path, control)
    case 'copy':
      return request.inKernel && !request.verify && kernelCanCopy(request.source)
        ? copyInKernel(request, control)
        : copy(request, control)
    case 'commit':
      return commit(request.part, request.dir, request.name)
    case 'recover':
      return recover(request)
    case 'remove':
      for (const path of request.paths) removeQuietly(path)
      return null
  }
}

if (parentPort) {
  const port = parentPort
  const stop = new Int32Array((workerData as ImportWorkerData).stop)
  let pending = 0
  let last = Date.now()
  const control: Control = {
    stopped: () => Atomics.load(stop, 0) === 1,
    bytes(n) {
      pending += n
      // At most ten messages a second: progress and the watchdog need no more.
      if (Date.now() - last < 100) return
      last = Date.now()
      port.postMessage({ type: 'bytes', n: pending } satisfies ImportFsMessage)
      pending = 0
    },
  }
  // One request at a time: the caller sends the next only after this one's reply.
  port.on('message', async (command: ImportFsCommand) => {
    if (command.type === 'retire') return port.close()
    pending = 0
    last = Date.now()
    const reply = await runImportFs(command.request, control)
    if (pending > 0) port.postMessage({ type: 'bytes', n: pending } satisfies ImportFsMessage)
    pending = 0
    port.postMessage({ type: 'reply', reply } satisfies ImportFsMessage)
  })
  port.postMessage({ type: 'ready' } satisfies ImportFsMessage)
}

import { open } from 'node:fs/promises'
import type { Worker } from 'node:worker_threads'
import { startWorker, takePrestarted, type WorkerSpec } from '../workers'
import type {
  ImportFsCommand,
  ImportFsMessage,
  ImportFsReply,
  ImportFsRequest,
  ImportFsResults,
  ImportWorkerData,
} from './import.worker'

export type { FinalFile, ListedFile } from './import.worker'
export { suffixed } from './import.worker'

/**
 * Files an import copies at once, each on a thread of its own (the composition root's lanes,
 * and the threads the CLI starts for an import before the core loads).
 */
export const IMPORT_COPIES = 2

/** What an import thread is started with: the flag its caller sets to stop a request. */
export function importWorkerData(): ImportWorkerData {
  return { stop: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT) }
}

/** A share (source or target) left a call of an import unanswered for the whole time limit. */
export class ImportStalled extends Error {
  override name = 'ImportStalled'
}

export interface ImportFilesSettings {
  /** A call with no sign of life for this long is given up (the share is not answering). */
  timeoutMs: number
  /** Threads at most: one a copying lane, plus one for planning, commits and recovery. */
  threads: number
  /** A thread with nothing to do ends after this long. */
  idleMs?: number
}

interface Thread {
  worker: Worker
  stop: Int32Array
  ready: boolean
  busy: boolean
  idle: NodeJS.Timeout | undefined
}

type Op = ImportFsRequest['op']

/**
 * The filesystem side of imports: listing what was dropped, the duplicate check's hashing, the
 * durable copy into the target's `.part` and the rename into place, and cleaning up — each run
 * on a thread of its own with synchronous calls (import.worker.ts). A hung share blocks that
 * thread only; a call with no sign of life for `timeoutMs` fails with ImportStalled and its
 * thread is abandoned (it ends when its call returns).
 */
export class ImportFilesRepository {
  private readonly threads = new Set<Thread>()
  private readonly waiting: Array<() => void> = []
  private closed = false

  constructor(
    private readonly spec: WorkerSpec,
    private readonly settings: ImportFilesSettings,
  ) {}

  /**
   * Runs one request. `onBytes` hears of bytes read or copied as they go; `signal` stops a hash
   * or a copy between chunks (the copy then answers `stopped`, its part removed). Rejects with
   * the errno `code` of a failed call.
   */
  async run<K extends Op>(
    request: Extract<ImportFsRequest, { op: K }>,
    options: { onBytes?: (n: number) => void; signal?: AbortSignal } = {},
  ): Promise<ImportFsResults[K]> {
    const thread = await this.acquire()
    try {
      return await this.runOn(thread, request, options)
    } finally {
      this.release(thread)
    }
  }

  /** Ends idle threads; busy ones are stopped between chunks and end when their call returns. */
  async close(): Promise<void> {
    this.closed = true
    for (const resolve of this.waiting.splice(0)) resolve()
    const idle: Worker[] = []
    for (const thread of this.threads) {
      clearTimeout(thread.idle)
      Atomics.store(thread.stop, 0, 1)
      if (!thread.busy) idle.push(thread.worker)
    }
    await Promise.all(idle.map((worker) => worker.terminate()))
  }

  private runOn<K extends Op>(
    thread: Thread,
    request: Extract<ImportFsRequest, { op: K }>,
    options: { onBytes?: (n: number) => void; signal?: AbortSignal },
  ): Promise<ImportFsResults[K]> {
    const { signal, onBytes } = options
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const watch = (): void => {
        clearTimeout(timer)
        timer = setTimeout(() => {
          done()
          this.abandon(thread)
          const seconds = Math.round(this.settings.timeoutMs / 1000)
          reject(new ImportStalled(`nothing for ${seconds} s`))
        }, this.settings.timeoutMs)
      }
      const stop = (): void => void Atomics.store(thread.stop, 0, 1)
      const listen = (message: ImportFsMessage): void => {
        if (message.type === 'ready') thread.ready = true
        if (message.type === 'bytes') onBytes?.(message.n)
        if (message.type !== 'reply') return void watch()
        done()
        settle(message.reply)
      }
      const lost = (): void => {
        done()
        reject(new Error('An import thread stopped unexpectedly.'))
      }
      const done = (): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', stop)
        thread.worker.off('message', listen)
        thread.worker.off('exit', lost)
      }
      const settle = (reply: ImportFsReply): void => {
        if (reply.ok) return resolve(reply.value as ImportFsResults[K])
        reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }))
      }
      thread.worker.on('message', listen)
      thread.worker.on('exit', lost)
      Atomics.store(thread.stop, 0, signal?.aborted ? 1 : 0)
      signal?.addEventListener('abort', stop, { once: true })
      thread.worker.postMessage({ type: 'run', request } satisfies ImportFsCommand)
      // A thread still starting is not the share's fault: its watchdog starts when it is ready.
      if (thread.ready) watch()
    })
  }

  private async acquire(): Promise<Thread> {
    for (;;) {
      if (this.closed) throw new Error('Marquee is closing.')
      const free = [...this.threads].find((t) => !t.busy)
      if (free) {
        clearTimeout(free.idle)
        free.busy = true
        free.worker.ref()
        return free
      }
      if (this.threads.size < this.settings.threads) {
        const thread = this.spawn()
        thread.busy = true
        return thread
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    }
  }

  /**
   * The fsync of a part the kernel copied into a local folder (`copied.synced` false), on
   * libuv's pool rather than a copy thread: only local targets get kernel copies, so it cannot
   * hang on a share, and the import needs no thread (each costs ~45 ms of CPU to start) for
   * waiting on the disk.
   */
  async syncLocal(path: string): Promise<void> {
    const handle = await open(path, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  /** Starts threads ahead of the calls that will want them, up to `count` in all. */
  warm(count: number): void {
    while (!this.closed && this.threads.size < Math.min(count, this.settings.threads)) {
      this.rest(this.spawn())
    }
  }

  private release(thread: Thread): void {
    thread.busy = false
    if (!this.threads.has(thread) || this.closed) {
      void thread.worker.terminate()
      return
    }
    this.rest(thread)
    this.waiting.shift()?.()
  }

  /** An idle thread keeps no process alive, and ends after a while unused. */
  private rest(thread: Thread): void {
    thread.worker.unref()
    thread.idle = setTimeout(() => {
      this.threads.delete(thread)
      void thread.worker.terminate()
    }, this.settings.idleMs ?? 30_000)
    thread.idle.unref()
  }

  private spawn(): Thread {
    // A thread the CLI started while the core was loading (prestartWorkers), else a new one.
    const early = takePrestarted(this.spec)
    const data = (early?.data as ImportWorkerData | undefined) ?? importWorkerData()
    const worker = early?.worker ?? startWorker(this.spec, data)
    const thread: Thread = {
      worker,
      stop: new Int32Array(data.stop),
      ready: early?.messages.some((m) => (m as ImportFsMessage).type === 'ready') ?? false,
      busy: false,
      idle: undefined,
    }
    worker.on('message', (message: ImportFsMessage) => {
      if (message.type === 'ready') thread.ready = true
    })
    worker.on('error', () => this.threads.delete(thread))
    worker.on('exit', () => this.threads.delete(thread))
    this.threads.add(thread)
    return thread
  }

  /** Stops it at its next chunk and forgets it: a call stuck on a share ends when it returns. */
  private abandon(thread: Thread): void {
    this.threads.delete(thread)
    Atomics.store(thread.stop, 0, 1)
    thread.worker.unref()
    thread.worker.postMessage({ type: 'retire' } satisfies ImportFsCommand)
    this.waiting.shift()?.()
  }
}

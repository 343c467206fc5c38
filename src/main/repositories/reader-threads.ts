import type { Worker } from 'node:worker_threads'
import { isVolumeError } from '../scan/walk'
import { startWorker, type WorkerSpec } from '../workers'
import type {
  OriginalsCommand,
  OriginalsMessage,
  OriginalsReply,
  OriginalsRequest,
  OriginalsResults,
  OriginalsWorkerData,
} from './originals.worker'

/** A network root whose share stopped answering, or answers only with errors of the volume. */
export class RootUnavailable extends Error {
  override name = 'RootUnavailable'

  constructor(
    readonly rootId: number,
    message: string,
  ) {
    super(message)
  }
}

export interface OriginalsSettings {
  /** A call on a network root left unanswered this long gives the root up as not answering. */
  timeoutMs: number
  /** Reader threads per network root: all that a hung share can ever hold. */
  threadsPerRoot?: number
  /** A reader thread with nothing to do ends after this long. */
  idleMs?: number
}

interface Task {
  request: OriginalsRequest
  /** Jobs' reads; the media route's reads go first and always have a thread of their own. */
  background: boolean
  reader: Reader | null
  done: boolean
  settle(outcome: OriginalsReply | Error): void
}

interface Reader {
  worker: Worker
  stop: Int32Array
  ready: boolean
  task: Task | null
  /** The watchdog while a task runs, the idle timer otherwise. */
  timer: NodeJS.Timeout | undefined
}

interface Share {
  rootId: number
  path: string
  readers: Set<Reader>
  queue: Task[]
  /** Threads given up on: the root is not answering until every one of them has returned. */
  stuck: Set<Worker>
  reason: string
}

/**
 * Reader threads for network roots, a few per root, each making synchronous calls. libuv's
 * pool has four threads for every asynchronous file call of the process; four calls stuck on a
 * frozen share would stall everything else, the cache's thumbnails included. A reader thread
 * stuck in a call holds only itself: past `timeoutMs` the root is declared unavailable, its
 * threads are abandoned (they end when their call returns), and until then its reads fail at
 * once with a clear message.
 */
export class ReaderThreads {
  private readonly shares = new Map<number, Share>()
  private readonly threadsPerRoot: number
  private readonly idleMs: number
  private closed = false

  constructor(
    private readonly spec: WorkerSpec,
    /** The root's path, for messages. */
    private readonly pathOf: (rootId: number) => string | undefined,
    private readonly settings: OriginalsSettings,
    private readonly onUnavailable: (rootId: number, reason: string) => void,
  ) {
    this.threadsPerRoot = Math.max(1, settings.threadsPerRoot ?? 4)
    this.idleMs = settings.idleMs ?? 30_000
  }

  /**
   * Runs one request on a thread of the root. Rejects with RootUnavailable when the root does
   * not answer in time (or is still stuck from before), or answers with a volume error; other
   * errors carry their errno `code`.
   */
  run<K extends keyof OriginalsResults>(
    rootId: number,
    request: Extract<OriginalsRequest, { op: K }>,
    background: boolean,
    signal?: AbortSignal,
  ): Promise<OriginalsResults[K]> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('Marquee is closing.'))
      if (signal?.aborted) return reject(signal.reason)
      const share = this.share(rootId)
      if (share.stuck.size > 0) return reject(new RootUnavailable(rootId, share.reason))
      const abort = (): void => {
        const index = share.queue.indexOf(task)
        if (index >= 0) share.queue.splice(index, 1)
        // The thread notices between chunks; its reply is dropped.
        if (task.reader) Atomics.store(task.reader.stop, 0, 1)
        task.settle(signal!.reason instanceof Error ? signal!.reason : new Error('stopped'))
      }
      const task: Task = {
        request,
        background,
        reader: null,
        done: false,
        settle: (outcome) => {
          if (task.done) return
          task.done = true
          signal?.removeEventListener('abort', abort)
          if (outcome instanceof Error) return reject(outcome)
          if (outcome.ok) return resolve(outcome.value as OriginalsResults[K])
          const { code, message } = outcome.error
          if (isVolumeError(code ?? undefined)) {
            const reason = `${share.path} is not reachable (${code}): its NAS or share may be disconnected. Marquee will try it again by itself.`
            this.onUnavailable(rootId, reason)
            return reject(new RootUnavailable(rootId, reason))
          }
          reject(Object.assign(new Error(message), { code }))
        },
      }
      signal?.addEventListener('abort', abort, { once: true })
      share.queue.push(task)
      this.pump(share)
    })
  }

  /** Ends idle threads; busy ones end when their call returns (nothing waits for a hung one). */
  async close(): Promise<void> {
    this.closed = true
    const idle: Worker[] = []
    for (const share of this.shares.values()) {
      const closing = new Error('Marquee is closing.')
      for (const task of share.queue.splice(0)) task.settle(closing)
      for (const reader of share.readers) {
        clearTimeout(reader.timer)
        if (reader.task) {
          this.retire(reader)
          reader.task.settle(closing)
        } else idle.push(reader.worker)
      }
      share.readers.clear()
    }
    await Promise.all(idle.map((worker) => worker.terminate()))
  }

  private share(rootId: number): Share {
    const path = this.pathOf(rootId) ?? `#${rootId}`
    let share = this.shares.get(rootId)
    if (!share) {
      share = { rootId, path, readers: new Set(), queue: [], stuck: new Set(), reason: '' }
      this.shares.set(rootId, share)
    }
    share.path = path
    return share
  }

  /** Hands queued tasks to free threads: the media route's first, jobs' never on the last one. */
  private pump(share: Share): void {
    for (;;) {
      let index = share.queue.findIndex((task) => !task.background)
      if (index < 0 && share.queue.length > 0) {
        let jobs = 0
        for (const reader of share.readers) if (reader.task?.background) jobs++
        if (jobs < Math.max(1, this.threadsPerRoot - 1)) index = 0
      }
      if (index < 0) return
      let reader = [...share.readers].find((r) => !r.task)
      if (!reader) {
        if (share.readers.size >= this.threadsPerRoot) return
        reader = this.spawn(share)
      }
      const [task] = share.queue.splice(index, 1)
      this.assign(share, reader, task!)
    }
  }

  private assign(share: Share, reader: Reader, task: Task): void {
    clearTimeout(reader.timer)
    reader.task = task
    task.reader = reader
    // Kept alive while it works for someone; idle or abandoned, it never holds the process.
    reader.worker.ref()
    Atomics.store(reader.stop, 0, 0)
    reader.worker.postMessage({ type: 'run', request: task.request } satisfies OriginalsCommand)
    // A thread still starting is not the share's fault: the watchdog starts when it is ready.
    if (reader.ready) this.watch(share, reader)
  }

  private watch(share: Share, reader: Reader): void {
    clearTimeout(reader.timer)
    reader.timer = setTimeout(() => this.hung(share), this.settings.timeoutMs)
  }

  private spawn(share: Share): Reader {
    const stop = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)
    const worker = startWorker(this.spec, { stop } satisfies OriginalsWorkerData)
    const reader: Reader = {
      worker,
      stop: new Int32Array(stop),
      ready: false,
      task: null,
      timer: undefined,
    }
    share.readers.add(reader)
    worker.on('message', (message: OriginalsMessage) => this.heard(share, reader, message))
    worker.on('error', (error) => this.lost(share, reader, error))
    worker.on('exit', () => {
      share.stuck.delete(worker)
      this.lost(share, reader, new Error('A reader thread stopped unexpectedly.'))
    })
    return reader
  }

  private heard(share: Share, reader: Reader, message: OriginalsMessage): void {
    if (!share.readers.has(reader)) return
    if (message.type === 'alive') {
      if (reader.task) this.watch(share, reader)
      return
    }
    if (message.type === 'ready') reader.ready = true
    else {
      clearTimeout(reader.timer)
      const task = reader.task
      reader.task = null
      task?.settle(message.reply)
      this.pump(share)
    }
    if (reader.task) this.watch(share, reader)
    else this.idle(share, reader)
  }

  private idle(share: Share, reader: Reader): void {
    clearTimeout(reader.timer)
    reader.worker.unref()
    reader.timer = setTimeout(() => {
      share.readers.delete(reader)
      void reader.worker.terminate()
    }, this.idleMs)
    reader.timer.unref()
  }

  private lost(share: Share, reader: Reader, error: Error): void {
    if (!share.readers.delete(reader)) return
    clearTimeout(reader.timer)
    reader.task?.settle(error)
    if (!this.closed) this.pump(share)
  }

  /** A call went unanswered: the whole share is given up on, and its threads abandoned. */
  private hung(share: Share): void {
    const seconds = Math.round(this.settings.timeoutMs / 1000)
    share.reason = `The library folder ${share.path} is not answering (nothing for ${seconds} s): its NAS or share may be asleep, frozen or disconnected. Marquee will try it again by itself.`
    const tasks = share.queue.splice(0)
    for (const reader of share.readers) {
      clearTimeout(reader.timer)
      if (reader.task) {
        share.stuck.add(reader.worker)
        tasks.push(reader.task)
        this.retire(reader)
      } else void reader.worker.terminate()
    }
    share.readers.clear()
    this.onUnavailable(share.rootId, share.reason)
    const error = new RootUnavailable(share.rootId, share.reason)
    for (const task of tasks) task.settle(error)
  }

  /** Stops the thread's running request at the next chunk, and ends it once its call returns. */
  private retire(reader: Reader): void {
    reader.worker.unref()
    Atomics.store(reader.stop, 0, 1)
    reader.worker.postMessage({ type: 'retire' } satisfies OriginalsCommand)
  }
}

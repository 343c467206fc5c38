import type { QueueStatus } from '../../shared/domain'
import { isOutOfSpace } from '../errors'
import type { EventBus } from '../events'
import type { JobContext, JobHandler } from '../jobs/job-context'
import { PermanentFailure } from '../jobs/job-context'
import {
  backoffMs,
  JOB_NAMES,
  MAX_ATTEMPTS,
  PRIORITY,
  type JobName,
  type Lane,
} from '../jobs/job-names'
import type { Logger } from '../logger'
import type { JobRow, JobsRepository } from '../repositories/jobs.repository'
import { RootUnavailable } from '../repositories/originals.repository'
import type { ProcessingRepository } from '../repositories/processing.repository'
import type { StorageGate } from './storage.service'

/** Told which assets a step started or settled on (the gallery redraws their tiles). */
export interface AssetChangeSink {
  changedIds(ids: Iterable<number>): void
}

export type HandlerTable = Record<JobName, { run: JobHandler; lane: Lane; timeoutMs: number }>

/** A root that is offline is not a failure of its files: their jobs wait this long and try again. */
const OFFLINE_DELAY_MS = 60_000
const PROGRESS_INTERVAL_MS = 1000
/** After an unexpected error while picking jobs, the queue looks again this much later. */
const PICK_RETRY_MS = 5_000

/**
 * Why the other running jobs are stopped when a write finds the disk full: their work is redone
 * once there is room (no attempt spent).
 */
class NoRoom extends Error {
  override name = 'NoRoom'
}

/** Where nothing watches the disk (tests of the queue alone): always room. */
const ALWAYS_ROOM: StorageGate = {
  hasRoom: () => true,
  full: () => undefined,
  onResume: () => () => undefined,
  onPause: () => () => undefined,
}

/**
 * Runs the persistent queue: picks due jobs by priority, runs each in its lane (io, cpu,
 * ffmpeg; each with its own limit), retries with backoff, fails an asset after the last
 * attempt with the last error, and moves assets through queued → processing → ready | failed.
 */
export class JobsService {
  private readonly running = new Map<number, AbortController>()
  private readonly busy: Record<Lane, number> = { io: 0, cpu: 0, ffmpeg: 0, scan: 0 }
  private started = false
  private paused = false
  private closing = false
  private wakeTimer: NodeJS.Timeout | undefined
  private idleWaiters: Array<() => void> = []
  private pauseWaiters: Array<() => void> = []
  private drainWaiters: Array<() => void> = []
  private doneCount = 0
  private failedCount = 0
  private firstDoneAt = 0
  private lastProgress = 0
  private progressTimer: NodeJS.Timeout | undefined
  /** Jobs that ran but whose result could not be written (the disk was full): queued again later. */
  private readonly stranded = new Map<number, JobRow>()
  private stopWaitingForRoom: (() => void) | undefined
  private readonly stopListeningForPause: () => void

  constructor(
    private readonly jobs: JobsRepository,
    private readonly assets: ProcessingRepository,
    private readonly handlers: HandlerTable,
    private readonly limits: Record<Lane, number>,
    private readonly context: JobContext,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly backoff: (attempts: number) => number = backoffMs,
    private readonly storage: StorageGate = ALWAYS_ROOM,
    private readonly changes: AssetChangeSink = { changedIds: () => {} },
  ) {
    const missing = JOB_NAMES.filter((name) => !handlers[name])
    if (missing.length > 0) throw new Error(`No handler for job ${missing.join(', ')}`)
    // Only the library's owner builds a queue (see app.ts): nothing else runs these jobs.
    const requeued = retryOnceRoomIsMade(storage, () => {
      const count = jobs.requeueRunning(now())
      assets.requeueProcessing(now())
      return count
    })
    if (requeued > 0)
      logger.info(`jobs: ${requeued} job(s) interrupted by a stop were queued again`)
    // Whoever notices the disk is (nearly) full, what runs stops: it would write into the little
    // room left (stopRunningForRoom), and a thumbnail whose write failed there has been seen to
    // leave libvips waiting for ever on its other threads (1 run in 6 of the full-disk test,
    // until the job's 5-minute limit) — stopping the task ends its worker thread.
    this.stopListeningForPause = storage.onPause(() => this.stopRunningForRoom())
  }

  /** Starts taking jobs (the app, serve mode, and `index --wait`). */
  start(): void {
    this.started = true
    this.pump()
  }

  pause(): QueueStatus {
    this.paused = true
    for (const resolve of this.pauseWaiters.splice(0)) resolve()
    this.emitProgress(true)
    return this.status()
  }

  resume(): QueueStatus {
    this.paused = false
    this.pump()
    this.emitProgress(true)
    return this.status()
  }

  /**
   * Queues the first job of every discovered asset, and starts whatever is queued — including
   * jobs another thread or process wrote (the scan worker queues its root's new files itself,
   * as job rows or a first scan's backlog, so "nothing newly queued here" never means "nothing
   * to do").
   */
  queueDiscovered(priority: number = PRIORITY.background): number {
    const queued = this.assets.queueDiscovered(priority, this.now())
    this.pump()
    this.emitProgress(true)
    return queued
  }

  /**
   * A root's virus scan was just turned on: its files already processed are scanned too (an
   * infected one then fails, and exports refuse it). Returns how many were queued.
   */
  queueVirusScans(rootId: number): number {
    const queued = this.jobs.enqueueVirusScans(rootId, PRIORITY.background, this.now())
    if (queued > 0) {
      this.pump()
      this.emitProgress(true)
    }
    return queued
  }

  /** What the user is looking at (or just dropped in) goes first. */
  prioritize(assetIds: number[], priority: number = PRIORITY.visible): void {
    this.jobs.prioritize(assetIds, priority, this.now())
  }

  /** Drops queued jobs (running ones finish); their assets go back to discovered. */
  cancel(assetIds?: number[]): number {
    const now = this.now()
    return this.jobs.transaction(() => {
      const ids = assetIds ?? []
      const n = this.jobs.cancel(assetIds)
      for (const id of ids)
        if (!this.jobs.hasPending(id)) this.assets.advance(id, 'queued', 'discovered', now)
      if (!assetIds) this.assets.resetQueued(now)
      return n
    })
  }

  /** Failed assets start over from the first step. */
  retry(assetIds?: number[]): number {
    const ids = assetIds ?? this.assets.failedIds()
    const now = this.now()
    this.jobs.transaction(() => {
      for (const id of ids) {
        this.jobs.clearFailed(id)
        this.assets.advance(id, 'failed', 'discovered', now)
      }
    })
    this.changes.changedIds(ids)
    return ids.length === 0 ? 0 : this.queueDiscovered()
  }

  status(): QueueStatus {
    return { ...this.progress(), assets: this.assets.counts() }
  }

  /**
   * The queue's figures without the assets' counts by status: those group every asset (~10 ms
   * at 100k, after each scan), and the progress event does not carry them.
   */
  private progress(): Omit<QueueStatus, 'assets'> {
    const counts = this.jobs.counts()
    const elapsed = (this.now() - this.firstDoneAt) / 1000
    const rate = this.firstDoneAt && elapsed > 0 ? this.doneCount / elapsed : 0
    return {
      paused: this.paused,
      queued: counts.queued,
      running: counts.running,
      failed: counts.failed,
      done: this.doneCount,
      rate: Math.round(rate * 10) / 10,
      etaMs: rate > 0 ? Math.round(((counts.queued + counts.running) / rate) * 1000) : null,
    }
  }

  /**
   * Runs the queue (starting it if this process has not) until nothing is queued or running;
   * returns early, with `paused: true`, when someone pauses it meanwhile.
   */
  async drain(): Promise<QueueStatus> {
    this.start()
    this.queueDiscovered()
    if (!this.paused && this.storage.hasRoom())
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve)
        this.pauseWaiters.push(resolve)
        this.settle()
      })
    return this.status()
  }

  /** Resolves when nothing is queued or running (delayed retries included). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  async close(): Promise<void> {
    this.closing = true
    this.stopWaitingForRoom?.()
    this.stopListeningForPause()
    clearTimeout(this.wakeTimer)
    clearTimeout(this.progressTimer)
    for (const controller of this.running.values()) controller.abort()
    if (this.running.size > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve))
    // What was stopped goes back to the queue as it was, for the next run to pick up.
    this.requeueStranded()
    this.settlePipeline()
  }

  /** Assets between steps (nothing of theirs running) are queued, not processing. */
  private settlePipeline(): void {
    try {
      this.assets.requeueProcessing(this.now())
    } catch (error) {
      if (!isOutOfSpace(error))
        this.logger.error('jobs: requeueing interrupted assets failed', error)
    }
  }

  private isIdle(): boolean {
    const counts = this.jobs.counts()
    return counts.queued === 0 && counts.running === 0 && this.running.size === 0
  }

  /** Starts as many due jobs as the lanes allow, and sleeps until the next delayed one. */
  private pump(): void {
    if (!this.started || this.paused || this.closing) return
    clearTimeout(this.wakeTimer)
    if (!this.storage.hasRoom()) return this.waitForRoom()
    const now = this.now()
    try {
      // Bounded: each round either starts a job or moves a whole offline root out of the way.
      for (let round = 0, progress = true; progress && round < 32; round++) {
        progress = false
        if ((Object.keys(this.busy) as Lane[]).every((l) => this.busy[l] >= this.limits[l])) break
        for (const job of this.jobs.next(now, 64)) {
          const lane = this.handlers[job.kind].lane
          if (this.busy[lane] >= this.limits[lane]) continue
          if (this.launch(job, lane)) progress = true
          else {
            progress = true
            break
          }
        }
      }
    } catch (error) {
      if (isOutOfSpace(error)) {
        this.storage.full(error)
        this.stopRunningForRoom()
        return this.waitForRoom()
      }
      // Never a crash: say so, and look again in a moment.
      this.logger.error('jobs: picking the next jobs failed; trying again shortly', error)
      this.wakeTimer = setTimeout(() => this.pump(), PICK_RETRY_MS)
      return
    }
    if (this.running.size === 0) {
      const at = this.jobs.earliestRunAfter()
      if (at === null) return this.settle()
      this.wakeTimer = setTimeout(() => this.pump(), Math.max(10, at - now))
    }
  }

  /**
   * The disk that holds the library is (nearly) full: start nothing until there is room again.
   * Whoever waits on drain() hears of it now; running jobs were stopped when the pause began
   * (see the constructor) and come back queued.
   */
  private waitForRoom(): void {
    for (const resolve of this.pauseWaiters.splice(0)) resolve()
    if (this.running.size === 0) this.settlePipeline()
    this.emitProgress(true)
    this.stopWaitingForRoom ??= this.storage.onResume(() => {
      this.stopWaitingForRoom?.()
      this.stopWaitingForRoom = undefined
      this.requeueStranded()
      this.pump()
    })
  }

  /**
   * A write found the disk full and the reserve was given back so the database can write that
   * down. Jobs still running would fill that space with their own files (a 2400 px thumbnail
   * set is about 1 MB), and then nothing could be recorded: stop them; they are queued again.
   */
  private stopRunningForRoom(): void {
    for (const controller of this.running.values())
      if (!controller.signal.aborted)
        controller.abort(new NoRoom('stopped: the disk that holds the library is full'))
  }

  /** Jobs whose results the full disk refused go back to the queue (their work is redone). */
  private requeueStranded(): void {
    const now = this.now()
    for (const [id, job] of this.stranded) {
      try {
        this.jobs.transaction(() => {
          this.jobs.enqueue(job.kind, job.assetId, job.priority, now)
          this.assets.advance(job.assetId, 'processing', 'queued', now)
        })
        this.stranded.delete(id)
      } catch (error) {
        this.logger.warn(`jobs: job ${id} stays to be queued again once there is room`, error)
        return
      }
    }
  }

  private settle(): void {
    if (!this.isIdle()) return
    this.emitProgress(true)
    this.pauseWaiters = []
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  /** Starts a job; false when it was set aside instead (the batch of jobs must be re-read). */
  private launch(job: JobRow, lane: Lane): boolean {
    const asset = this.assets.get(job.assetId)
    const now = this.now()
    if (!asset || asset.status === 'missing' || asset.status === 'discovered') {
      // Gone, missing, or changed since it was queued (a rescan restarts it): drop the step.
      this.jobs.done(job.id)
      return false
    }
    if (asset.rootStatus === 'offline') {
      this.jobs.deferRoot(
        asset.rootId,
        'The library folder is offline.',
        now + OFFLINE_DELAY_MS,
        now,
      )
      return false
    }
    this.jobs.transaction(() => {
      this.jobs.start(job.id, now)
      this.assets.advance(asset.id, 'queued', 'processing', now)
    })
    this.changes.changedIds([asset.id])
    const handler = this.handlers[job.kind]
    const controller = new AbortController()
    const timer = setTimeout(
      () =>
        controller.abort(new Error(`took longer than ${Math.round(handler.timeoutMs / 1000)} s`)),
      handler.timeoutMs,
    )
    this.running.set(job.id, controller)
    this.busy[lane]++
    // A stopped job is over when it is stopped, whether or not its handler answers: a native
    // call stuck inside it (libvips after a failed write on a full disk) must not hold the job,
    // its lane and everyone waiting for the queue to be still. Its late answer is ignored.
    Promise.race([handler.run(asset, this.context, controller.signal), stopped(controller.signal)])
      .then(
        (next) => this.succeeded(job, next),
        (error: unknown) => this.failed(job, error, controller.signal),
      )
      .catch((error: unknown) => this.bookkeepingFailed(job, error))
      .finally(() => {
        clearTimeout(timer)
        this.changes.changedIds([job.assetId])
        this.running.delete(job.id)
        this.busy[lane]--
        if (this.running.size === 0) {
          for (const resolve of this.drainWaiters.splice(0)) resolve()
          // Paused for room and nothing runs: no asset stays marked processing meanwhile.
          if (this.stopWaitingForRoom && !this.closing) this.settlePipeline()
        }
        this.emitProgress(false)
        this.pump()
      })
    return true
  }

  /**
   * The job ran, but writing down its result failed. Out of space: it runs again once there is
   * room. Anything else: said in the log with its context, and on the asset in a sentence; the
   * rest of the queue goes on.
   */
  private bookkeepingFailed(job: JobRow, error: unknown): void {
    if (isOutOfSpace(error)) {
      this.stranded.set(job.id, job)
      this.storage.full(error)
      this.stopRunningForRoom()
      this.requeueStranded()
      return
    }
    this.logger.error(
      `jobs: recording the result of ${job.kind} (job ${job.id}) for asset ${job.assetId} failed`,
      error,
    )
    const reason = error instanceof Error ? error.message : String(error)
    const message = `Marquee could not record the result of processing (${job.kind}): ${reason}. Run 'marquee retry ${job.assetId}' to process it again.`
    try {
      const now = this.now()
      this.jobs.transaction(() => {
        this.jobs.fail(job.id, message, now)
        this.jobs.cancel([job.assetId])
        this.assets.setStatus(job.assetId, 'failed', message, now)
      })
      this.failedCount++
    } catch (again) {
      if (isOutOfSpace(again)) {
        this.stranded.set(job.id, job)
        this.storage.full(again)
      } else this.logger.error(`jobs: asset ${job.assetId} could not be marked failed`, again)
    }
  }

  private succeeded(job: JobRow, next: JobName[]): void {
    const now = this.now()
    this.jobs.transaction(() => {
      this.jobs.done(job.id)
      const asset = this.assets.get(job.assetId)
      if (!asset || asset.status !== 'processing') return
      for (const kind of next) this.jobs.enqueue(kind, job.assetId, job.priority, now)
      if (!this.jobs.hasPending(job.assetId))
        this.assets.advance(job.assetId, 'processing', 'ready', now)
    })
    this.doneCount++
    this.firstDoneAt ||= now
  }

  private failed(job: JobRow, error: unknown, signal: AbortSignal): void {
    if (this.closing) {
      // Stopped by the shutdown, not failed: queued again when close() is done.
      this.stranded.set(job.id, job)
      return
    }
    if (signal.reason instanceof NoRoom) {
      // Stopped so that what the reserve gave back is left for the database: queued again.
      this.stranded.set(job.id, job)
      this.requeueStranded()
      return
    }
    const now = this.now()
    if (error instanceof RootUnavailable) {
      // The share stopped answering mid-read: not the file's fault, and no attempt spent. The
      // job is queued afresh and waits with the rest of its root's, as for an offline root.
      this.jobs.transaction(() => {
        this.jobs.enqueue(job.kind, job.assetId, job.priority, now)
        this.jobs.deferRoot(error.rootId, error.message, now + OFFLINE_DELAY_MS, now)
        this.assets.advance(job.assetId, 'processing', 'queued', now)
      })
      return
    }
    if (!signal.aborted && isOutOfSpace(error)) {
      // Not the file's fault either: back to the queue, to run once there is room. (Pausing
      // first gives back the space kept in reserve, so this can be written down.)
      this.storage.full(error)
      this.stopRunningForRoom()
      this.stranded.set(job.id, job)
      this.requeueStranded()
      return
    }
    const aborted = signal.aborted
      ? `It ${(signal.reason as Error)?.message ?? 'was stopped'}.`
      : null
    const gone = (error as NodeJS.ErrnoException)?.code === 'ENOENT'
    const message =
      aborted ??
      (gone
        ? 'The file is no longer there: it was moved or deleted after it was indexed. A rescan will find it.'
        : error instanceof Error
          ? error.message
          : String(error))
    const permanent = error instanceof PermanentFailure || gone
    const attempts = job.attempts + 1
    this.jobs.transaction(() => {
      if (permanent || attempts >= MAX_ATTEMPTS) {
        this.failedCount++
        this.jobs.fail(job.id, message, now)
        this.jobs.cancel([job.assetId])
        this.assets.setStatus(job.assetId, 'failed', message, now)
      } else {
        this.jobs.retry(job.id, message, now + this.backoff(attempts), now)
        this.assets.advance(job.assetId, 'processing', 'queued', now)
      }
    })
    if (!permanent)
      this.logger.debug(
        `jobs: ${job.kind} of asset ${job.assetId} failed (attempt ${attempts}): ${message}`,
      )
  }

  private emitProgress(force: boolean): void {
    // A queue nobody started (a CLI that only scans) has no progress to tell, and its counts
    // read every job row: ~10 ms per 100k files at the end of each such scan.
    if (this.closing || !this.started) return
    const now = this.now()
    if (!force && now - this.lastProgress < PROGRESS_INTERVAL_MS) {
      this.progressTimer ??= setTimeout(() => {
        this.progressTimer = undefined
        this.emitProgress(true)
      }, PROGRESS_INTERVAL_MS).unref()
      return
    }
    this.lastProgress = now
    const { queued, running, failed, done, rate, etaMs, paused } = this.progress()
    this.events.emit('jobs.progress', { queued, running, failed, done, rate, etaMs, paused })
  }
}

/**
 * Opening a library on a full disk must not fail: the first write there finds no room, so the
 * storage gate pauses the queue and gives back its reserve, and the write is tried once more.
 */
function retryOnceRoomIsMade<T>(storage: StorageGate, write: () => T): T {
  try {
    return write()
  } catch (error) {
    if (!isOutOfSpace(error)) throw error
    storage.full(error)
    return write()
  }
}

/** Rejects with the signal's reason once it is aborted. */
function stopped(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}

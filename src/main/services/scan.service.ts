import type { Worker } from 'node:worker_threads'
import type { ScanCounts, ScanResult } from '../../shared/domain'
import type { EventBus } from '../events'
import type { Logger } from '../logger'
import type { RootsRepository } from '../repositories/roots.repository'
import type { ScansRepository } from '../repositories/scans.repository'
import { startScanThreads, type ScanThreadsData } from '../scan/scan-threads'
import type { ScanWorkerMessage } from '../scan/scan.worker'
import type { WorkerSpecs } from '../workers'
import { isOutOfSpace } from '../errors'
import type { RootsService } from './roots.service'
import type { StorageGate } from './storage.service'

export interface ScanSettings {
  databasePath: string
  nativeBinding?: string | undefined
  /** How long a root may leave a filesystem call unanswered before it is declared offline. */
  fsTimeoutMs: number
  /** Files modified more recently than this are left for the next scan. */
  settleMs: number
  /**
   * Checkpoints the WAL from this thread while a scan writes, this often (ms): a first scan
   * then ends with little left to copy instead of ~50 MB per 100k files. For the CLI, whose main
   * thread has nothing else to do meanwhile; not in the app, whose main thread answers the UI
   * (a checkpoint fsyncs). See docs/indexing.md, "Speed", round 6.
   */
  checkpointEveryMs?: number | undefined
}

export interface ScanOptions {
  confirmEmpty?: boolean
  /**
   * Scans nobody asked for (start-up, watch events, timers) leave files modified in the last
   * moments for later: they may still be being copied. A scan the user asks for takes all.
   */
  background?: boolean
}

/** Where a finished scan hands its new and changed files (the processing queue). */
export interface ScanFollowUp {
  queueDiscovered(): number
}

const NO_ROOM =
  "Not scanned: the disk that holds Marquee's library is full. The scan runs again once there is room."

/** How long after the settle time a left-over file is looked at again. */
const SETTLE_MARGIN_MS = 500
/** The longest wait between rescans for files that are still being written. */
const LATER_MAX_MS = 5 * 60_000

const ZERO: ScanCounts = { seen: 0, added: 0, changed: 0, moved: 0, missing: 0, restored: 0 }

/**
 * Runs scans on worker threads and owns what they mean for a root's status. One scan per root
 * at a time; a root whose filesystem stops answering is declared offline by a watchdog here,
 * on the main thread, and its stuck worker is left to die when the call returns.
 */
export class ScanService {
  private readonly running = new Map<number, Promise<ScanResult>>()
  /** A root's threads that were given up on while stuck in a call, until each has ended. */
  private readonly stuck = new Map<number, Set<Worker>>()
  private readonly workers = new Map<Worker, number>()
  private readonly cancelled = new Set<number>()
  /** Rescans due once files a background scan left (still being written) have settled. */
  private readonly later = new Map<number, NodeJS.Timeout>()
  private readonly laterDelay = new Map<number, number>()
  private readonly waitingForRoom = new Set<number>()
  private stopWaitingForRoom: (() => void) | undefined
  /** Roots whose running scan is a background one (it leaves fresh files for later). */
  private readonly inBackground = new Set<number>()
  private closing = false

  constructor(
    private readonly roots: RootsService,
    private readonly rootsRepository: RootsRepository,
    private readonly scans: ScansRepository,
    private readonly events: EventBus,
    private readonly followUp: ScanFollowUp,
    private readonly storage: StorageGate,
    private readonly specs: WorkerSpecs,
    private readonly settings: ScanSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether any root is being scanned (background work waits for the end). */
  anyRunning(): boolean {
    return this.running.size > 0
  }

  isScanning(rootId: number): boolean {
    return this.running.has(rootId)
  }

  /** Rescans the given roots (all when none), concurrently, and returns each result. */
  scanMany(ids: number[] | undefined, options: ScanOptions = {}): Promise<ScanResult[]> {
    const targets = ids ?? this.rootsRepository.list().map((r) => r.id)
    return Promise.all(targets.map((id) => this.scan(id, options)))
  }

  /**
   * Scans a root, or joins the scan of it that is running. Someone asking for a full scan while
   * a background one runs gets a full one after it: the background scan may leave files out.
   */
  scan(rootId: number, options: ScanOptions = {}): Promise<ScanResult> {
    const current = this.running.get(rootId)
    if (current && !options.background && this.inBackground.has(rootId)) {
      // What the two found together is what the asker sees: files the background scan added
      // are not "already there" to someone who just added the folder.
      return current.then((first) =>
        this.closing || this.cancelled.has(rootId)
          ? first
          : this.scan(rootId, options).then((second) => combined(first, second)),
      )
    }
    if (current) return current
    const root = this.roots.get(rootId)
    const started = this.now()
    if (this.stuck.has(rootId)) {
      return Promise.resolve(
        this.result(rootId, 'aborted', `${root.path} is still not answering.`, ZERO, started),
      )
    }
    // A scan writes what it finds into the database: not while the disk under it is full.
    if (!this.storage.hasRoom()) {
      this.afterRoom(rootId)
      return Promise.resolve(this.result(rootId, 'aborted', NO_ROOM, ZERO, started))
    }
    const promise = this.run(rootId, options, started).finally(() => {
      this.running.delete(rootId)
      this.inBackground.delete(rootId)
    })
    this.running.set(rootId, promise)
    if (options.background) this.inBackground.add(rootId)
    return promise
  }

  /** Stops the scan of a root that is being removed, and waits until it has stopped. */
  async cancel(rootId: number): Promise<void> {
    const running = this.running.get(rootId)
    if (!running) return
    this.cancelled.add(rootId)
    for (const [worker, id] of this.workers) if (id === rootId) void worker.terminate()
    await running.catch(() => undefined)
    this.cancelled.delete(rootId)
  }

  /**
   * Forgets a root (files on disk are never touched) after stopping its scan, so no scan writes
   * rows for a root that is gone. It lives here, not in RootsService, because only this service
   * knows the running scans (and it depends on RootsService, not the other way round).
   */
  async removeRoot(rootId: number): Promise<{ id: number }> {
    this.roots.get(rootId)
    await this.cancel(rootId)
    return this.roots.remove(rootId)
  }

  /**
   * A background scan left files that were still being written: "later" is one settle time
   * from now (a folder added right after a copy must not wait for a change that never comes),
   * then twice as long each time the same root still has such files (a file written for an
   * hour must not rescan a big root every few seconds), up to LATER_MAX_MS.
   */
  private scanLater(rootId: number): void {
    if (this.closing || this.cancelled.has(rootId) || this.later.has(rootId)) return
    const delay = this.laterDelay.get(rootId) ?? this.settings.settleMs + SETTLE_MARGIN_MS
    this.laterDelay.set(rootId, Math.min(delay * 2, LATER_MAX_MS))
    this.later.set(
      rootId,
      setTimeout(() => {
        this.later.delete(rootId)
        if (this.closing || !this.rootsRepository.get(rootId)) return
        this.scan(rootId, { background: true }).catch((error: unknown) =>
          this.logger.warn(`scan of root ${rootId} failed`, error),
        )
      }, delay),
    )
  }

  /** A scan refused for lack of room runs (in the background) once there is room again. */
  private afterRoom(rootId: number): void {
    this.waitingForRoom.add(rootId)
    this.stopWaitingForRoom ??= this.storage.onResume(() => {
      this.stopWaitingForRoom?.()
      this.stopWaitingForRoom = undefined
      const roots = [...this.waitingForRoom]
      this.waitingForRoom.clear()
      for (const id of roots) {
        if (this.closing || !this.rootsRepository.get(id)) continue
        this.scan(id, { background: true }).catch((error: unknown) =>
          this.logger.warn(`scan of root ${id} failed`, error),
        )
      }
    })
  }

  /** Stops every running scan (their database writes are atomic batches) and waits for them. */
  async close(): Promise<void> {
    this.closing = true
    this.stopWaitingForRoom?.()
    for (const timer of this.later.values()) clearTimeout(timer)
    this.later.clear()
    await Promise.all([...this.workers.keys()].map((w) => w.terminate()))
  }

  private async run(rootId: number, options: ScanOptions, started: number): Promise<ScanResult> {
    const root = this.roots.get(rootId)
    const before = root.status === 'scanning' ? 'online' : root.status
    const identity = this.rootsRepository.identity(rootId)!
    const scanId = this.scans.start(rootId, started)
    this.roots.setStatus(rootId, 'scanning', before === 'offline' ? root.statusReason : null)
    const data: ScanThreadsData = {
      databasePath: this.settings.databasePath,
      nativeBinding: this.settings.nativeBinding,
      settleMs: options.background ? this.settings.settleMs : 0,
      request: {
        rootId,
        rootPath: root.path,
        scanId,
        exclusions: root.exclusions,
        indexAllFiles: root.indexAllFiles,
        network: root.kind === 'network',
        identity,
        confirmEmpty: options.confirmEmpty === true,
      },
    }
    // A root scanned before is rescanned: its walk is what the scan waits for (walkerCount).
    const message = await this.watch(rootId, data, started, root.lastScanAt !== null)
    if (message.type === 'lost') this.restoreIndexes()
    let result: ScanResult
    if (message.type === 'done' && message.outcome.status === 'completed') {
      result = this.result(rootId, 'completed', null, message.outcome.counts, started)
      this.rootsRepository.setIdentity(rootId, message.outcome.identity, this.now())
      this.roots.setStatus(rootId, 'online', null)
      if ((message.outcome.counts.unsettled ?? 0) > 0) this.scanLater(rootId)
      else this.laterDelay.delete(rootId)
    } else {
      let reason: string
      const noRoom = message.type === 'failed' && isOutOfSpace(message.message)
      if (noRoom) reason = NO_ROOM
      else if (message.type === 'failed')
        reason = `Scanning ${root.path} failed: ${message.message}`
      else if (message.type === 'lost') reason = message.reason
      else reason = message.outcome.status === 'aborted' ? message.outcome.reason : ''
      const counts = message.type === 'done' ? message.outcome.counts : ZERO
      result = this.result(rootId, 'aborted', reason, counts, started)
      if (noRoom) {
        // The library's disk is full, not the root gone: the root keeps its status.
        this.storage.full(new Error(message.message), this.settings.databasePath)
        this.afterRoom(rootId)
        this.roots.setStatus(rootId, before, before === 'offline' ? root.statusReason : null)
      } else if (this.closing || this.cancelled.has(rootId)) {
        this.roots.setStatus(rootId, before, before === 'offline' ? root.statusReason : null)
      } else this.roots.setStatus(rootId, 'offline', reason)
    }
    this.scans.finish(scanId, result, this.now())
    // The worker queued what it found in its own connection; the queue must hear of it here.
    if (!this.closing) this.followUp.queueDiscovered()
    this.events.emit('scan.progress', {
      rootId,
      phase: 'done',
      rate: rate(result.seen, started, this.now()),
      ...pickCounts(result),
    })
    return result
  }

  /** Runs the scan's threads under a watchdog; resolves with its last word, or why it had none. */
  private watch(
    rootId: number,
    data: ScanThreadsData,
    started: number,
    rescan: boolean,
  ): Promise<
    Extract<ScanWorkerMessage, { type: 'done' | 'failed' }> | { type: 'lost'; reason: string }
  > {
    return new Promise((resolve) => {
      let settled = false
      const { scan: worker, walkers } = startScanThreads(this.specs, data, rescan)
      const threads = [worker, ...walkers]
      for (const thread of threads) this.workers.set(thread, rootId)
      const finish = (value: Parameters<typeof resolve>[0]): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        clearInterval(checkpoints)
        // Done with it however the scan ended (an early end leaves it walking).
        for (const walker of walkers) void walker.terminate()
        resolve(value)
      }
      const hung = (): void => {
        const seconds = Math.round(this.settings.fsTimeoutMs / 1000)
        this.logger.warn(
          `scan: ${data.request.rootPath} did not answer for ${seconds} s; giving up on it`,
        )
        // Either thread may be the one stuck: the walker in the walk, the scan worker in its
        // checks of the root. The root scans again once both have ended.
        const alive = threads.filter((w) => this.workers.has(w))
        if (alive.length > 0) this.stuck.set(rootId, new Set(alive))
        void worker.terminate()
        finish({
          type: 'lost',
          reason: `${data.request.rootPath} stopped answering (nothing for ${seconds} s). Nothing was marked missing; Marquee will check again and rescan it when it answers.`,
        })
      }
      let timer = setTimeout(hung, this.settings.fsTimeoutMs)
      const every = this.settings.checkpointEveryMs
      const checkpoints = every ? setInterval(() => this.checkpoint(), every) : undefined
      worker.on('message', (message: ScanWorkerMessage) => {
        clearTimeout(timer)
        timer = setTimeout(hung, this.settings.fsTimeoutMs)
        if (message.type === 'progress') {
          const { type: _type, ...progress } = message
          this.events.emit('scan.progress', {
            rootId,
            rate: rate(progress.seen, started, this.now()),
            ...progress,
          })
        } else if (message.type === 'done' || message.type === 'failed') finish(message)
      })
      worker.on('error', (error) => finish({ type: 'failed', message: error.message }))
      worker.on('exit', () => {
        this.ended(rootId, worker)
        finish({
          type: 'lost',
          reason: this.closing ? 'Marquee is closing.' : 'The scan stopped unexpectedly.',
        })
      })
      // The scan worker hears of a walker that failed (its channel closes) and reports it.
      for (const walker of walkers) {
        walker.on('error', (error) => this.logger.warn('scan: the walker failed', error))
        walker.on('exit', () => this.ended(rootId, walker))
      }
    })
  }

  private ended(rootId: number, thread: Worker): void {
    this.workers.delete(thread)
    const stuck = this.stuck.get(rootId)
    if (stuck?.delete(thread) && stuck.size === 0) this.stuck.delete(rootId)
  }

  private checkpoint(): void {
    try {
      this.scans.checkpoint()
    } catch (error) {
      // Only an earlier copy of the WAL is lost: the scan worker checkpoints at its end.
      this.logger.warn('scan: could not checkpoint the database while scanning', error)
    }
  }

  /** A worker stopped from outside cannot build the indexes it dropped: build them here. */
  private restoreIndexes(): void {
    try {
      this.scans.restoreIndexes()
    } catch (error) {
      // The note stays: the next scan's end or the next start builds them.
      this.logger.warn('scan: could not rebuild the indexes a bulk load deferred', error)
    }
  }

  private result(
    rootId: number,
    status: ScanResult['status'],
    reason: string | null,
    counts: ScanCounts,
    started: number,
  ): ScanResult {
    return { rootId, status, reason, ...pickCounts(counts), durationMs: this.now() - started }
  }
}

function pickCounts(c: ScanCounts): ScanCounts {
  return {
    seen: c.seen,
    added: c.added,
    changed: c.changed,
    moved: c.moved,
    missing: c.missing,
    restored: c.restored,
  }
}

function rate(seen: number, started: number, now: number): number {
  const seconds = (now - started) / 1000
  return seconds > 0 ? Math.round(seen / seconds) : 0
}

/** A background scan and the full one that followed it, as one answer. */
function combined(first: ScanResult, second: ScanResult): ScanResult {
  return {
    ...second,
    added: first.added + second.added,
    changed: first.changed + second.changed,
    moved: first.moved + second.moved,
    missing: first.missing + second.missing,
    restored: first.restored + second.restored,
    durationMs: first.durationMs + second.durationMs,
  }
}

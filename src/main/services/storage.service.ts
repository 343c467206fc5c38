import type { StorageChange, StorageStatus } from '../../shared/domain'
import { join } from 'node:path'
import type { EventBus } from '../events'
import { formatBytes } from '../format'
import type { Logger } from '../logger'
import type { StorageRepository, VolumeSpace } from '../repositories/storage.repository'

export interface StorageSettings {
  /** Below this much free space new work waits; default: 500 MB or 2 % of the volume, less. */
  lowWaterBytes?: number
  /** How often free space is checked while work is paused. */
  checkMs: number
}

export const DEFAULT_STORAGE_SETTINGS: StorageSettings = { checkMs: 5_000 }

/** `MARQUEE_LOW_WATER_MB` sets the low-water mark (every face reads it). */
export function storageSettingsFromEnv(env: NodeJS.ProcessEnv): Partial<StorageSettings> {
  const mb = Number(env.MARQUEE_LOW_WATER_MB)
  return env.MARQUEE_LOW_WATER_MB && Number.isFinite(mb) && mb >= 0
    ? { lowWaterBytes: Math.round(mb * 1000 * 1000) }
    : {}
}

const LOW_WATER_MAX = 500 * 1000 * 1000
const LOW_WATER_RATIO = 0.02
const MARGIN_MAX = 200 * 1000 * 1000
/** Space kept back for the database to record a full disk: 1 % of the volume, within these. */
const RESERVE_MIN = 256 * 1024
// Enough for the database to write down a pause many times over; written once per library.
const RESERVE_MAX = 8 * 1000 * 1000
const RESERVE_RATIO = 0.01
/** How long a free-space reading is trusted before statfs is asked again. */
const READING_TTL_MS = 1_000

/** What the job queue, scans and imports ask before they write to the data directory's disk. */
export interface StorageGate {
  /** Whether new work may write now (false while paused; checks the low-water mark). */
  hasRoom(): boolean
  /** A write failed for lack of space: pause until there is room again. */
  full(error?: unknown, path?: string): void
  /** Called once each time paused work may go on. */
  onResume(listener: () => void): () => void
  /** Called once each time work pauses (whoever noticed: a failed write, a low reading). */
  onPause(listener: () => void): () => void
}

/**
 * Out of space is a state, not a crash: a write that fails with ENOSPC, EDQUOT or SQLITE_FULL,
 * or free space below the low-water mark, pauses the work that writes to the data directory's
 * volume; free space is then checked every few seconds, and work resumes by itself once there
 * is room (the low-water mark plus a margin). Every change is an event with a sentence.
 */
export class StorageService implements StorageGate {
  private reading: (VolumeSpace & { at: number }) | undefined
  private reason: StorageStatus['reason'] = null
  private failedPath: string | null = null
  private timer: NodeJS.Timeout | undefined
  private readonly resumeListeners = new Set<() => void>()
  private readonly pauseListeners = new Set<() => void>()
  private reserveHeld = false
  /** Free space right after a write failed (and what we could give back was given back). */
  private freeWhenFull: number | null = null

  constructor(
    private readonly repository: StorageRepository,
    private readonly events: EventBus,
    private readonly dataDir: string,
    private readonly settings: StorageSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.holdReserve()
  }

  status(): StorageStatus {
    const space = this.space(true)
    const lowWater = this.lowWater(space)
    const margin = Math.min(MARGIN_MAX, lowWater)
    // Room again means room above the mark, and for the reserve given back meanwhile; after a
    // failed write, also more than there was then (what we gave back ourselves does not count).
    const resumeAt = Math.max(
      lowWater + margin + (this.reserveHeld ? 0 : this.reserveBytes(space)),
      this.freeWhenFull === null ? 0 : this.freeWhenFull + margin,
    )
    return {
      dataDir: this.dataDir,
      freeBytes: space.freeBytes,
      totalBytes: space.totalBytes,
      lowWater,
      resumeAt,
      paused: this.reason !== null,
      reason: this.reason,
      message: this.reason === null ? null : this.sentence(space.freeBytes, resumeAt),
    }
  }

  hasRoom(): boolean {
    if (this.reason !== null) return false
    const space = this.space(false)
    if (space.freeBytes >= this.lowWater(space)) return true
    this.pause('low', null)
    return false
  }

  full(error?: unknown, path?: string): void {
    if (error !== undefined)
      this.logger.debug(
        `storage: a write failed for lack of space${path ? ` (${path})` : ''}`,
        error,
      )
    this.pause('full', path ?? null)
  }

  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener)
    return () => this.resumeListeners.delete(listener)
  }

  onPause(listener: () => void): () => void {
    this.pauseListeners.add(listener)
    return () => this.pauseListeners.delete(listener)
  }

  close(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  private pause(reason: 'full' | 'low', path: string | null): void {
    // What the reserve held goes back first, so the database can write down the pause.
    if (reason === 'full' && this.reserveHeld) {
      this.repository.releaseReserve(this.reservePath)
      this.reserveHeld = false
    }
    const first = this.reason === null
    // A failed write says more than a low reading; keep the stronger reason.
    if (first || reason === 'full') this.reason = reason
    this.failedPath = path ?? this.failedPath
    this.reading = undefined
    if (reason === 'full') this.freeWhenFull = this.space(true).freeBytes
    if (!first) return
    this.announce()
    for (const listener of [...this.pauseListeners]) {
      try {
        listener()
      } catch (error) {
        this.logger.error('storage: pausing work failed', error)
      }
    }
    this.timer = setInterval(() => this.check(), this.settings.checkMs)
    this.timer.unref()
  }

  /** While paused: is there room again? */
  private check(): void {
    const status = this.status()
    if (status.freeBytes < status.resumeAt) return
    clearInterval(this.timer)
    this.timer = undefined
    this.reason = null
    this.failedPath = null
    this.freeWhenFull = null
    this.holdReserve()
    this.logger.info(`storage: ${formatBytes(status.freeBytes)} free again; work resumes`)
    this.announce()
    for (const listener of [...this.resumeListeners]) {
      try {
        listener()
      } catch (error) {
        this.logger.error('storage: resuming work failed', error)
      }
    }
  }

  private announce(): void {
    const status = this.status()
    const change: StorageChange = {
      ...status,
      volume: this.dataDir,
      path: this.failedPath,
      neededBytes: status.paused ? neededBytes(status.freeBytes, status.resumeAt) : 0,
    }
    // Said to the user by the banner and by the CLI; the log keeps a line.
    if (status.message) this.logger.info(`storage: ${status.message}`)
    this.events.emit('storage.changed', change)
  }

  private sentence(freeBytes: number, resumeAt: number): string {
    const needed = formatBytes(neededBytes(freeBytes, resumeAt))
    const disk = `The disk that holds Marquee's library (${this.dataDir})`
    return this.reason === 'full'
      ? `${disk} is full — free at least ${needed}; processing is paused and resumes by itself.`
      : `${disk} is almost full (${formatBytes(freeBytes)} free) — free at least ${needed}; processing is paused and resumes by itself.`
  }

  private get reservePath(): string {
    return join(this.dataDir, 'space-reserve')
  }

  private reserveBytes(space: VolumeSpace): number {
    return Math.min(
      RESERVE_MAX,
      Math.max(RESERVE_MIN, Math.floor(space.totalBytes * RESERVE_RATIO)),
    )
  }

  private holdReserve(): void {
    const space = this.space(true)
    if (space.totalBytes === 0) return
    this.reserveHeld = this.repository.holdReserve(this.reservePath, this.reserveBytes(space))
    this.reading = undefined
  }

  private lowWater(space: VolumeSpace): number {
    return (
      this.settings.lowWaterBytes ??
      Math.min(LOW_WATER_MAX, Math.floor(space.totalBytes * LOW_WATER_RATIO))
    )
  }

  /** Free space now (statfs at most once a second unless `fresh`); unknown counts as plenty. */
  private space(fresh: boolean): VolumeSpace {
    const at = this.now()
    if (!fresh && this.reading && at - this.reading.at < READING_TTL_MS) return this.reading
    try {
      this.reading = { ...this.repository.space(this.dataDir), at }
    } catch (error) {
      this.logger.debug(`storage: free space of ${this.dataDir} unknown`, error)
      this.reading = { freeBytes: Number.MAX_SAFE_INTEGER, totalBytes: 0, at }
    }
    return this.reading
  }
}

/**
 * What to ask the user to free: enough to reach the resume mark, and never a trivial amount
 * (space given back by the reserve or a deleted partial file can make the gap look tiny).
 */
function neededBytes(freeBytes: number, resumeAt: number): number {
  return Math.round(Math.max(resumeAt - freeBytes, resumeAt / 2))
}

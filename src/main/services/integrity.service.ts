import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { VerifyFinding, VerifyReport } from '../../shared/domain'
import type { Logger } from '../logger'
import type { IntegrityRepository, VerifyAsset } from '../repositories/integrity.repository'
import type { OriginalsRepository } from '../repositories/originals.repository'
import type { AssetChangesService } from './asset-changes.service'

export interface IntegritySettings {
  /** Each ready asset is re-read this often (default 30 days). */
  everyMs: number
  /** The background check reads at most this many bytes a second (default 20 MB/s). */
  maxBytesPerSecond: number
  /** It waits this long after the user's last call before reading (default 60 s). */
  quietMs: number
  /** How often it looks for due assets (default 10 minutes). */
  checkEveryMs: number
}

const DAY = 24 * 3600_000
export const DEFAULT_INTEGRITY_SETTINGS: IntegritySettings = {
  everyMs: 30 * DAY,
  maxBytesPerSecond: 20 * 1024 * 1024,
  quietMs: 60_000,
  checkEveryMs: 10 * 60_000,
}

/** MARQUEE_VERIFY_DAYS and MARQUEE_VERIFY_MBPS override the defaults (app, serve and CLI). */
export function integritySettingsFrom(env: NodeJS.ProcessEnv): Partial<IntegritySettings> {
  const days = Number(env.MARQUEE_VERIFY_DAYS)
  const mbps = Number(env.MARQUEE_VERIFY_MBPS)
  return {
    ...(days > 0 ? { everyMs: days * DAY } : {}),
    ...(mbps > 0 ? { maxBytesPerSecond: mbps * 1024 * 1024 } : {}),
  }
}

const CHUNK = 1024 * 1024
const BATCH = 50
const BUSY_POLL_MS = 2_000

type Outcome =
  | { kind: 'ok' | 'changed'; bytes: number; finding?: VerifyFinding }
  | { kind: 'modified' | 'unreadable'; finding: VerifyFinding }

/**
 * The bitrot check: re-reads ready assets and compares their bytes with the stored SHA-256. A
 * file whose bytes changed while its size and mtime did not is flagged `changed` (and refused by
 * exports); its hash and thumbnails are kept, nothing is "repaired". One whose size or mtime
 * changed was edited, which the scanner handles. In the background it runs only while no
 * processing is queued and the user has been quiet for a while, at a capped read rate.
 */
export class IntegrityService {
  private lastActivity = 0
  private timer: NodeJS.Timeout | undefined
  private round: Promise<void> | undefined
  private readonly stop = new AbortController()

  constructor(
    private readonly repo: IntegrityRepository,
    private readonly originals: OriginalsRepository,
    private readonly changes: AssetChangesService,
    private readonly settings: IntegritySettings,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /**
   * The user says the changed bytes of these flagged files are right: they are hashed and
   * processed again as they are now (the caller queues them). Files not flagged are left alone.
   */
  accept(ids: number[]): number {
    const accepted = this.repo.accept(ids, this.now())
    if (accepted > 0) this.changes.changedIds(ids)
    return accepted
  }

  /** A call from a user (the UI, the CLI): background reading waits for quiet. */
  noteActivity(): void {
    this.lastActivity = this.now()
  }

  start(): void {
    this.timer ??= setInterval(() => void this.backgroundRound(), this.settings.checkEveryMs)
    this.timer.unref()
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    this.stop.abort(new Error('Marquee is closing.'))
    await this.round?.catch(() => undefined)
  }

  /** `marquee verify`: every ready asset (of a root) now, at full speed, whatever is due. */
  async verify(rootId?: number): Promise<VerifyReport> {
    const started = this.now()
    const report: VerifyReport = {
      checked: 0,
      bytes: 0,
      durationMs: 0,
      changed: [],
      modified: [],
      unreadable: [],
    }
    let afterId = 0
    for (;;) {
      const page = this.repo.ready(rootId ?? null, afterId, BATCH)
      if (page.length === 0) break
      for (const asset of page) {
        const outcome = await this.verifyOne(asset, null)
        if (outcome.kind === 'ok' || outcome.kind === 'changed') {
          report.checked++
          report.bytes += outcome.bytes
        }
        if (outcome.kind !== 'ok') report[outcome.kind].push(outcome.finding!)
      }
      afterId = page.at(-1)!.id
    }
    report.durationMs = this.now() - started
    return report
  }

  /** One background round: due assets, oldest check first, paced and pausing for the user. */
  backgroundRound(): Promise<void> {
    if (this.round || this.busy()) return this.round ?? Promise.resolve()
    this.round = (async () => {
      const pace = new Pace(this.settings.maxBytesPerSecond, () => this.waitForQuiet())
      // Fixed for the round: a file checked in it is not due again until the next one.
      const cutoff = this.now() - this.settings.everyMs
      for (;;) {
        const due = this.repo.due(cutoff, BATCH)
        if (due.length === 0 || this.stop.signal.aborted) return
        for (const asset of due) {
          await this.waitForQuiet()
          const outcome = await this.verifyOne(asset, pace)
          // Edited, gone or unreadable: the scanner's business; looked at again next interval.
          if (outcome.kind === 'modified' || outcome.kind === 'unreadable')
            this.repo.touch(asset.id, this.now())
        }
      }
    })()
      .catch((error: unknown) => {
        if (!this.stop.signal.aborted) this.logger.error('integrity: a check round failed', error)
      })
      .finally(() => (this.round = undefined))
    return this.round
  }

  private busy(): boolean {
    return this.repo.queueBusy() || this.now() - this.lastActivity < this.settings.quietMs
  }

  private async waitForQuiet(): Promise<void> {
    while (this.busy()) {
      this.stop.signal.throwIfAborted()
      await sleep(BUSY_POLL_MS, this.stop.signal)
    }
    this.stop.signal.throwIfAborted()
  }

  private async verifyOne(asset: VerifyAsset, pace: Pace | null): Promise<Outcome> {
    const path = join(asset.rootPath, asset.dir, asset.name)
    const finding = (reason?: string): VerifyFinding => ({
      id: asset.id,
      path,
      ...(reason ? { reason } : {}),
    })
    if (asset.rootStatus === 'offline')
      return { kind: 'unreadable', finding: finding('its library folder is offline') }
    // The scanner's rule: within a millisecond is the same date (utimes and filesystems round).
    const edited = (stamp: { size: number; mtimeMs: number }) =>
      stamp.size !== asset.size || Math.abs(stamp.mtimeMs - asset.mtimeMs) > 1
    let sha256: string
    let bytes = 0
    try {
      const signal = this.stop.signal
      if (edited(await this.originals.stat(asset.rootId, path, signal)))
        return {
          kind: 'modified',
          finding: finding('its size or date changed: a rescan will process it again'),
        }
      const file = await this.originals.open(asset.rootId, path, signal)
      const hash = createHash('sha256')
      try {
        for (;;) {
          const chunk = await file.read(bytes, CHUNK)
          if (chunk.length === 0) break
          hash.update(chunk)
          bytes += chunk.length
          await pace?.take(chunk.length)
        }
      } finally {
        await file.close()
      }
      if (edited(await this.originals.stat(asset.rootId, path, signal)))
        return { kind: 'modified', finding: finding('it changed while it was being read') }
      sha256 = hash.digest('hex')
    } catch (error) {
      if (this.stop.signal.aborted) throw error
      const code = (error as NodeJS.ErrnoException).code
      return {
        kind: 'unreadable',
        finding: finding(code === 'ENOENT' ? 'the file is gone' : (error as Error).message),
      }
    }
    const now = this.now()
    if (sha256 === asset.sha256) {
      this.repo.markOk(asset.id, now)
      if (asset.integrity !== 'ok') this.changes.changedIds([asset.id])
      return { kind: 'ok', bytes }
    }
    this.repo.markChanged(asset.id, { expected: asset.sha256, actual: sha256 }, now)
    this.changes.changedIds([asset.id])
    this.logger.warn(`integrity: the bytes of ${path} changed while its size and mtime did not`)
    return {
      kind: 'changed',
      bytes,
      finding: { id: asset.id, path, expected: asset.sha256, actual: sha256 },
    }
  }
}

/** Keeps reads under a byte rate, and pauses them (restarting the clock) while the user works. */
class Pace {
  private startedAt = performance.now()
  private bytes = 0

  constructor(
    private readonly bytesPerSecond: number,
    private readonly waitForQuiet: () => Promise<void>,
  ) {}

  async take(bytes: number): Promise<void> {
    this.bytes += bytes
    const ahead = (this.bytes / this.bytesPerSecond) * 1000 - (performance.now() - this.startedAt)
    if (ahead > 0) await sleep(ahead)
    const before = performance.now()
    await this.waitForQuiet()
    if (performance.now() - before > 1) [this.startedAt, this.bytes] = [performance.now(), 0]
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })
}

import type { Root } from '../../shared/domain'
import type { EventBus } from '../events'
import type { Logger } from '../logger'
import type { FolderWatch, WatchFolder } from '../repositories/watcher.repository'
import type { RootsService } from './roots.service'
import type { ScanService } from './scan.service'

export interface WatchSettings {
  /** Periodic rescan of network roots (and of local roots whose watching failed). */
  networkIntervalMs: number
  /** How often an offline root is checked for its return. */
  offlineRetryMs: number
  /** How often the schedule is looked at. */
  tickMs: number
  /** Changes are batched for this long before a rescan. */
  debounceMs: number
  /** A root's events must be quiet for this long before its change is reported. */
  writeFinishMs: number
}

export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  networkIntervalMs: 5 * 60_000,
  offlineRetryMs: 15_000,
  tickMs: 2_000,
  debounceMs: 1_500,
  writeFinishMs: 2_000,
}

/**
 * Keeps the index current in the background: a rescan of every root at start, native events on
 * local roots, periodic rescans of network roots, and a regular look at offline roots so they
 * come back by themselves. Started only by the long-running faces (app, serve).
 */
export class LibraryWatchService {
  private readonly watches = new Map<number, FolderWatch>()
  private readonly polled = new Set<number>()
  private readonly pending = new Map<number, NodeJS.Timeout>()
  private readonly lastAttempt = new Map<number, number>()
  private timer: NodeJS.Timeout | undefined
  private unsubscribe: (() => void) | undefined

  constructor(
    private readonly roots: RootsService,
    private readonly scans: ScanService,
    private readonly events: EventBus,
    private readonly watchFolder: WatchFolder,
    private readonly settings: WatchSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.timer) return
    this.unsubscribe = this.events.subscribe((event) => {
      if (event === 'roots.changed') this.sync()
    })
    this.sync()
    this.timer = setInterval(() => this.tick(), this.settings.tickMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    this.unsubscribe?.()
    for (const timeout of this.pending.values()) clearTimeout(timeout)
    this.pending.clear()
    await Promise.all([...this.watches.values()].map((w) => w.close()))
    this.watches.clear()
  }

  /** Starts watching and scanning roots that are new, and forgets roots that are gone. */
  private sync(): void {
    const roots = this.roots.list()
    const ids = new Set(roots.map((r) => r.id))
    for (const [id, watch] of this.watches) {
      if (!ids.has(id)) {
        void watch.close()
        this.watches.delete(id)
      }
    }
    for (const root of roots) {
      if (this.lastAttempt.has(root.id)) continue
      this.lastAttempt.set(root.id, 0)
      if (root.kind === 'local') this.watch(root)
      this.rescan(root.id)
    }
    for (const id of this.lastAttempt.keys()) if (!ids.has(id)) this.lastAttempt.delete(id)
  }

  private watch(root: Root): void {
    try {
      this.watches.set(
        root.id,
        this.watchFolder(
          root.path,
          {
            changed: () => this.schedule(root.id),
            failed: (e, limit) => this.fallBack(root, e, limit),
          },
          this.settings.writeFinishMs,
        ),
      )
    } catch (error) {
      this.fallBack(root, error as Error, false)
    }
  }

  private fallBack(root: Root, error: Error, limit: boolean): void {
    this.logger.warn(`watch: ${root.path}: ${error.message}`)
    void this.watches.get(root.id)?.close()
    this.watches.delete(root.id)
    this.polled.add(root.id)
    const minutes = Math.round(this.settings.networkIntervalMs / 60_000)
    this.roots.setNotice(
      root.id,
      limit
        ? `The system's limit of watched folders was reached, so changes in ${root.label} are picked up by a rescan every ${minutes} min instead of at once.`
        : `Watching ${root.label} for changes failed (${error.message}); it is rescanned every ${minutes} min instead.`,
    )
  }

  private schedule(rootId: number): void {
    clearTimeout(this.pending.get(rootId))
    this.pending.set(
      rootId,
      setTimeout(() => {
        this.pending.delete(rootId)
        this.rescan(rootId)
      }, this.settings.debounceMs),
    )
  }

  private tick(): void {
    const now = this.now()
    for (const root of this.roots.list()) {
      if (this.scans.isScanning(root.id)) continue
      const last = this.lastAttempt.get(root.id) ?? 0
      const periodic = root.kind === 'network' || this.polled.has(root.id)
      const interval = root.scanIntervalMs ?? this.settings.networkIntervalMs
      if (
        root.status === 'offline'
          ? now - last >= this.settings.offlineRetryMs
          : periodic && now - last >= interval
      ) {
        this.rescan(root.id)
      }
    }
  }

  /**
   * Every scan this service starts goes through here, and is a background one: files modified
   * within the scanner's settle time are left for later, as they may still be being copied. A
   * local file is not left behind by that: the watcher reports a root only once its events have
   * been quiet for writeFinishMs, and the rescan waits debounceMs more, together longer than the
   * settle time by default; a file still left is picked up by the scan service's follow-up.
   */
  private rescan(rootId: number): void {
    this.lastAttempt.set(rootId, this.now())
    this.scans
      .scan(rootId, { background: true })
      .catch((error: unknown) => this.logger.warn(`scan of root ${rootId} failed`, error))
  }
}

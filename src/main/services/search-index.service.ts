import type { ScanProgress } from '../../shared/domain'
import type { EventBus } from '../events'
import type { Logger } from '../logger'
import type { SearchIndexRepository } from '../repositories/search-index.repository'

/** Assets indexed per transaction: short enough to keep the main thread responsive. */
const BATCH = 2_000
/** A search first indexes this many pending assets itself, so recent changes are found. */
const BEFORE_SEARCH = 5_000
const WAKE_DELAY_MS = 500

/**
 * Keeps full-text search up to date off the scanner's path: the database notes which assets
 * are new or changed, and this indexes them in small batches when the library has been quiet
 * for a moment (after a scan, as processing writes metadata), yielding between batches.
 */
export class SearchIndexService {
  private timer: NodeJS.Timeout | undefined
  private running = false
  private closed = false
  private readonly unsubscribe: () => void

  constructor(
    private readonly index: SearchIndexRepository,
    events: EventBus,
    private readonly logger: Logger,
    /** Whether a scan is running: the catching up waits for its end ('done' wakes it again). */
    private readonly scanning: () => boolean = () => false,
  ) {
    // Not while a scan runs: its worker writes through another connection, and the index
    // would only compete with it for the database.
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event === 'assets.changed') this.wake()
      if (event === 'scan.progress' && (payload as ScanProgress).phase === 'done') this.wake()
    })
  }

  /** Starts catching up with what earlier runs left (the library's owner calls it). */
  start(): void {
    this.wake()
  }

  /**
   * Called before a text search: indexes a bounded number of pending assets at once, so what
   * was just added or renamed is found. A first index of a million files catches up meanwhile.
   */
  beforeSearch(): void {
    this.indexUpTo(BEFORE_SEARCH)
  }

  /** Indexes everything pending now (tests, and a CLI that searches right after indexing). */
  catchUp(): void {
    while (this.indexUpTo(BATCH) > 0);
  }

  close(): void {
    this.closed = true
    clearTimeout(this.timer)
    this.unsubscribe()
  }

  private wake(): void {
    if (this.closed || this.timer || this.running) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.run()
    }, WAKE_DELAY_MS)
  }

  private async run(): Promise<void> {
    this.running = true
    try {
      // A scan's worker writes through its own connection; indexing beside it would take the
      // main thread and the database from it (a rescan right after a cold index ran 2× slower).
      while (!this.closed && !this.scanning() && this.indexUpTo(BATCH) > 0)
        await new Promise((resolve) => setImmediate(resolve))
    } catch (error) {
      // Search falls behind; browsing is unaffected. The next change or search tries again.
      this.logger.error('search: indexing pending assets failed', error)
    } finally {
      this.running = false
    }
  }

  private indexUpTo(limit: number): number {
    let taken = 0
    while (taken < limit) {
      const n = this.index.indexSome(Math.min(BATCH, limit - taken))
      taken += n
      if (n === 0) break
    }
    return taken
  }
}

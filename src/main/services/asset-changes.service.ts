import type { AssetChange, ScanProgress } from '../../shared/domain'
import type { EventBus } from '../events'

/** Batches go out at most this often (about four a second). */
export const CHANGE_BATCH_MS = 250
/** Past this many ids a batch says "resync" instead: refetching beats a huge id list. */
export const MAX_BATCH_IDS = 2_000

/**
 * Collects which assets changed (processing steps, tags, edits, removals) and tells renderers
 * in batches, so a queue finishing 500 thumbnails a second costs them four messages, not 500.
 * A finished scan that found anything, a removed root, or a bulk change over many ids is sent
 * as `resync`: the renderer refetches counts and the rows it shows.
 */
export class AssetChangesService {
  private changed = new Set<number>()
  private added = new Set<number>()
  private removed = new Set<number>()
  private resync = false
  private timer: NodeJS.Timeout | undefined
  private readonly unsubscribe: () => void
  private readonly structureListeners = new Set<() => void>()
  private readonly changeListeners = new Set<() => void>()

  constructor(
    private readonly events: EventBus,
    private readonly batchMs = CHANGE_BATCH_MS,
  ) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event === 'scan.progress') {
        const p = payload as ScanProgress
        if (p.phase === 'done' && p.added + p.changed + p.moved + p.missing + p.restored > 0)
          this.everything()
      }
    })
  }

  changedIds(ids: Iterable<number>): void {
    this.note(this.changed, ids)
  }

  addedIds(ids: Iterable<number>): void {
    this.note(this.added, ids)
  }

  removedIds(ids: Iterable<number>): void {
    this.note(this.removed, ids)
  }

  /** Too much changed to list (a scan, a root removed, a bulk action over a query). */
  everything(): void {
    this.resync = true
    this.schedule()
  }

  /** Runs `listener` after each batch of changes, whatever changed. */
  onChange(listener: () => void): void {
    this.changeListeners.add(listener)
  }

  /** Runs `listener` when assets were added or removed, or too much changed to list. */
  onStructureChange(listener: () => void): void {
    this.structureListeners.add(listener)
  }

  close(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.unsubscribe()
  }

  private note(set: Set<number>, ids: Iterable<number>): void {
    for (const id of ids) set.add(id)
    if (this.changed.size + this.added.size + this.removed.size > MAX_BATCH_IDS) this.resync = true
    this.schedule()
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.batchMs)
  }

  private flush(): void {
    this.timer = undefined
    const change: AssetChange = this.resync
      ? { changed: [], added: [], removed: [], resync: true }
      : {
          changed: [...this.changed].filter((id) => !this.removed.has(id)),
          added: [...this.added],
          removed: [...this.removed],
          resync: false,
        }
    this.changed = new Set()
    this.added = new Set()
    this.removed = new Set()
    this.resync = false
    if (change.resync || change.added.length > 0 || change.removed.length > 0)
      for (const listener of this.structureListeners) listener()
    for (const listener of this.changeListeners) listener()
    this.events.emit('assets.changed', change)
  }
}

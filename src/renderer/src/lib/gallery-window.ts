/**
 * The gallery's sparse window onto a query: pages of rows fetched by position, only those in
 * (or next to) view, evicted when the view moves far away. A million-asset library costs the
 * renderer a few thousand rows at most. Plain TypeScript (no Solid), so it is unit-tested
 * without a DOM; the store turns its notifications into signals.
 */
import type { AssetRow, GalleryQuery } from '../../../shared/domain'

export const PAGE_SIZE = 200

/** Sorts whose keys processing fills in or the user edits (date taken comes from metadata). */
const MOVING_SORTS = new Set(['date', 'rating', 'duration'])

/**
 * Whether processing or edits can change which assets a query holds, or their order: then a
 * batch of changed ids means a recount, not only fresh rows. Scope, type and name are fixed
 * when a file is found.
 */
export function followsProcessing(q: GalleryQuery): boolean {
  const filtered =
    q.statuses !== undefined ||
    q.minRating !== undefined ||
    q.tagIds !== undefined ||
    Boolean(q.text?.trim()) ||
    q.orientation !== undefined ||
    q.minWidth !== undefined ||
    q.minHeight !== undefined ||
    q.minDurationMs !== undefined ||
    q.maxDurationMs !== undefined ||
    q.duplicates === true ||
    q.similarTo !== undefined ||
    q.from !== undefined ||
    q.to !== undefined ||
    // Processing gives an asset its palette, and accepting new bytes clears its integrity.
    q.color !== undefined ||
    q.integrity !== undefined
  if (filtered || q.group === 'month') return true
  return q.group === undefined && MOVING_SORTS.has(q.sort ?? 'date')
}

export interface PageRequest {
  offset: number
  limit: number
  /** The cursor the previous page ended with, when that page is loaded (cheaper than offset). */
  after?: string
}

export interface PageAnswer {
  items: AssetRow[]
  next: string | null
}

export interface PageWindowOptions {
  fetchPage: (request: PageRequest) => Promise<PageAnswer>
  /** A page was set, refreshed or dropped: whatever shows its rows redraws. */
  onPage: (page: number) => void
  onError: (error: unknown) => void
  /** Pages kept on each side of the view before eviction. */
  keep?: number
  concurrency?: number
  /** While the scrollbar thumb flies, fetches wait this long after the last move. */
  settleMs?: number
}

export class PageWindow {
  private readonly pages = new Map<number, AssetRow[]>()
  /** The cursor that follows each loaded page. */
  private readonly cursors = new Map<number, string | null>()
  private readonly inFlight = new Set<number>()
  /** Loaded pages whose rows changed: fetched again, their old rows shown meanwhile. */
  private readonly stale = new Set<number>()
  private generation = 0
  private first = 0
  private last = -1
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly keep: number
  private readonly concurrency: number
  private readonly settleMs: number

  constructor(private readonly options: PageWindowOptions) {
    this.keep = options.keep ?? 4
    this.concurrency = options.concurrency ?? 2
    this.settleMs = options.settleMs ?? 90
  }

  rowAt(index: number): AssetRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE]
  }

  has(page: number): boolean {
    return this.pages.has(page)
  }

  loadedPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b)
  }

  /** Seeds a page fetched elsewhere (the first page comes with the total). */
  put(page: number, answer: PageAnswer): void {
    this.pages.set(page, answer.items)
    this.cursors.set(page, answer.next)
    this.options.onPage(page)
  }

  /** A new query: everything goes, and answers to earlier requests are ignored. */
  reset(): void {
    this.generation++
    clearTimeout(this.timer)
    const dropped = [...this.pages.keys()]
    this.pages.clear()
    this.cursors.clear()
    this.inFlight.clear()
    this.stale.clear()
    for (const page of dropped) this.options.onPage(page)
  }

  /**
   * The indexes on screen (plus the grid's margin). With `fast` (the thumb is being dragged
   * across the library) nothing is fetched until the view stays put for a moment.
   */
  setView(first: number, last: number, fast = false): void {
    this.first = first
    this.last = last
    this.evict()
    clearTimeout(this.timer)
    if (fast) this.timer = setTimeout(() => this.pump(), this.settleMs)
    else this.pump()
  }

  /** Loaded pages that hold any of these ids are fetched again. */
  refreshIds(ids: Iterable<number>): void {
    const wanted = new Set(ids)
    for (const [page, rows] of this.pages) {
      if (rows.some((row) => wanted.has(row.id))) this.stale.add(page)
    }
    this.pump()
  }

  /**
   * Rows moved (assets added or removed): every loaded page is fetched again by offset, since
   * the cursors may now point at different positions.
   */
  refreshAll(): void {
    this.cursors.clear()
    for (const page of this.pages.keys()) this.stale.add(page)
    this.pump()
  }

  /** What to fetch next: view pages nearest the middle first, then one page either side. */
  private queue(): number[] {
    if (this.last < this.first) return []
    const a = Math.floor(this.first / PAGE_SIZE)
    const b = Math.floor(this.last / PAGE_SIZE)
    const middle = (a + b) / 2
    const view: number[] = []
    for (let p = a; p <= b; p++) view.push(p)
    view.sort((x, y) => Math.abs(x - middle) - Math.abs(y - middle))
    const around = [b + 1, a - 1].filter((p) => p >= 0)
    return [...view, ...around].filter(
      (p) => !this.inFlight.has(p) && (!this.pages.has(p) || this.stale.has(p)),
    )
  }

  private pump(): void {
    for (const page of this.queue()) {
      if (this.inFlight.size >= this.concurrency) return
      void this.load(page)
    }
  }

  private inKeep(page: number): boolean {
    const a = Math.floor(this.first / PAGE_SIZE) - this.keep
    const b = Math.floor(this.last / PAGE_SIZE) + this.keep
    return page >= a && page <= b
  }

  private evict(): void {
    for (const page of [...this.pages.keys()]) {
      if (this.inKeep(page)) continue
      this.pages.delete(page)
      this.cursors.delete(page)
      this.stale.delete(page)
      this.options.onPage(page)
    }
  }

  private async load(page: number): Promise<void> {
    const generation = this.generation
    this.inFlight.add(page)
    this.stale.delete(page)
    const cursor = this.cursors.get(page - 1)
    const request: PageRequest = { offset: page * PAGE_SIZE, limit: PAGE_SIZE }
    if (cursor) request.after = cursor
    try {
      const answer = await this.options.fetchPage(request)
      // An answer for an older query, or for a place the view has long left, is dropped.
      if (generation !== this.generation || !this.inKeep(page)) return
      this.put(page, answer)
    } catch (error) {
      if (generation === this.generation) this.options.onError(error)
    } finally {
      if (generation === this.generation) {
        this.inFlight.delete(page)
        this.pump()
      }
    }
  }
}

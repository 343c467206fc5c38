import type { EventBus } from '../events'
import { phashFromHex, SIMILARITY_THRESHOLD, SimilarityIndex } from '../media/phash'
import type { PhashRow, ProcessingRepository } from '../repositories/processing.repository'

/**
 * Rows are stamped with a time taken just before their transaction commits, so a commit can land
 * a moment after a look at "everything since T" and still carry a time before T: each look goes
 * back this far again.
 */
const OVERLAP_MS = 10_000

interface Filed {
  phash: string
  sha256: string | null
  /** The hash in the index; null for a flat picture, which is known but not indexed. */
  hash: bigint | null
}

/**
 * Perceptual neighbours: an in-memory index of every pHash, built on first use and kept current
 * after that. Processing stamps its writes as it commits them, so after processing only the
 * assets updated since the last look are read again. A scan's worker stamps rows when it finds
 * them, which can be long before it commits, and removing a root deletes its rows without a
 * trace: after a scan, or when the counts disagree, every hash is compared with what the index
 * holds instead (still without rebuilding it). "Similar" leaves out exact duplicates (same
 * SHA-256), which are listed as duplicates.
 */
export class SimilarityService {
  private index: SimilarityIndex | undefined
  private readonly filed = new Map<number, Filed>()
  /** Every asset updated before this (less the overlap) is in the index as it is now. */
  private since = 0
  private stale: 'no' | 'recent' | 'all' = 'no'

  constructor(
    private readonly assets: ProcessingRepository,
    events: EventBus,
    readonly threshold = SIMILARITY_THRESHOLD,
  ) {
    events.subscribe((event, payload) => {
      if (event === 'scan.progress' && (payload as { phase: string }).phase === 'done')
        this.stale = 'all'
      else if ((event === 'jobs.progress' || event === 'roots.changed') && this.stale === 'no')
        this.stale = 'recent'
    })
  }

  similarTo(id: number, phash: string | null, sha256: string | null): number[] {
    if (!phash || !informative(phashFromHex(phash))) return []
    return this.load()
      .near(phashFromHex(phash), this.threshold)
      .filter((m) => m.id !== id && (sha256 === null || this.filed.get(m.id)?.sha256 !== sha256))
      .map((m) => m.id)
      .sort((a, b) => a - b)
  }

  /**
   * An asset's perceptual neighbours by id, with their Hamming distance, nearest first (the
   * graph's `similar_to`): as `similarTo`, read from what the index holds for it.
   */
  near(id: number): Array<{ id: number; distance: number }> {
    const index = this.load()
    const own = this.filed.get(id)
    if (!own || own.hash === null) return []
    return index
      .near(own.hash, this.threshold)
      .filter(
        (m) => m.id !== id && (own.sha256 === null || this.filed.get(m.id)?.sha256 !== own.sha256),
      )
  }

  /** Groups of perceptually similar assets (two or more, not all copies of one file). */
  groups(): number[][] {
    return this.load()
      .groups(this.threshold)
      .filter((group) => new Set(group.map((id) => this.filed.get(id)?.sha256)).size > 1)
  }

  /** Takes removed assets out at once. */
  forget(ids: number[]): void {
    for (const id of ids) this.unfile(id)
  }

  private load(): SimilarityIndex {
    if (!this.index) {
      this.index = new SimilarityIndex()
      this.since = this.assets.latestUpdate()
      for (const row of this.assets.phashes()) this.file(row)
      this.stale = 'no'
    } else if (this.stale === 'recent') this.refreshRecent()
    else if (this.stale === 'all') this.refreshAll()
    return this.index
  }

  /** Applies what was updated since the last look, then checks nothing was deleted meanwhile. */
  private refreshRecent(): void {
    this.stale = 'no'
    const { rows, latest } = this.assets.phashChanges(this.since - OVERLAP_MS)
    for (const row of rows) {
      if (row.phash === null) this.unfile(row.id)
      else this.file({ ...row, phash: row.phash })
    }
    this.since = Math.max(this.since, latest)
    if (this.assets.phashCount() !== this.filed.size) this.refreshAll()
  }

  /** Compares every hash in the database with the index and applies the differences. */
  private refreshAll(): void {
    this.stale = 'no'
    this.since = this.assets.latestUpdate()
    const present = new Set<number>()
    for (const row of this.assets.phashes()) {
      present.add(row.id)
      this.file(row)
    }
    for (const id of [...this.filed.keys()]) if (!present.has(id)) this.unfile(id)
  }

  /** Files an asset's hash, replacing what was filed for it; nothing to do when it is the same. */
  private file(row: PhashRow): void {
    const known = this.filed.get(row.id)
    if (known?.phash === row.phash && known.sha256 === row.sha256) return
    if (known) this.unfile(row.id)
    const hash = phashFromHex(row.phash)
    const indexed = informative(hash)
    this.filed.set(row.id, { phash: row.phash, sha256: row.sha256, hash: indexed ? hash : null })
    if (indexed) this.index?.add(row.id, hash)
  }

  private unfile(id: number): void {
    const known = this.filed.get(id)
    if (!known) return
    this.filed.delete(id)
    if (known.hash !== null) this.index?.remove(id, known.hash)
  }
}

/**
 * A median-thresholded hash has about 32 ones. A flat or nearly flat picture (a solid frame, a
 * 1×1 image, detail finer than the hash sees) has no coefficients above the median and hashes to
 * (nearly) all zeros: it says nothing, and would call every such picture similar to every other.
 */
function informative(hash: bigint): boolean {
  let ones = 0
  for (let h = hash; h > 0n; h >>= 1n) ones += Number(h & 1n)
  return ones >= 16 && ones <= 48
}

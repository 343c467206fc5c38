import type { EventBus } from '../events'
import { phashFromHex, SIMILARITY_THRESHOLD, SimilarityIndex } from '../media/phash'
import type { ProcessingRepository } from '../repositories/processing.repository'

/**
 * Perceptual neighbours: an in-memory index of every pHash, built on first use and rebuilt
 * after processing has added hashes. "Similar" leaves out exact duplicates (same SHA-256),
 * which are listed as duplicates.
 */
export class SimilarityService {
  private index: SimilarityIndex | undefined
  private sha = new Map<number, string | null>()

  constructor(
    private readonly assets: ProcessingRepository,
    events: EventBus,
    readonly threshold = SIMILARITY_THRESHOLD,
  ) {
    events.subscribe((event) => {
      if (event === 'jobs.progress') this.index = undefined
    })
  }

  similarTo(id: number, phash: string | null, sha256: string | null): number[] {
    if (!phash || !informative(phashFromHex(phash))) return []
    return this.load()
      .near(phashFromHex(phash), this.threshold)
      .filter((m) => m.id !== id && (sha256 === null || this.sha.get(m.id) !== sha256))
      .map((m) => m.id)
      .sort((a, b) => a - b)
  }

  /** Groups of perceptually similar assets (two or more, not all copies of one file). */
  groups(): number[][] {
    return this.load()
      .groups(this.threshold)
      .filter((group) => new Set(group.map((id) => this.sha.get(id))).size > 1)
  }

  private load(): SimilarityIndex {
    if (this.index) return this.index
    const index = new SimilarityIndex()
    this.sha = new Map()
    for (const row of this.assets.phashes()) {
      const hash = phashFromHex(row.phash)
      if (!informative(hash)) continue
      index.add(row.id, hash)
      this.sha.set(row.id, row.sha256)
    }
    this.index = index
    return index
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

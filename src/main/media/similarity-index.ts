import { assertHash, popcount32 as importedPopcount32, SIMILARITY_THRESHOLD } from './hamming'

/**
 * Finding the similar ones among 100,000 and more perceptual hashes without comparing against
 * every one.
 */

export interface Match {
  id: number
  distance: number
}

/**
 * Bound once: transpiled (vitest, tsx, CommonJS) an imported function is a property read on every
 * call, which made the search loop ten times slower.
 */
const popcount32 = importedPopcount32

/** Multi-index hashing splits each hash into four 16-bit chunks, one lookup table per chunk. */
const CHUNKS = 4
const CHUNK_BITS = 16
const CHUNK_VALUES = 1 << CHUNK_BITS

/**
 * The hashes sorted by the value of one chunk (a counting sort): the hashes with chunk value v
 * are at positions offsets[v] up to offsets[v + 1]. The hashes themselves are copied in that
 * order so a query reads one run of memory per value instead of chasing entries around.
 */
interface Filing {
  offsets: Uint32Array
  entries: Uint32Array
  high: Uint32Array
  low: Uint32Array
}

/**
 * Hashes by id, searchable by Hamming distance, by multi-index hashing: if two hashes differ in
 * at most t bits, one of their four 16-bit chunks differs in at most ⌊t/4⌋ bits, so a query only
 * compares the hashes filed under chunk values that close to its own. At t = 10 over 100,000
 * random hashes that is under 1 % of them. A BK-tree was measured first and rejected: it compared
 * 67 % per query at t = 10, and real pHashes, whose distances bunch around 32, prune worse.
 *
 * Adds are cheap; the first query after them files everything again (linear, a few milliseconds
 * per 100,000), so add in batches rather than interleaving adds and queries. Removing takes an id
 * off its hash at once, with no refiling; a hash left with no ids keeps its slot (and gets it back
 * if the hash returns).
 */
export class SimilarityIndex {
  /** Distinct hashes the last `near` call compared against: the cost of the query. */
  lastVisited = 0

  private high: Uint32Array = new Uint32Array(1024)
  private low: Uint32Array = new Uint32Array(1024)
  /** Ids per distinct hash (every black video poster hashes to 0). */
  private readonly ids: number[][] = []
  private readonly entryOf = new Map<bigint, number>()
  private filings: Filing[] | null = null
  private count = 0

  /** Number of ids added. */
  get size(): number {
    return this.count
  }

  add(id: number, hash: bigint): void {
    assertHash(hash)
    this.count++
    const existing = this.entryOf.get(hash)
    if (existing !== undefined) {
      this.ids[existing]?.push(id)
      return
    }
    const entry = this.ids.length
    if (entry === this.high.length) {
      this.high = grown(this.high)
      this.low = grown(this.low)
    }
    this.high[entry] = Number(hash >> 32n)
    this.low[entry] = Number(hash & 0xffffffffn)
    this.ids.push([id])
    this.entryOf.set(hash, entry)
    this.filings = null
  }

  /** Takes `id` off `hash`; false when it was not filed under that hash. */
  remove(id: number, hash: bigint): boolean {
    assertHash(hash)
    const entry = this.entryOf.get(hash)
    const ids = entry === undefined ? undefined : this.ids[entry]
    const at = ids ? ids.indexOf(id) : -1
    if (!ids || at < 0) return false
    ids.splice(at, 1)
    this.count--
    return true
  }

  /** Every id within `threshold` bits of `hash`, nearest first, then by id. */
  near(hash: bigint, threshold: number = SIMILARITY_THRESHOLD): Match[] {
    assertHash(hash)
    assertThreshold(threshold)
    const matches: Match[] = []
    this.lastVisited = this.search(
      Number(hash >> 32n),
      Number(hash & 0xffffffffn),
      threshold,
      (entry, distance) => {
        for (const id of this.ids[entry] ?? []) matches.push({ id, distance })
      },
    )
    return matches.sort((a, b) => a.distance - b.distance || a.id - b.id)
  }

  /**
   * Ids linked by chains of similar pairs (A~B and B~C put A, B, C together even if A and C are
   * further apart), each group sorted, groups ordered by their first id. Ids similar to nothing
   * are left out. One search per distinct hash.
   */
  groups(threshold: number = SIMILARITY_THRESHOLD): number[][] {
    assertThreshold(threshold)
    const links = new UnionFind()
    for (let entry = 0; entry < this.ids.length; entry++) {
      const own = this.ids[entry] ?? []
      // A hash whose ids were all removed links nothing (a pair met from the other end skips it).
      if (own.length === 0) continue
      const first = own[0] ?? 0
      for (const id of own) links.union(first, id)
      this.search(this.high[entry] ?? 0, this.low[entry] ?? 0, threshold, (other) => {
        // Each pair is met from both ends; joining it once is enough.
        if (other > entry) links.union(first, this.ids[other]?.[0] ?? first)
      })
    }
    return links.sets()
  }

  /** Calls `onMatch` once per distinct hash within `threshold`; returns how many it compared. */
  private search(
    high: number,
    low: number,
    threshold: number,
    onMatch: (entry: number, distance: number) => void,
  ): number {
    const radius = Math.min(CHUNK_BITS, Math.floor(threshold / CHUNKS))
    const flips = masksWithin(radius)
    const filings = this.file()
    let visited = 0
    for (let chunk = 0; chunk < filings.length; chunk++) {
      const filing = filings[chunk]
      if (!filing) continue
      const { offsets, entries } = filing
      const value = chunkOf(high, low, chunk)
      for (let f = 0; f < flips.length; f++) {
        const key = value ^ (flips[f] ?? 0)
        const end = offsets[key + 1] ?? 0
        for (let at = offsets[key] ?? 0; at < end; at++) {
          const differHigh = (filing.high[at] ?? 0) ^ high
          const differLow = (filing.low[at] ?? 0) ^ low
          // A hash close enough in an earlier chunk was already met there.
          if (metEarlier(differHigh, differLow, chunk, radius)) continue
          visited++
          const distance = popcount32(differHigh) + popcount32(differLow)
          if (distance <= threshold) onMatch(entries[at] ?? 0, distance)
        }
      }
    }
    return visited
  }

  private file(): Filing[] {
    if (this.filings) return this.filings
    const count = this.ids.length
    this.filings = Array.from({ length: CHUNKS }, (_, chunk) => {
      const offsets = new Uint32Array(CHUNK_VALUES + 1)
      for (let entry = 0; entry < count; entry++) {
        const value = chunkOf(this.high[entry] ?? 0, this.low[entry] ?? 0, chunk)
        offsets[value + 1] = (offsets[value + 1] ?? 0) + 1
      }
      for (let value = 0; value < CHUNK_VALUES; value++) {
        offsets[value + 1] = (offsets[value + 1] ?? 0) + (offsets[value] ?? 0)
      }
      const next = offsets.slice(0, CHUNK_VALUES)
      const filing = {
        offsets,
        entries: new Uint32Array(count),
        high: new Uint32Array(count),
        low: new Uint32Array(count),
      }
      for (let entry = 0; entry < count; entry++) {
        const high = this.high[entry] ?? 0
        const low = this.low[entry] ?? 0
        const value = chunkOf(high, low, chunk)
        const at = next[value] ?? 0
        next[value] = at + 1
        filing.entries[at] = entry
        filing.high[at] = high
        filing.low[at] = low
      }
      return filing
    })
    return this.filings
  }
}

/** The 16-bit chunk of a hash: 0 is the top of the high half, 3 the bottom of the low half. */
function chunkOf(high: number, low: number, chunk: number): number {
  const half = chunk < 2 ? high : low
  return chunk % 2 === 0 ? half >>> CHUNK_BITS : half & 0xffff
}

function metEarlier(differHigh: number, differLow: number, chunk: number, radius: number): boolean {
  for (let earlier = 0; earlier < chunk; earlier++) {
    if (popcount32(chunkOf(differHigh, differLow, earlier)) <= radius) return true
  }
  return false
}

const maskCache = new Map<number, number[]>()

/** All 16-bit values with at most `bits` bits set: the flips that reach chunks that close. */
function masksWithin(bits: number): number[] {
  let masks = maskCache.get(bits)
  if (!masks) {
    masks = []
    for (let mask = 0; mask < CHUNK_VALUES; mask++) {
      if (popcount32(mask) <= bits) masks.push(mask)
    }
    maskCache.set(bits, masks)
  }
  return masks
}

function grown(from: Uint32Array): Uint32Array {
  const to = new Uint32Array(from.length * 2)
  to.set(from)
  return to
}

/** Disjoint sets of ids; only ids joined to another id are tracked. */
class UnionFind {
  private readonly parent = new Map<number, number>()

  union(a: number, b: number): void {
    if (a === b) return
    const rootA = this.root(a)
    const rootB = this.root(b)
    if (rootA !== rootB) this.parent.set(Math.max(rootA, rootB), Math.min(rootA, rootB))
    if (!this.parent.has(rootA)) this.parent.set(rootA, rootA)
    if (!this.parent.has(rootB)) this.parent.set(rootB, rootB)
  }

  /** Sets of two or more ids, each sorted, ordered by their smallest id. */
  sets(): number[][] {
    const members = new Map<number, number[]>()
    for (const id of this.parent.keys()) {
      const root = this.root(id)
      const set = members.get(root)
      if (set) set.push(id)
      else members.set(root, [id])
    }
    return [...members.values()]
      .map((set) => set.sort((x, y) => x - y))
      .sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0))
  }

  private root(id: number): number {
    let top = id
    for (let up = this.parent.get(top); up !== undefined && up !== top; up = this.parent.get(top)) {
      top = up
    }
    // Path compression keeps later lookups short.
    for (let at = id; at !== top;) {
      const up = this.parent.get(at) ?? top
      this.parent.set(at, top)
      at = up
    }
    return top
  }
}

function assertThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 0) {
    throw new RangeError(`A threshold is a whole number of bits, got ${threshold}.`)
  }
}

/**
 * A picture's palette: up to five colours with the share of the picture each covers, the first
 * being the dominant colour. Median cut over a 5-bit-per-channel histogram gives the starting
 * boxes, a few rounds of k-means (weighted by pixel count) settle them. Pure and deterministic:
 * the same pixels give the same palette on every machine, in every run.
 */

export interface PaletteColor {
  /** 0xRRGGBB */
  rgb: number
  /** Fraction of the (opaque) pixels nearest to this colour, 0–1. */
  share: number
}

export const PALETTE_SIZE = 5
const BITS = 5
const SHIFT = 8 - BITS
const SIDE = 1 << BITS
const KMEANS_ROUNDS = 8
/** Pixels at most this transparent are not part of the picture's colour. */
const MIN_ALPHA = 128
/** Below this share a colour is an edge's blend, not a colour of the picture. */
const MIN_SHARE = 0.03

/** One occupied histogram bin: its pixel count and the mean of its pixels. */
interface Bin {
  n: number
  r: number
  g: number
  b: number
}

/**
 * The palette of raw 8-bit pixels (`channels` 1–4: grey, grey+alpha, RGB, RGBA), largest share
 * first. A picture with fewer distinct colours than `size` gets fewer; a wholly transparent one
 * gets none.
 */
export function paletteOf(
  pixels: Uint8Array,
  channels: number,
  size = PALETTE_SIZE,
): PaletteColor[] {
  const bins = histogram(pixels, channels)
  if (bins.length === 0) return []
  const total = bins.reduce((sum, bin) => sum + bin.n, 0)
  let centres = medianCut(bins, size).map(mean)
  let counts: number[] = []
  for (let round = 0; round < KMEANS_ROUNDS; round++) {
    const groups = centres.map(() => ({ n: 0, r: 0, g: 0, b: 0 }))
    for (const bin of bins) {
      const group = groups[nearest(centres, bin)]!
      group.n += bin.n
      group.r += bin.r * bin.n
      group.g += bin.g * bin.n
      group.b += bin.b * bin.n
    }
    const next = groups
      .filter((g) => g.n > 0)
      .map((g) => ({ n: g.n, r: g.r / g.n, g: g.g / g.n, b: g.b / g.n }))
    counts = next.map((g) => g.n)
    const settled = next.length === centres.length && next.every((c, i) => same(c, centres[i]!))
    centres = next
    if (settled) break
  }
  return absorbSlivers(centres, counts, total)
    .map((c) => ({
      rgb: (round8(c.r) << 16) | (round8(c.g) << 8) | round8(c.b),
      share: c.n / total,
    }))
    .sort((p, q) => q.share - p.share || p.rgb - q.rgb)
}

/**
 * Colours covering less than MIN_SHARE are given to their nearest larger colour, which keeps its
 * own hue: resizing blends the pixels along every edge into in-between colours no one would
 * call part of the picture's palette.
 */
function absorbSlivers(centres: Bin[], counts: number[], total: number): Bin[] {
  const kept = centres.map((c, i) => ({ ...c, n: counts[i]! }))
  const large = kept.filter((c) => c.n / total >= MIN_SHARE)
  if (large.length === 0) return kept
  for (const small of kept.filter((c) => c.n / total < MIN_SHARE))
    large[nearest(large, small)]!.n += small.n
  return large
}

function histogram(pixels: Uint8Array, channels: number): Bin[] {
  const sums = new Map<number, Bin>()
  const colour = channels >= 3
  const alpha = channels === 2 || channels === 4 ? channels - 1 : -1
  for (let i = 0; i + channels <= pixels.length; i += channels) {
    if (alpha >= 0 && pixels[i + alpha]! < MIN_ALPHA) continue
    const r = pixels[i]!
    const g = colour ? pixels[i + 1]! : r
    const b = colour ? pixels[i + 2]! : r
    const key = ((r >> SHIFT) * SIDE + (g >> SHIFT)) * SIDE + (b >> SHIFT)
    const bin = sums.get(key)
    if (bin) {
      bin.n++
      bin.r += r
      bin.g += g
      bin.b += b
    } else sums.set(key, { n: 1, r, g, b })
  }
  // Sorted by key: the Map's insertion order depends on where colours first appear.
  return [...sums.entries()]
    .sort((p, q) => p[0] - q[0])
    .map(([, s]) => ({ n: s.n, r: s.r / s.n, g: s.g / s.n, b: s.b / s.n }))
}

type Channel = 'r' | 'g' | 'b'

/** Splits the box with the most pixels × widest range at its weighted median, until `size`. */
function medianCut(bins: Bin[], size: number): Bin[][] {
  const boxes: Bin[][] = [bins]
  while (boxes.length < size) {
    let best = -1
    let bestScore = 0
    let bestChannel: Channel = 'r'
    boxes.forEach((box, i) => {
      if (box.length < 2) return
      const { channel, range } = widest(box)
      const score = range * box.reduce((sum, bin) => sum + bin.n, 0)
      if (score > bestScore) [best, bestScore, bestChannel] = [i, score, channel]
    })
    if (best < 0) break
    const box = [...boxes[best]!].sort((p, q) => p[bestChannel] - q[bestChannel])
    const half = box.reduce((sum, bin) => sum + bin.n, 0) / 2
    let seen = 0
    let cut = 1
    for (; cut < box.length - 1; cut++) {
      seen += box[cut - 1]!.n
      if (seen >= half) break
    }
    boxes.splice(best, 1, box.slice(0, cut), box.slice(cut))
  }
  return boxes
}

function widest(box: Bin[]): { channel: Channel; range: number } {
  let result: { channel: Channel; range: number } = { channel: 'r', range: -1 }
  for (const channel of ['r', 'g', 'b'] as const) {
    const values = box.map((bin) => bin[channel])
    const range = Math.max(...values) - Math.min(...values)
    if (range > result.range) result = { channel, range }
  }
  return result
}

function mean(box: Bin[]): Bin {
  const n = box.reduce((sum, bin) => sum + bin.n, 0)
  const sum = (channel: Channel) => box.reduce((s, bin) => s + bin[channel] * bin.n, 0) / n
  return { n, r: sum('r'), g: sum('g'), b: sum('b') }
}

function nearest(centres: Bin[], bin: Bin): number {
  let best = 0
  let bestDistance = Infinity
  centres.forEach((c, i) => {
    const d = (c.r - bin.r) ** 2 + (c.g - bin.g) ** 2 + (c.b - bin.b) ** 2
    if (d < bestDistance) [best, bestDistance] = [i, d]
  })
  return best
}

const same = (p: Bin, q: Bin): boolean =>
  Math.abs(p.r - q.r) < 0.5 && Math.abs(p.g - q.g) < 0.5 && Math.abs(p.b - q.b) < 0.5

const round8 = (v: number): number => Math.min(255, Math.max(0, Math.round(v)))

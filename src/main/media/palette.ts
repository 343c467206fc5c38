/**
 * A picture's palette: up to five colours with the share of the picture each covers, the first
 * being the dominant colour. Median cut over a 4-bit-per-channel histogram (each bin keeps the
 * exact mean of its pixels) gives the starting boxes, a few rounds of k-means (weighted by pixel
 * count) settle them. Pure and deterministic: the same pixels give the same palette on every
 * machine, in every run. Typed arrays and plain loops: a noisy picture fills all 4,096 bins.
 */

export interface PaletteColor {
  /** 0xRRGGBB */
  rgb: number
  /** Fraction of the (opaque) pixels nearest to this colour, 0–1. */
  share: number
}

export const PALETTE_SIZE = 5
const BITS = 4
const SHIFT = 8 - BITS
const SIDE = 1 << BITS
const KMEANS_ROUNDS = 8
/** Pixels at most this transparent are not part of the picture's colour. */
const MIN_ALPHA = 128
/** Below this share a colour is an edge's blend, not a colour of the picture. */
const MIN_SHARE = 0.03

/** The occupied histogram bins, in key order: pixel count and mean colour of each. */
interface Bins {
  length: number
  n: Float64Array
  /** r, g, b of bin i at 3i, 3i + 1, 3i + 2. */
  rgb: Float64Array
}

interface Centre {
  n: number
  rgb: [number, number, number]
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
  let total = 0
  for (let i = 0; i < bins.length; i++) total += bins.n[i]!
  let centres = medianCut(bins, size).map((box) => mean(bins, box))
  for (let round = 0; round < KMEANS_ROUNDS; round++) {
    const next = centres.map((): Centre => ({ n: 0, rgb: [0, 0, 0] }))
    for (let i = 0; i < bins.length; i++) {
      const group = next[nearest(centres, bins.rgb, i * 3)]!
      const n = bins.n[i]!
      group.n += n
      for (let c = 0; c < 3; c++) group.rgb[c]! += bins.rgb[i * 3 + c]! * n
    }
    const settled: Centre[] = []
    for (const g of next)
      if (g.n > 0) settled.push({ n: g.n, rgb: [g.rgb[0] / g.n, g.rgb[1] / g.n, g.rgb[2] / g.n] })
    const same =
      settled.length === centres.length &&
      settled.every((c, i) => c.rgb.every((v, k) => Math.abs(v - centres[i]!.rgb[k]!) < 0.5))
    centres = settled
    if (same) break
  }
  return absorbSlivers(centres, total)
    .map((c) => ({
      rgb: (round8(c.rgb[0]) << 16) | (round8(c.rgb[1]) << 8) | round8(c.rgb[2]),
      share: c.n / total,
    }))
    .sort((p, q) => q.share - p.share || p.rgb - q.rgb)
}

/**
 * Colours covering less than MIN_SHARE are given to their nearest larger colour, which keeps its
 * own hue: resizing blends the pixels along every edge into in-between colours no one would
 * call part of the picture's palette.
 */
function absorbSlivers(centres: Centre[], total: number): Centre[] {
  const large = centres.filter((c) => c.n / total >= MIN_SHARE).map((c) => ({ ...c }))
  if (large.length === 0) return centres
  for (const small of centres.filter((c) => c.n / total < MIN_SHARE))
    large[nearest(large, Float64Array.from(small.rgb), 0)]!.n += small.n
  return large
}

function histogram(pixels: Uint8Array, channels: number): Bins {
  const cells = SIDE * SIDE * SIDE
  const counts = new Float64Array(cells)
  const sums = new Float64Array(cells * 3)
  const colour = channels >= 3
  const alpha = channels === 2 || channels === 4 ? channels - 1 : -1
  for (let i = 0; i + channels <= pixels.length; i += channels) {
    if (alpha >= 0 && pixels[i + alpha]! < MIN_ALPHA) continue
    const r = pixels[i]!
    const g = colour ? pixels[i + 1]! : r
    const b = colour ? pixels[i + 2]! : r
    const key = ((r >> SHIFT) * SIDE + (g >> SHIFT)) * SIDE + (b >> SHIFT)
    counts[key]!++
    sums[key * 3]! += r
    sums[key * 3 + 1]! += g
    sums[key * 3 + 2]! += b
  }
  let length = 0
  for (let key = 0; key < cells; key++) if (counts[key]! > 0) length++
  const bins: Bins = { length, n: new Float64Array(length), rgb: new Float64Array(length * 3) }
  // In key order: where a colour first appears in the picture must not change the palette.
  for (let key = 0, i = 0; key < cells; key++) {
    const n = counts[key]!
    if (n === 0) continue
    bins.n[i] = n
    for (let c = 0; c < 3; c++) bins.rgb[i * 3 + c] = sums[key * 3 + c]! / n
    i++
  }
  return bins
}

/** Splits the box with the most pixels × widest range at its weighted median, until `size`. */
function medianCut(bins: Bins, size: number): Int32Array[] {
  const boxes: Int32Array[] = [Int32Array.from({ length: bins.length }, (_, i) => i)]
  while (boxes.length < size) {
    let best = -1
    let bestScore = 0
    let bestChannel = 0
    boxes.forEach((box, i) => {
      if (box.length < 2) return
      const { channel, range, count } = widest(bins, box)
      const score = range * count
      if (score > bestScore) [best, bestScore, bestChannel] = [i, score, channel]
    })
    if (best < 0) break
    const box = boxes[best]!.slice().sort(
      (p, q) => bins.rgb[p * 3 + bestChannel]! - bins.rgb[q * 3 + bestChannel]! || p - q,
    )
    let half = 0
    for (const i of box) half += bins.n[i]!
    half /= 2
    let seen = 0
    let cut = 1
    for (; cut < box.length - 1; cut++) {
      seen += bins.n[box[cut - 1]!]!
      if (seen >= half) break
    }
    boxes.splice(best, 1, box.subarray(0, cut), box.subarray(cut))
  }
  return boxes
}

function widest(bins: Bins, box: Int32Array): { channel: number; range: number; count: number } {
  const lo = [255, 255, 255]
  const hi = [0, 0, 0]
  let count = 0
  for (const i of box) {
    count += bins.n[i]!
    for (let c = 0; c < 3; c++) {
      const v = bins.rgb[i * 3 + c]!
      if (v < lo[c]!) lo[c] = v
      if (v > hi[c]!) hi[c] = v
    }
  }
  let channel = 0
  for (let c = 1; c < 3; c++) if (hi[c]! - lo[c]! > hi[channel]! - lo[channel]!) channel = c
  return { channel, range: hi[channel]! - lo[channel]!, count }
}

function mean(bins: Bins, box: Int32Array): Centre {
  let n = 0
  const sum: [number, number, number] = [0, 0, 0]
  for (const i of box) {
    const w = bins.n[i]!
    n += w
    for (let c = 0; c < 3; c++) sum[c]! += bins.rgb[i * 3 + c]! * w
  }
  return { n, rgb: [sum[0] / n, sum[1] / n, sum[2] / n] }
}

function nearest(centres: Centre[], rgb: Float64Array, at: number): number {
  let best = 0
  let bestDistance = Infinity
  for (let i = 0; i < centres.length; i++) {
    const c = centres[i]!.rgb
    const d = (c[0] - rgb[at]!) ** 2 + (c[1] - rgb[at + 1]!) ** 2 + (c[2] - rgb[at + 2]!) ** 2
    if (d < bestDistance) [best, bestDistance] = [i, d]
  }
  return best
}

const round8 = (v: number): number => Math.min(255, Math.max(0, Math.round(v)))

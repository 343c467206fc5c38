import { assertHash } from './hamming'

/**
 * 64-bit DCT perceptual hash (the pHash.org construction) of images and video posters
 * (ARCHITECTURE §5: "similar" = Hamming distance within a threshold). Pure math: the caller makes
 * the 32×32 grayscale input with sharp. This module is the entry point for everything pHash.
 */

export { hamming, SIMILARITY_THRESHOLD } from './hamming'
export { SimilarityIndex, type Match } from './similarity-index'

const SIZE = 32
const BLOCK = 8

/**
 * cos((2x + 1)uπ / 64) for u = 1…8, the only frequencies the hash reads. Computed once; the
 * DCT's scale factors are left out because every coefficient used shares the same one.
 */
const COSINES = (() => {
  const table = new Float64Array(BLOCK * SIZE)
  for (let u = 1; u <= BLOCK; u++) {
    for (let x = 0; x < SIZE; x++) {
      table[(u - 1) * SIZE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIZE))
    }
  }
  return table
})()

/**
 * The hash of a 32×32 grayscale image given row by row (1,024 values, any scale; with sharp:
 * `.flatten().greyscale().resize(32, 32, { fit: 'fill' }).raw()`, flattened so the colour hidden
 * under transparent pixels does not count). Bits are the 8×8 low frequencies after the DCT's first row and column, as
 * pHash.org takes them (those hold the average brightness and one-axis-only variation), each set
 * where its coefficient is above their median. Bit 63 is frequency (1, 1), then row by row to
 * bit 0 for (8, 8).
 */
export function phashFromGray32(pixels: Uint8Array | Float64Array): bigint {
  if (pixels.length !== SIZE * SIZE) {
    throw new RangeError(`A perceptual hash needs 32×32 = 1024 gray values, got ${pixels.length}.`)
  }
  // Separable DCT-II: first down each column for the eight vertical frequencies …
  const columns = new Float64Array(BLOCK * SIZE)
  let magnitude = 0
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) magnitude += Math.abs(pixels[y * SIZE + x] ?? 0)
  }
  for (let u = 0; u < BLOCK; u++) {
    for (let y = 0; y < SIZE; y++) {
      const weight = COSINES[u * SIZE + y] ?? 0
      for (let x = 0; x < SIZE; x++) {
        columns[u * SIZE + x] = (columns[u * SIZE + x] ?? 0) + weight * (pixels[y * SIZE + x] ?? 0)
      }
    }
  }
  // … then along each of those rows for the eight horizontal ones.
  const coefficients = new Float64Array(BLOCK * BLOCK)
  // Rounding noise is not detail: a flat image must give zeros (hash 0), not random bits.
  const noise = magnitude * 1e-9
  for (let u = 0; u < BLOCK; u++) {
    for (let v = 0; v < BLOCK; v++) {
      let sum = 0
      for (let x = 0; x < SIZE; x++) {
        sum += (columns[u * SIZE + x] ?? 0) * (COSINES[v * SIZE + x] ?? 0)
      }
      coefficients[u * BLOCK + v] = Math.abs(sum) < noise ? 0 : sum
    }
  }
  const sorted = coefficients.slice().sort()
  const median = ((sorted[31] ?? 0) + (sorted[32] ?? 0)) / 2
  let high = 0
  let low = 0
  for (let i = 0; i < 32; i++) {
    if ((coefficients[i] ?? 0) > median) high |= 1 << (31 - i)
    if ((coefficients[i + 32] ?? 0) > median) low |= 1 << (31 - i)
  }
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)
}

/** 16 lower-case hex digits, most significant first: a stable text form for storage and logs. */
export function phashToHex(hash: bigint): string {
  assertHash(hash)
  return hash.toString(16).padStart(16, '0')
}

export function phashFromHex(hex: string): bigint {
  if (!/^[0-9a-f]{16}$/i.test(hex)) {
    throw new RangeError(`A perceptual hash is 16 hex digits, got "${hex}".`)
  }
  return BigInt(`0x${hex}`)
}

/**
 * Distance between two 64-bit perceptual hashes, and how small it must be for "similar"
 * (ARCHITECTURE §5). Kept apart so the hash and the index can both use it.
 */

/**
 * Largest Hamming distance (of 64 bits) at which two images count as similar. Resizing,
 * recompression, brightness, contrast, mild noise and blur stay within 6–8 bits; unrelated
 * images sit near 32 (each hash has about 32 ones, so distances are even and cluster around
 * half). 10 catches the edits with room to spare and is still about 5 standard deviations below
 * unrelated pairs. test/unit/phash.test.ts measures both sides.
 */
export const SIMILARITY_THRESHOLD = 10

/** Number of differing bits between two hashes. */
export function hamming(a: bigint, b: bigint): number {
  const difference = BigInt.asUintN(64, a ^ b)
  return popcount32(Number(difference >> 32n)) + popcount32(Number(difference & 0xffffffffn))
}

/** Bits set in a 32-bit value, by the SWAR method: no loop, no BigInt. */
export function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}

export function assertHash(hash: bigint): void {
  if (hash < 0n || hash > 0xffffffffffffffffn) {
    throw new RangeError(`A perceptual hash is an unsigned 64-bit value, got ${hash}.`)
  }
}

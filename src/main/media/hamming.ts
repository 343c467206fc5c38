/**
 * Distance between two 64-bit perceptual hashes, and how small it must be for "similar"
 * (ARCHITECTURE §5). Kept apart so the hash and the index can both use it.
 */

/**
 * Largest Hamming distance (of 64 bits) at which two images count as similar. On photo-like test
 * images, brightness and contrast changes move the hash 0 bits, gamma and posterising 6,
 * downscaling and blur 2, sensor-like noise 8; unrelated images sit around 32 (each hash has 32
 * ones, so distances are even), the closest of 7,140 unrelated pairs at 16. 10 admits the edits
 * with a step to spare and stays 3 steps below that closest pair. Not covered at any threshold:
 * crops and shifts (a 3 % shift already costs up to 20 bits), mirroring and rotation.
 * test/unit/phash.test.ts measures both sides.
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

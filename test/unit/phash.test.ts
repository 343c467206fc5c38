import { describe, expect, it } from 'vitest'
import {
  hamming,
  phashFromGray32,
  phashFromHex,
  phashToHex,
  SIMILARITY_THRESHOLD,
  SimilarityIndex,
} from '../../src/main/media/phash'

const N = 32

/** mulberry32: a small seeded generator, so every run sees the same images and hashes. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next())
}

function image(pixel: (x: number, y: number) => number): Float64Array {
  const pixels = new Float64Array(N * N)
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) pixels[y * N + x] = pixel(x, y)
  return pixels
}

const at = (pixels: Float64Array, x: number, y: number): number =>
  pixels[Math.min(N - 1, Math.max(0, y)) * N + Math.min(N - 1, Math.max(0, x))] ?? 0

const clamp = (value: number): number => Math.min(255, Math.max(0, value))

/**
 * A photo-like 32×32 thumbnail: random waves with amplitude falling as 1/frequency (the
 * spectrum of natural images), scaled into 30…225 so edits rarely clip.
 */
function scene(seed: number): Float64Array {
  const next = random(seed)
  const waves = Array.from({ length: 40 }, () => {
    const fx = Math.floor(next() * 12)
    const fy = Math.floor(next() * 12)
    return {
      fx,
      fy,
      phase: next() * 2 * Math.PI,
      amplitude: (next() - 0.5) / (Math.hypot(fx, fy) || 1),
    }
  })
  const raw = image((x, y) =>
    waves.reduce(
      (sum, w) =>
        sum +
        w.amplitude * Math.cos((Math.PI * (w.fx * (x + 0.5) + w.fy * (y + 0.5))) / N + w.phase),
      0,
    ),
  )
  const low = Math.min(...raw)
  const high = Math.max(...raw)
  return raw.map((v) => 30 + (195 * (v - low)) / (high - low))
}

/** What a re-save, a touch-up or a re-scale does to the 32×32 sharp hands the hash. */
const EDITS: Record<string, (pixels: Float64Array, seed: number) => Float64Array> = {
  brighter: (p) => p.map((v) => clamp(v + 20)),
  darker: (p) => p.map((v) => v * 0.8),
  'more contrast': (p) => p.map((v) => clamp((v - 128) * 1.2 + 128)),
  gamma: (p) => p.map((v) => 255 * (v / 255) ** 0.8),
  'sensor noise': (p, seed) => {
    const next = random(seed)
    return p.map((v) => clamp(v + 5 * gaussian(next)))
  },
  'slight blur': (p) =>
    image((x, y) => {
      let sum = 0
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += at(p, x + dx, y + dy)
      return sum / 9
    }),
  posterised: (p) => p.map((v) => Math.round(v / 16) * 16),
  'half resolution': (p) =>
    image((x, y) => {
      const [bx, by] = [x & ~1, y & ~1]
      return (at(p, bx, by) + at(p, bx + 1, by) + at(p, bx, by + 1) + at(p, bx + 1, by + 1)) / 4
    }),
}

/** Off-centre radial gradient, 100…210, so a ±20 brightness change never clips. */
const radialGradient = image((x, y) => 210 - 4 * Math.hypot(x - 12, y - 20))
const checkerboard = image((x, y) => (((x >> 3) + (y >> 3)) % 2 === 0 ? 230 : 25))

/** A 64-bit value from two 32-bit halves of the generator. */
function randomHash(next: () => number): bigint {
  return (BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32))
}

function flipBits(hash: bigint, count: number, next: () => number): bigint {
  let result = hash
  const bits = new Set<number>()
  while (bits.size < count) bits.add(Math.floor(next() * 64))
  for (const bit of bits) result ^= 1n << BigInt(bit)
  return result
}

function popcount(value: bigint): number {
  return [...value.toString(2)].filter((digit) => digit === '1').length
}

describe('phashFromGray32', () => {
  it('hashes a gradient the same after a brightness change and 8-bit rounding', () => {
    const hash = phashFromGray32(radialGradient)
    const brighter = Uint8Array.from(radialGradient, (v) => Math.round(v + 20))
    const darker = Uint8Array.from(radialGradient, (v) => Math.round(v - 20))
    expect(hamming(hash, phashFromGray32(brighter))).toBeLessThanOrEqual(SIMILARITY_THRESHOLD)
    expect(hamming(hash, phashFromGray32(darker))).toBeLessThanOrEqual(SIMILARITY_THRESHOLD)
  })

  // A featureless gradient has almost no detail in the hashed frequencies, so pixel noise moves
  // it a lot (σ = 1 reaches 16 bits); noise is measured on photo-like images below.
  it('hashes a photo-like image the same after a slight brightness change and mild noise', () => {
    const pixels = scene(42)
    const next = random(42)
    const hash = phashFromGray32(pixels)
    const brighter = pixels.map((v) => clamp(v + 10))
    const noisy = pixels.map((v) => clamp(v + 3 * gaussian(next)))
    expect(hamming(hash, phashFromGray32(brighter))).toBeLessThanOrEqual(SIMILARITY_THRESHOLD)
    expect(hamming(hash, phashFromGray32(noisy))).toBeLessThanOrEqual(SIMILARITY_THRESHOLD)
  })

  it('gives an inverted image the opposite hash', () => {
    const hash = phashFromGray32(radialGradient)
    const inverted = phashFromGray32(radialGradient.map((v) => 255 - v))
    expect(hamming(hash, inverted)).toBe(64)
  })

  it('keeps a checkerboard far from a gradient', () => {
    const distance = hamming(phashFromGray32(radialGradient), phashFromGray32(checkerboard))
    expect(distance).toBeGreaterThan(SIMILARITY_THRESHOLD)
  })

  it('reads 8-bit and floating-point pixels, at any scale, alike', () => {
    const bytes = Uint8Array.from(scene(7), Math.round)
    const hash = phashFromGray32(bytes)
    expect(phashFromGray32(Float64Array.from(bytes))).toBe(hash)
    expect(phashFromGray32(Float64Array.from(bytes, (v) => v / 255))).toBe(hash)
  })

  it('hashes every flat image to 0, so blank frames find each other', () => {
    expect(phashFromGray32(new Uint8Array(N * N))).toBe(0n)
    expect(phashFromGray32(new Uint8Array(N * N).fill(128))).toBe(0n)
    expect(phashFromGray32(new Float64Array(N * N).fill(0.7))).toBe(0n)
  })

  it('sets bits in a fixed order: frequency (1, 1) is bit 63, (1, 2) bit 62, (8, 8) bit 0', () => {
    const basis = (u: number, v: number) =>
      image(
        (x, y) =>
          128 +
          100 *
            Math.cos(((2 * y + 1) * u * Math.PI) / 64) *
            Math.cos(((2 * x + 1) * v * Math.PI) / 64),
      )
    expect(phashToHex(phashFromGray32(basis(1, 1)))).toBe('8000000000000000')
    expect(phashToHex(phashFromGray32(basis(1, 2)))).toBe('4000000000000000')
    expect(phashToHex(phashFromGray32(basis(2, 1)))).toBe('0080000000000000')
    expect(phashToHex(phashFromGray32(basis(8, 8)))).toBe('0000000000000001')
  })

  it('splits photo-like images at the median: 32 bits set', () => {
    for (let seed = 1; seed <= 20; seed++) expect(popcount(phashFromGray32(scene(seed)))).toBe(32)
  })

  it('refuses anything but 32×32 values', () => {
    expect(() => phashFromGray32(new Uint8Array(64 * 64))).toThrow(RangeError)
  })
})

describe('SIMILARITY_THRESHOLD', () => {
  const scenes = Array.from({ length: 120 }, (_, i) => scene(1000 + i))
  const hashes = scenes.map((pixels) => phashFromGray32(pixels))

  it.each(Object.keys(EDITS))('keeps every image similar to itself %s', (edit) => {
    const apply = EDITS[edit]!
    const distances = scenes.map((pixels, i) =>
      hamming(hashes[i]!, phashFromGray32(apply(pixels, i))),
    )
    expect(Math.max(...distances)).toBeLessThanOrEqual(SIMILARITY_THRESHOLD)
  })

  it('keeps unrelated images apart, with a margin', () => {
    let closest = 64
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) {
        closest = Math.min(closest, hamming(hashes[i]!, hashes[j]!))
      }
    }
    expect(closest).toBeGreaterThan(SIMILARITY_THRESHOLD + 2)
  })
})

describe('phash hex', () => {
  it('writes 16 zero-padded lower-case digits and reads them back', () => {
    const next = random(3)
    for (let i = 0; i < 200; i++) {
      const hash = randomHash(next) >> BigInt(Math.floor(next() * 64))
      const hex = phashToHex(hash)
      expect(hex).toMatch(/^[0-9a-f]{16}$/)
      expect(phashFromHex(hex)).toBe(hash)
    }
    expect(phashToHex(0n)).toBe('0000000000000000')
    expect(phashToHex(0xffffffffffffffffn)).toBe('ffffffffffffffff')
    expect(phashFromHex('00000000000000FF')).toBe(255n)
  })

  it('refuses values that are not 64-bit hashes', () => {
    expect(() => phashToHex(-1n)).toThrow(RangeError)
    expect(() => phashToHex(1n << 64n)).toThrow(RangeError)
    expect(() => phashFromHex('123')).toThrow(RangeError)
    expect(() => phashFromHex('0x00000000000000')).toThrow(RangeError)
  })
})

describe('hamming', () => {
  it('counts differing bits in both halves', () => {
    expect(hamming(0n, 0n)).toBe(0)
    expect(hamming(0n, 0xffffffffffffffffn)).toBe(64)
    expect(hamming(1n << 63n, 1n)).toBe(2)
    expect(hamming(0xf0f0f0f0_0000000fn, 0x00f0f0f0_ffffffffn)).toBe(4 + 28)
  })

  it('agrees with counting the bits one by one', () => {
    const next = random(4)
    for (let i = 0; i < 500; i++) {
      const a = randomHash(next)
      const b = randomHash(next)
      expect(hamming(a, b)).toBe(popcount(a ^ b))
    }
  })
})

describe('SimilarityIndex', () => {
  /** 5,000 hashes: random ones, near copies at 1–12 bits and exact duplicates. */
  function library(): Array<{ id: number; hash: bigint }> {
    const next = random(5)
    const entries: Array<{ id: number; hash: bigint }> = []
    while (entries.length < 5000) {
      const id = entries.length + 1
      const source = entries[Math.floor(next() * entries.length)]
      const roll = next()
      if (source && roll < 0.3)
        entries.push({ id, hash: flipBits(source.hash, 1 + Math.floor(next() * 12), next) })
      else if (source && roll < 0.35) entries.push({ id, hash: source.hash })
      else entries.push({ id, hash: randomHash(next) })
    }
    return entries
  }

  function bruteForce(
    entries: Array<{ id: number; hash: bigint }>,
    hash: bigint,
    threshold: number,
  ) {
    return entries
      .map(({ id, hash: other }) => ({ id, distance: hamming(hash, other) }))
      .filter((match) => match.distance <= threshold)
      .sort((a, b) => a.distance - b.distance || a.id - b.id)
  }

  it.each([0, 1, 3, 6, 10, 16, 64])(
    'finds exactly what a full scan finds at threshold %i',
    (threshold) => {
      const entries = library()
      const index = new SimilarityIndex()
      for (const { id, hash } of entries) index.add(id, hash)
      expect(index.size).toBe(entries.length)
      const next = random(6)
      const queries = [
        ...entries.slice(0, 60).map((e) => e.hash),
        ...entries.slice(60, 100).map((e) => flipBits(e.hash, 1 + Math.floor(next() * 10), next)),
        ...Array.from({ length: 20 }, () => randomHash(next)),
      ]
      let found = 0
      for (const query of queries) {
        const expected = bruteForce(entries, query, threshold)
        expect(index.near(query, threshold)).toEqual(expected)
        found += expected.length
      }
      expect(found).toBeGreaterThan(0)
    },
  )

  it('compares a small fraction of 100,000 random hashes', () => {
    const next = random(8)
    const index = new SimilarityIndex()
    for (let id = 0; id < 100_000; id++) index.add(id, randomHash(next))
    const visited = (threshold: number) => {
      let total = 0
      for (let q = 0; q < 20; q++) {
        index.near(randomHash(next), threshold)
        total += index.lastVisited
      }
      return total / 20 / index.size
    }
    expect(visited(6)).toBeLessThan(0.01)
    expect(visited(SIMILARITY_THRESHOLD)).toBeLessThan(0.02)
  })

  it('answers an empty index with nothing', () => {
    expect(new SimilarityIndex().near(123n)).toEqual([])
    expect(new SimilarityIndex().groups()).toEqual([])
  })

  it('refuses a negative or fractional threshold', () => {
    const index = new SimilarityIndex()
    expect(() => index.near(0n, -1)).toThrow(RangeError)
    expect(() => index.near(0n, 2.5)).toThrow(RangeError)
  })

  it('groups chains of similar images and leaves the rest out', () => {
    const a = 0x0123456789abcdefn
    const bits = (hash: bigint, ...positions: number[]) =>
      positions.reduce((h, p) => h ^ (1n << BigInt(p)), hash)
    const b = bits(a, 0, 1, 2, 3, 4, 5) // 6 from a
    const c = bits(b, 10, 11, 12, 13, 14, 15) // 6 from b, 12 from a
    const far = ~a & 0xffffffffffffffffn
    const index = new SimilarityIndex()
    index.add(9, far)
    index.add(3, c)
    index.add(1, a)
    index.add(5, 0x5555555555555555n)
    index.add(2, b)
    index.add(6, 0x5555555555555555n)
    index.add(7, a)
    index.add(4, bits(far, 40, 41))
    expect(index.groups(10)).toEqual([
      [1, 2, 3, 7],
      [4, 9],
      [5, 6],
    ])
    expect(index.groups(0)).toEqual([
      [1, 7],
      [5, 6],
    ])
    expect(index.near(a, 10)).toEqual([
      { id: 1, distance: 0 },
      { id: 7, distance: 0 },
      { id: 2, distance: 6 },
    ])
  })
})

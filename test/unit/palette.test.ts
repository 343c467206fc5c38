import { describe, expect, it } from 'vitest'
import { cellOf, cellsNear, distance, labOf } from '../../src/main/media/color-space'
import { paletteOf } from '../../src/main/media/palette'

/** Raw RGB(A) pixels: `runs` of [count, r, g, b, a?]. */
function pixels(channels: 3 | 4, ...runs: number[][]): Uint8Array {
  const out: number[] = []
  for (const [count, ...colour] of runs)
    for (let i = 0; i < count!; i++) out.push(...colour.slice(0, channels))
  return Uint8Array.from(out)
}

describe('palette', () => {
  it('gives a solid picture one colour covering all of it', () => {
    expect(paletteOf(pixels(3, [400, 200, 30, 40]), 3)).toEqual([{ rgb: 0xc81e28, share: 1 }])
  })

  it('gives a two-colour picture both colours, the larger share first', () => {
    const palette = paletteOf(pixels(3, [100, 0, 0, 255], [300, 255, 255, 0]), 3)
    expect(palette).toEqual([
      { rgb: 0xffff00, share: 0.75 },
      { rgb: 0x0000ff, share: 0.25 },
    ])
  })

  it('keeps at most five colours and is the same on every run', () => {
    const runs = Array.from({ length: 12 }, (_, i) => [
      10 + i,
      (i * 97) % 256,
      (i * 53) % 256,
      (i * 29) % 256,
    ])
    const first = paletteOf(pixels(3, ...runs), 3)
    expect(first).toHaveLength(5)
    expect(first.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 6)
    expect(paletteOf(pixels(3, ...runs.reverse()), 3)).toEqual(first)
  })

  it('leaves transparent pixels out and reads grey pictures', () => {
    expect(paletteOf(pixels(4, [50, 0, 200, 0, 255], [150, 255, 0, 0, 0]), 4)).toEqual([
      { rgb: 0x00c800, share: 1 },
    ])
    expect(paletteOf(Uint8Array.from([90, 90, 90]), 1)).toEqual([{ rgb: 0x5a5a5a, share: 1 }])
    expect(paletteOf(pixels(4, [10, 1, 2, 3, 0]), 4)).toEqual([])
  })
})

describe('the colour filter grid', () => {
  it('finds the cell of every colour within reach among the cells it looks up', () => {
    const target = labOf(200, 30, 40)
    const near = new Set(cellsNear(target, 20))
    for (let r = 0; r < 256; r += 15)
      for (let g = 0; g < 256; g += 15)
        for (let b = 0; b < 256; b += 15) {
          const lab = labOf(r, g, b)
          if (distance(lab, target) <= 20) expect(near.has(cellOf(lab))).toBe(true)
        }
    expect(near.size).toBeLessThanOrEqual(27)
  })

  it('puts white, black and pure red where CIELAB has them', () => {
    expect(labOf(255, 255, 255).l).toBeCloseTo(100, 1)
    expect(labOf(0, 0, 0).l).toBeCloseTo(0, 5)
    const red = labOf(255, 0, 0)
    expect([red.l, red.a, red.b].map(Math.round)).toEqual([53, 80, 67])
  })
})

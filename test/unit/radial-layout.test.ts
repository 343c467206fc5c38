import { describe, expect, it } from 'vitest'
import { radialTree } from '../../src/renderer/src/lib/radial-layout'

const distance = (p: { x: number; y: number }) => Math.hypot(p.x, p.y)

describe('the radial tree layout', () => {
  it('puts the centre in the middle and each step one ring further out', () => {
    const positions = radialTree(
      'c',
      ['c', 'a', 'b', 'a1', 'a2', 'b1'],
      [
        { source: 'c', target: 'a' },
        { source: 'b', target: 'c' },
        { source: 'a', target: 'a1' },
        { source: 'a', target: 'a2' },
        { source: 'b', target: 'b1' },
        { source: 'a1', target: 'b1' },
      ],
    )
    expect(distance(positions.get('c')!)).toBe(0)
    const ring1 = distance(positions.get('a')!)
    expect(distance(positions.get('b')!)).toBeCloseTo(ring1)
    const ring2 = distance(positions.get('a1')!)
    expect(ring2).toBeGreaterThan(ring1)
    expect(distance(positions.get('b1')!)).toBeCloseTo(ring2)
  })

  it('keeps children in their parent’s slice, so they sit near it', () => {
    const edges = [
      { source: 'c', target: 'a' },
      { source: 'c', target: 'b' },
      ...['a1', 'a2', 'a3'].map((t) => ({ source: 'a', target: t })),
      ...['b1', 'b2', 'b3'].map((t) => ({ source: 'b', target: t })),
    ]
    const p = radialTree('c', ['c', 'a', 'b', 'a1', 'a2', 'a3', 'b1', 'b2', 'b3'], edges)
    const gap = (x: string, y: string) =>
      Math.hypot(p.get(x)!.x - p.get(y)!.x, p.get(x)!.y - p.get(y)!.y)
    for (const child of ['a1', 'a2', 'a3']) expect(gap(child, 'a')).toBeLessThan(gap(child, 'b'))
    for (const child of ['b1', 'b2', 'b3']) expect(gap(child, 'b')).toBeLessThan(gap(child, 'a'))
  })

  it('widens a crowded ring so its nodes do not overlap, and places nodes no edge reaches', () => {
    const leaves = Array.from({ length: 300 }, (_, i) => `n${i}`)
    const p = radialTree(
      'c',
      ['c', ...leaves, 'alone'],
      leaves.map((t) => ({ source: 'c', target: t })),
    )
    const a = p.get('n0')!
    const b = p.get('n1')!
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(50)
    expect(distance(p.get('alone')!)).toBeGreaterThan(distance(a))
  })
})

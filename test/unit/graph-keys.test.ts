import { describe, expect, it } from 'vitest'
import { nearestInDirection } from '../../src/renderer/src/components/graph/graph-keys'

describe('arrow keys on the graph', () => {
  const from = { id: 'a', x: 100, y: 100 }
  const points = [
    from,
    { id: 'right-far', x: 300, y: 100 },
    { id: 'right-near-but-off', x: 150, y: 160 },
    { id: 'up', x: 110, y: 20 },
    { id: 'behind', x: 40, y: 100 },
  ]

  it('goes to the nearest node that way, a sideways offset counting double', () => {
    expect(nearestInDirection(from, points, 'right')).toBe('right-near-but-off')
    expect(nearestInDirection(from, points, 'up')).toBe('up')
    expect(nearestInDirection(from, points, 'left')).toBe('behind')
    expect(nearestInDirection(from, points, 'down')).toBe('right-near-but-off')
  })

  it('stays put when nothing lies that way', () => {
    expect(nearestInDirection(from, [from, { id: 'b', x: 100, y: 300 }], 'up')).toBeNull()
    expect(nearestInDirection(from, [from, { id: 'c', x: 110, y: 300 }], 'right')).toBeNull()
  })
})

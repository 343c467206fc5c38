/** Keyboard moves on the graph: arrows go to the nearest node that way (pure, tested). */

export interface Point {
  id: string
  x: number
  y: number
}

export type Direction = 'left' | 'right' | 'up' | 'down'

const VECTORS: Record<Direction, [number, number]> = {
  left: [-1, 0],
  right: [1, 0],
  up: [0, -1],
  down: [0, 1],
}

export const ARROWS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
}

/**
 * The node an arrow key goes to: ahead of `from` within 60° either side of the arrow, nearest
 * by distance along the arrow plus twice the sideways offset (so straight ahead wins).
 */
export function nearestInDirection(
  from: Point,
  points: Point[],
  direction: Direction,
): string | null {
  const [dx, dy] = VECTORS[direction]
  let best: string | null = null
  let bestScore = Infinity
  for (const p of points) {
    if (p.id === from.id) continue
    const along = (p.x - from.x) * dx + (p.y - from.y) * dy
    const side = Math.abs((p.x - from.x) * dy - (p.y - from.y) * dx)
    if (along <= 0 || side > along * 1.8) continue
    const score = along + 2 * side
    if (score < bestScore) {
      bestScore = score
      best = p.id
    }
  }
  return best
}

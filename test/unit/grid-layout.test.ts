import { describe, expect, it } from 'vitest'
import {
  boxOf,
  computeLayout,
  headersIn,
  indexAt,
  indexesInRect,
  indexRange,
  justifyRow,
  moveIndex,
  rowOf,
  scrollHeightOf,
  scrollTopFor,
  virtualTop,
  type GridOptions,
} from '../../src/renderer/src/lib/grid-layout'

// 4 columns of 100 px tiles: 16 + 4 × 100 + 3 × 4 + 16 = 444 px wide; a row every 104 px.
const OPTIONS: GridOptions = { width: 444, tile: 100, gap: 4, padding: 16, header: 30 }
const groups = [
  { key: 'a', label: 'A', count: 6 }, // 2 rows
  { key: 'b', label: 'B', count: 4 }, // 1 row
  { key: 'c', label: 'C', count: 9 }, // 3 rows
]

describe('grid layout', () => {
  it('fills the width with as many columns as fit', () => {
    const layout = computeLayout(10, null, OPTIONS)
    expect(layout.columns).toBe(4)
    expect(layout.tileWidth).toBe(100)
    expect(computeLayout(10, null, { ...OPTIONS, width: 500 }).columns).toBe(4)
    expect(computeLayout(10, null, { ...OPTIONS, width: 548 }).columns).toBe(5)
    expect(computeLayout(10, null, { ...OPTIONS, width: 50 }).columns).toBe(1)
  })

  it('is as tall as its rows without groups', () => {
    const layout = computeLayout(10, null, OPTIONS)
    // 3 rows: 16 + 3 × 104 − 4 + 16
    expect(layout.height).toBe(340)
    expect(boxOf(layout, 9)).toEqual({ x: 120, y: 224, width: 100, height: 100 })
  })

  it('gives each group a header and whole rows, with prefix-summed positions', () => {
    const layout = computeLayout(19, groups, OPTIONS)
    expect(layout.sections.map((s) => [s.start, s.top, s.rowsTop, s.rows])).toEqual([
      [0, 16, 46, 2],
      [6, 254, 284, 1],
      [10, 388, 418, 3],
    ])
    expect(boxOf(layout, 6)).toMatchObject({ x: 16, y: 284 })
    expect(boxOf(layout, 18)).toMatchObject({ x: 16, y: 418 + 2 * 104 })
    expect(layout.height).toBe(418 + 3 * 104 - 4 + 16)
  })

  it('covers exactly the total when group counts are out of date', () => {
    const short = computeLayout(12, groups, OPTIONS)
    expect(short.sections.map((s) => s.count)).toEqual([6, 4, 2])
    const long = computeLayout(25, groups, OPTIONS)
    expect(long.sections.map((s) => s.count)).toEqual([6, 4, 9, 6])
  })

  it('finds the contiguous indexes of the rows in view', () => {
    const layout = computeLayout(19, groups, OPTIONS)
    expect(indexRange(layout, 0, 40)).toEqual({ first: 0, last: -1 })
    expect(indexRange(layout, 0, 47)).toEqual({ first: 0, last: 3 })
    expect(indexRange(layout, 150, 300)).toEqual({ first: 4, last: 9 })
    expect(indexRange(layout, 260, 5000)).toEqual({ first: 6, last: 18 })
    expect(indexRange(computeLayout(0, null, OPTIONS), 0, 500)).toEqual({ first: 0, last: -1 })
  })

  it('lists the headers in view', () => {
    const layout = computeLayout(19, groups, OPTIONS)
    expect(headersIn(layout, 0, 300).map((s) => s.key)).toEqual(['a', 'b'])
    expect(headersIn(layout, 290, 400).map((s) => s.key)).toEqual(['c'])
    expect(headersIn(computeLayout(19, null, OPTIONS), 0, 300)).toEqual([])
  })

  it('hits tiles, not gaps or headers', () => {
    const layout = computeLayout(19, groups, OPTIONS)
    expect(indexAt(layout, 20, 50)).toBe(0)
    expect(indexAt(layout, 125, 155)).toBe(5)
    expect(indexAt(layout, 330, 155)).toBeNull() // past the group's last tile
    expect(indexAt(layout, 20, 260)).toBeNull() // a header
  })

  it('turns a rubber band into one index range per row it crosses', () => {
    const layout = computeLayout(19, groups, OPTIONS)
    // From the second column of group A's first row to the third column of group B's row.
    expect(indexesInRect(layout, 150, 60, 250, 300)).toEqual([
      [1, 2],
      [5, 5],
      [7, 8],
    ])
    expect(indexesInRect(layout, 250, 300, 150, 60)).toEqual([
      [1, 2],
      [5, 5],
      [7, 8],
    ])
  })

  it('moves focus by column across sections, and by pages', () => {
    const layout = computeLayout(19, groups, OPTIONS)
    expect(moveIndex(layout, 5, 'down', 300)).toBe(7) // into B's row, same column
    expect(moveIndex(layout, 7, 'up', 300)).toBe(5) // back to A's short last row
    expect(moveIndex(layout, 3, 'down', 300)).toBe(5) // A's last row has 2 tiles
    expect(moveIndex(layout, 0, 'up', 300)).toBe(0)
    expect(moveIndex(layout, 18, 'down', 300)).toBe(18)
    expect(moveIndex(layout, 0, 'end', 300)).toBe(18)
    expect(moveIndex(layout, 1, 'pageDown', 330)).toBe(7) // two rows down: A's second, then B's
    expect(rowOf(layout, 17)).toEqual({ start: 14, length: 4 })
  })

  it('justifies a row by aspect ratio, without stretching a short last row', () => {
    const full = justifyRow([2, 1, 1], 416, 100, 4, true)
    expect(full.map((b) => Math.round(b.width))).toEqual([204, 102, 102])
    expect(Math.round(full.at(-1)!.x + full.at(-1)!.width)).toBe(416)
    const short = justifyRow([1.5], 416, 100, 4, false)
    expect(short).toEqual([{ x: 0, width: 150 }])
  })

  it('scales scroll positions when the virtual height passes what a browser can scroll', () => {
    const huge = computeLayout(10_000_000, null, OPTIONS)
    expect(huge.height).toBeGreaterThan(200_000_000)
    const dom = scrollHeightOf(huge)
    expect(dom).toBeLessThanOrEqual(15_000_000)
    expect(virtualTop(huge, dom - 800, 800)).toBeCloseTo(huge.height - 800)
    expect(scrollTopFor(huge, virtualTop(huge, 1_234_567, 800), 800)).toBeCloseTo(1_234_567)
    const small = computeLayout(100, null, OPTIONS)
    expect(virtualTop(small, 500, 800)).toBe(500)
  })
})

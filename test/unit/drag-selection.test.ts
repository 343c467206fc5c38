import { describe, expect, it } from 'vitest'
import { dragOfTile } from '../../src/renderer/src/lib/drag-selection'
import {
  EVERYTHING,
  NOTHING,
  only,
  toggle,
  withRanges,
} from '../../src/renderer/src/lib/gallery-selection'

const QUERY = { rootId: 1, sort: 'name' as const }
/** Tile i shows asset 100 + i; rows past `loaded` are not fetched yet. */
const idAt = (loaded: number) => (i: number) => (i < loaded ? 100 + i : undefined)

describe('what a tile drag carries', () => {
  it('carries the tile alone when it is not selected', () => {
    expect(dragOfTile(only(0), QUERY, 50, 7, 107, idAt(50))).toEqual({
      count: 1,
      selection: { ids: [107] },
    })
  })

  it('carries a select-all as its query and exceptions, never as ids', () => {
    const model = toggle(EVERYTHING, 3, 103)
    expect(dragOfTile(model, QUERY, 1_000_000, 5, 105, idAt(60))).toEqual({
      count: 999_999,
      selection: { query: QUERY, exceptIds: [103] },
    })
  })

  it('spells out a selected range whose rows are loaded, with toggled tiles', () => {
    const model = toggle(withRanges(NOTHING, [[2, 4]]), 9, 109)
    expect(dragOfTile(model, QUERY, 50, 3, 103, idAt(50))).toEqual({
      count: 4,
      selection: { ids: [102, 103, 104, 109] },
    })
  })

  it('leaves a range it cannot spell out now to be resolved on drop', () => {
    const model = withRanges(NOTHING, [[0, 40]])
    expect(dragOfTile(model, QUERY, 50, 1, 101, idAt(20))).toEqual({ count: 41, selection: null })
  })
})

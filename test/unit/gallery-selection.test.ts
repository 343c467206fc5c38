import { describe, expect, it } from 'vitest'
import {
  countOf,
  EVERYTHING,
  isSelected,
  normalize,
  NOTHING,
  only,
  toggle,
  toSelection,
  withRanges,
} from '../../src/renderer/src/lib/gallery-selection'

// In these tests the asset at index i has id 1000 + i.
const idsIn = async (a: number, b: number) =>
  Array.from({ length: b - a + 1 }, (_, k) => 1000 + a + k)

describe('gallery selection', () => {
  it('merges overlapping and touching ranges', () => {
    expect(
      normalize([
        [5, 9],
        [0, 2],
        [3, 4],
        [20, 12],
      ]),
    ).toEqual([
      [0, 9],
      [12, 20],
    ])
  })

  it('selects a shift-click range by position, with no rows loaded', () => {
    const model = withRanges(only(10), [[10, 500_009]])
    expect(countOf(model, 1_000_000)).toBe(500_000)
    expect(isSelected(model, 250_000, undefined)).toBe(true)
    expect(isSelected(model, 500_010, undefined)).toBe(false)
  })

  it('toggles single assets inside and outside ranges', () => {
    let model = withRanges(NOTHING, [[0, 9]])
    model = toggle(model, 4, 1004)
    expect(isSelected(model, 4, 1004)).toBe(false)
    model = toggle(model, 20, 1020)
    expect(isSelected(model, 20, 1020)).toBe(true)
    expect(countOf(model, 100)).toBe(10)
    model = toggle(toggle(model, 4, 1004), 20, 1020)
    expect(countOf(model, 100)).toBe(10)
    expect(isSelected(model, 4, 1004)).toBe(true)
  })

  it('reselects deselected assets a new range sweeps over', () => {
    const model = withRanges(toggle(withRanges(NOTHING, [[0, 9]]), 4, 1004), [[3, 5]])
    expect(isSelected(model, 4, 1004)).toBe(true)
    expect(countOf(model, 100)).toBe(10)
  })

  it('holds select-all as a query minus exceptions, never a list of ids', async () => {
    const model = toggle(EVERYTHING, 7, 1007)
    expect(countOf(model, 1_000_000)).toBe(999_999)
    const query = { text: 'lobby' }
    let asked = false
    const selection = await toSelection(model, query, 1_000_000, async () => {
      asked = true
      return []
    })
    expect(selection).toEqual({ query, exceptIds: [1007] })
    expect(asked).toBe(false)
  })

  it('turns a range over the whole query into select-all', async () => {
    const selection = await toSelection(withRanges(NOTHING, [[0, 49]]), {}, 50, idsIn)
    expect(selection).toEqual({ query: {}, exceptIds: [] })
  })

  it('resolves ranges to ids, minus deselected, plus toggled', async () => {
    const model = toggle(toggle(withRanges(NOTHING, [[2, 4]]), 3, 1003), 40, 1040)
    const selection = await toSelection(model, {}, 100, idsIn)
    expect(selection).toEqual({ ids: [1002, 1004, 1040] })
  })
})

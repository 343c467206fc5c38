import { describe, expect, it } from 'vitest'
import { rowWindow } from '../../src/renderer/src/lib/row-window'

describe('the rows a long playlist puts in the page', () => {
  it('renders the rows in view plus the overscan, and pads for the rest', () => {
    const w = rowWindow(57 * 1000, 570, 5000, 57, 8)
    expect(w).toEqual({ first: 992, end: 1019, before: 992 * 57, after: (5000 - 1019) * 57 })
    expect(w.end - w.first).toBeLessThan(40)
  })

  it('starts at the top and stops at the end', () => {
    expect(rowWindow(0, 570, 5000, 57, 8)).toMatchObject({ first: 0, end: 19, before: 0 })
    expect(rowWindow(57 * 4990, 570, 5000, 57, 8)).toMatchObject({ end: 5000, after: 0 })
  })

  it('renders a short list whole, and an empty one not at all', () => {
    expect(rowWindow(0, 800, 5, 57, 8)).toEqual({ first: 0, end: 5, before: 0, after: 0 })
    expect(rowWindow(0, 800, 0, 57, 8)).toEqual({ first: 0, end: 0, before: 0, after: 0 })
  })

  it('copes with a scroll position past the end (the list just got shorter)', () => {
    const w = rowWindow(57 * 5000, 570, 100, 57, 8)
    expect(w.first).toBeLessThanOrEqual(w.end)
    expect(w.end).toBe(100)
    expect(w.after).toBe(0)
  })
})

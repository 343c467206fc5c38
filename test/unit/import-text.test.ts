import { describe, expect, it } from 'vitest'
import { importsText } from '../../src/renderer/src/lib/import-text'
import type { ImportProgress } from '../../src/shared/contract'

const progress = (fields: Partial<ImportProgress>): ImportProgress => ({
  importId: 'a',
  phase: 'copying',
  rootId: 1,
  target: '/media/Inbox/2026-11-30',
  files: 0,
  totalFiles: 0,
  bytes: 0,
  totalBytes: 0,
  rate: 0,
  etaMs: null,
  current: [],
  settled: [],
  ...fields,
})

describe('the status bar line of imports', () => {
  it('says nothing when no import runs', () => {
    expect(importsText([])).toBeNull()
  })

  it('says files, bytes, rate and time left, summed over every import under way', () => {
    const text = importsText([
      progress({
        files: 2,
        totalFiles: 10,
        bytes: 20e6,
        totalBytes: 100e6,
        rate: 10e6,
        etaMs: 8_000,
      }),
      progress({ importId: 'b', files: 1, totalFiles: 2, bytes: 5e6, totalBytes: 10e6, rate: 5e6 }),
    ])
    expect(text).toMatch(
      /^Importing 3 of 12 files — 25(\.0)? MB of 110 MB · 15(\.0)? MB\/s · .*8 s.* left$/,
    )
  })

  it('says the drop is being checked before any byte moves', () => {
    expect(importsText([progress({ phase: 'checking', totalFiles: 4 })])).toBe(
      'Checking 4 dropped files…',
    )
  })
})

import { describe, expect, it } from 'vitest'
import { exportAmounts, exportPercent, exportsText } from '../../src/renderer/src/lib/export-text'
import type { ExportProgress } from '../../src/shared/contract'

const progress = (fields: Partial<ExportProgress>): ExportProgress => ({
  exportId: 'a',
  phase: 'copying',
  files: 1,
  totalFiles: 3,
  bytes: 12_000_000,
  totalBytes: 40_000_000,
  rate: 8_000_000,
  etaMs: 3500,
  ...fields,
})

describe('what an export is doing, in words', () => {
  it('gives files, bytes, rate and time left while copying', () => {
    expect(exportAmounts(progress({}))).toBe(
      '1 of 3 files · 12 MB of 40 MB · 8 MB/s · about 3.5 s left',
    )
    expect(exportPercent(progress({}))).toBe(30)
  })

  it('counts files while media is prepared, when bytes are not known yet', () => {
    const preparing = progress({
      phase: 'preparing',
      bytes: 0,
      totalBytes: 0,
      rate: 0,
      etaMs: null,
    })
    expect(exportAmounts(preparing)).toBe('1 of 3 files')
    expect(exportPercent(preparing)).toBe(33)
  })

  it('sums up for the status bar, and says nothing when no export runs', () => {
    expect(exportsText([])).toBeNull()
    expect(exportsText([{ label: 'Lobby', progress: null }])).toBe('Exporting Lobby — starting…')
    expect(exportsText([{ label: 'Lobby', progress: progress({}) }])).toBe(
      'Exporting Lobby — copying 30 % · 8 MB/s · about 3.5 s left',
    )
    expect(
      exportsText([
        { label: 'Lobby', progress: progress({}) },
        { label: 'Menus', progress: null },
      ]),
    ).toMatch(/^Exporting Lobby and 1 more — copying 30 %/)
  })
})

import { describe, expect, it } from 'vitest'
import { parsePdfinfo, pdftoppmArgs, renderedSize } from '../../src/main/media/pdf'

const INFO = `Title:           Prices: summer
Author:          
CreationDate:    2024-01-02T03:04:05+01:00
Pages:           12
Encrypted:       no
Page size:       841.89 x 595.276 pts (A4)
Page rot:        90
File size:       1202 bytes
`

describe('pdfinfo and pdftoppm', () => {
  it('reads pages, text fields and page 1 size turned by its rotation', () => {
    expect(parsePdfinfo(INFO)).toEqual({
      pages: 12,
      title: 'Prices: summer',
      author: null,
      creator: null,
      producer: null,
      created: '2024-01-02T03:04:05+01:00',
      pageSize: { width: 595.276, height: 841.89, name: 'A4' },
    })
    expect(parsePdfinfo('').pageSize).toBeNull()
  })

  it('renders page 1 only, with a 1920 px long edge, and sizes the asset the same way', () => {
    expect(pdftoppmArgs('/m/a.pdf', '/t/x')).toEqual(
      expect.arrayContaining(['-f', '1', '-l', '1', '-singlefile', '-png', '-scale-to', '1920']),
    )
    expect(renderedSize({ width: 595, height: 842 })).toEqual({ width: 1357, height: 1920 })
    expect(renderedSize({ width: 300, height: 100 })).toEqual({ width: 1920, height: 640 })
  })
})

import { describe, expect, it } from 'vitest'
import { summarize, verdictForPlan, verdictForStatus } from '../../src/main/export/compliance'
import type { ItemCompliance } from '../../src/shared/profiles'

const item = (outcome: ItemCompliance['outcome']): ItemCompliance => ({
  itemId: 1,
  assetId: 1,
  outcome,
  label: '',
  reasons: [],
})

describe('compliance in words', () => {
  it('counts outcomes in the order an operator reads them, singular and plural', () => {
    const items = [
      ...Array.from({ length: 38 }, () => item('plays')),
      item('transcoded'),
      item('transcoded'),
      item('cannot'),
    ]
    expect(summarize(items).summary).toBe('38 play as is, 2 will be transcoded, 1 cannot play')
    expect(summarize([item('plays'), item('pending')]).summary).toBe(
      '1 plays as is, 1 is not processed yet',
    )
    expect(summarize([]).summary).toBe('nothing to play yet')
  })

  it('names what cannot be planned yet', () => {
    expect(verdictForStatus('queued', null)).toEqual({
      outcome: 'pending',
      label: 'not processed yet',
      reasons: [],
    })
    expect(verdictForStatus('failed', 'not an image')?.label).toBe(
      'cannot play: processing failed: not an image',
    )
    expect(verdictForStatus('missing', null)?.label).toBe(
      'cannot play: the file is missing from its folder',
    )
    expect(verdictForStatus('ready', null)).toBeNull()
  })

  it('says what a conversion changes: the format, and the size when it is resized', () => {
    const plan = { kind: 'image', plan: { width: 1920, height: 1440, format: 'jpeg', quality: 90 } }
    expect(
      verdictForPlan(plan as never, { mime: 'image/heic', width: 4032, height: 3024 }),
    ).toEqual({
      outcome: 'converted',
      label: 'will be converted: HEIC → JPEG',
      reasons: ['4032×3024 → 1920×1440'],
    })
  })
})

import { describe, expect, it } from 'vitest'
import { asWriteFailure, isOutOfSpace } from '../../src/main/errors'

describe('a thumbnail write that failed', () => {
  it('is a full disk when libvips says so in words', () => {
    const said = new Error('/lib/cache/x.webp: write error\nsystem error: No space left on device')
    expect(asWriteFailure(said, 10 ** 9, 1000)).toBe(said)
  })

  it('is a full disk when its words were lost and the volume had less room than it needed', () => {
    const lost = new Error('Warning treated as error due to failOn setting')
    const failure = asWriteFailure(lost, 200_000, 5_000_000)
    expect(isOutOfSpace(failure)).toBe(true)
    expect(failure.message).toContain('Warning treated as error')
  })

  it('is a write error, never "could not be decoded", when there was room', () => {
    const failure = asWriteFailure(new Error('Unknown error'), 10 ** 9, 5_000_000)
    expect(isOutOfSpace(failure)).toBe(false)
    expect(failure).toMatchObject({ code: 'EIO' })
    expect(failure.message).toBe('The thumbnail could not be written: Unknown error')
  })
})

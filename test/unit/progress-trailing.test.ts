import { afterEach, describe, expect, it, vi } from 'vitest'
import { trailingThrottle } from '../../src/main/services/progress-trailing'

type P = { phase: string; bytes: number; totalBytes: number; current: string }

describe('trailingThrottle', () => {
  afterEach(() => vi.useRealTimers())

  it('sends the last held report after the interval, so the file at hand is never stale', () => {
    vi.useFakeTimers()
    const sent: string[] = []
    const events = trailingThrottle<P>(
      250,
      () => Date.now(),
      (p) => sent.push(p.current),
    )
    const report = (current: string) =>
      events.report({ phase: 'preparing', bytes: 0, totalBytes: 0, current })
    report('welcome.png')
    vi.advanceTimersByTime(50)
    report('intro.mp4')
    expect(sent).toEqual(['welcome.png'])
    // intro.mp4 takes a minute to transcode: no report comes, the held one goes out.
    vi.advanceTimersByTime(250)
    expect(sent).toEqual(['welcome.png', 'intro.mp4'])
  })

  it('sends a held report only when nothing newer went out, and nothing after stop', () => {
    vi.useFakeTimers()
    const sent: string[] = []
    const events = trailingThrottle<P>(
      250,
      () => Date.now(),
      (p) => sent.push(p.current),
    )
    events.report({ phase: 'copying', bytes: 1, totalBytes: 10, current: 'a' })
    events.report({ phase: 'copying', bytes: 2, totalBytes: 10, current: 'b' })
    events.report({ phase: 'done', bytes: 10, totalBytes: 10, current: 'end' })
    vi.advanceTimersByTime(1000)
    expect(sent).toEqual(['a', 'end'])
    events.report({ phase: 'verifying', bytes: 1, totalBytes: 10, current: 'v1' })
    events.report({ phase: 'verifying', bytes: 2, totalBytes: 10, current: 'v2' })
    events.stop()
    vi.advanceTimersByTime(1000)
    expect(sent).toEqual(['a', 'end', 'v1'])
  })
})

import { describe, expect, it } from 'vitest'
import { progressThrottle } from '../../src/main/services/progress-throttle'

describe('progressThrottle', () => {
  it('passes four copying reports a second, every phase change and the end of a phase', () => {
    let clock = 0
    const pass = progressThrottle(250, () => clock)
    const passed: string[] = []
    const tick = (phase: string, bytes: number, totalBytes = 1000) => {
      if (pass({ phase, bytes, totalBytes })) passed.push(`${phase}@${clock}:${bytes}`)
    }
    tick('preparing', 0, 0)
    // One report every 10 ms for a second: 100 reports, of which every 250 ms passes.
    for (let i = 1; i <= 100; i++) {
      clock = i * 10
      tick('copying', i * 9)
    }
    clock = 1005
    tick('copying', 1000)
    clock = 1006
    tick('verifying', 0)
    expect(passed).toEqual([
      'preparing@0:0',
      'copying@10:9',
      'copying@260:234',
      'copying@510:459',
      'copying@760:684',
      'copying@1005:1000',
      'verifying@1006:0',
    ])
  })
})

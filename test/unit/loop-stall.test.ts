import { describe, expect, it } from 'vitest'
import { watchLoopStalls } from '../support/loop-stall'

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the event-loop stall probe', () => {
  it('sees the thread sitting in a blocking call', async () => {
    const probe = watchLoopStalls()
    try {
      await tick(60)
      // Asleep in the kernel, as a synchronous read of a hung share would be.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300)
      await tick(60)
      expect(probe.worst()).toBeGreaterThanOrEqual(250)
    } finally {
      probe.stop()
    }
  })

  it('sees the thread running something long', async () => {
    const probe = watchLoopStalls()
    try {
      await tick(60)
      // 300 ms of CPU, however long a loaded machine makes it take.
      const start = process.cpuUsage()
      for (;;) {
        const used = process.cpuUsage(start)
        if ((used.user + used.system) / 1000 >= 300) break
      }
      await tick(60)
      expect(probe.worst()).toBeGreaterThanOrEqual(200)
    } finally {
      probe.stop()
    }
  })
})

import { describe, expect, it } from 'vitest'
import { Slots } from '../../src/main/slots'

describe('slots', () => {
  it('runs at most their number at once, in the order asked, and frees a slot on failure', async () => {
    const slots = new Slots(2)
    let running = 0
    let most = 0
    const order: number[] = []
    const gates = Array.from({ length: 5 }, () => {
      let resolve = (): void => undefined
      const promise = new Promise<void>((r) => (resolve = r))
      return { promise, resolve }
    })
    const runs = gates.map((gate, i) =>
      slots
        .run(async () => {
          order.push(i)
          most = Math.max(most, ++running)
          await gate.promise
          running--
          if (i === 0) throw new Error('first fails')
          return i
        })
        .catch(() => 'failed'),
    )
    for (const gate of gates) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      gate.resolve()
    }
    expect(await Promise.all(runs)).toEqual(['failed', 1, 2, 3, 4])
    expect(most).toBe(2)
    expect(order).toEqual([0, 1, 2, 3, 4])
  })
})

// A playlist reordered faster than the core answers (Alt+↓ held down): an answer to an earlier
// move must not put back an order the user has already moved past.
import { describe, expect, it } from 'vitest'
import { createLatestAnswer } from '../../src/renderer/src/lib/latest-answer'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: Error) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('createLatestAnswer', () => {
  it('shows the answer to a change when nothing was sent after it', async () => {
    const shown: string[] = []
    const changes = createLatestAnswer<string>((answer) => shown.push(answer))
    await expect(changes.send(() => Promise.resolve('2 1 3'))).resolves.toBe('2 1 3')
    expect(shown).toEqual(['2 1 3'])
  })

  it('skips an earlier answer that arrives while a later change is on its way', async () => {
    const shown: string[] = []
    const changes = createLatestAnswer<string>((answer) => shown.push(answer))
    const first = deferred<string>()
    const second = deferred<string>()
    const sending = [changes.send(() => first.promise), changes.send(() => second.promise)]
    first.resolve('2 1 3')
    await sending[0]
    expect(shown).toEqual([])
    second.resolve('2 3 1')
    await sending[1]
    expect(shown).toEqual(['2 3 1'])
  })

  it('never shows an older answer after a newer one, whatever order they come in', async () => {
    const shown: string[] = []
    const changes = createLatestAnswer<string>((answer) => shown.push(answer))
    const first = deferred<string>()
    const second = deferred<string>()
    const sending = [changes.send(() => first.promise), changes.send(() => second.promise)]
    second.resolve('new')
    first.resolve('old')
    await Promise.all(sending)
    expect(shown).toEqual(['new'])
  })

  it('passes a refusal on to the caller, and a later answer still shows', async () => {
    const shown: string[] = []
    const changes = createLatestAnswer<string>((answer) => shown.push(answer))
    const first = deferred<string>()
    const refused = changes.send(() => first.promise)
    first.reject(new Error('CONFLICT'))
    await expect(refused).rejects.toThrow('CONFLICT')
    await changes.send(() => Promise.resolve('reloaded'))
    expect(shown).toEqual(['reloaded'])
  })
})

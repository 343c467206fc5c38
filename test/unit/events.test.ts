import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { EventName } from '../../src/shared/contract'
import { EventBus } from '../../src/main/events'
import type { Logger } from '../../src/main/logger'
import { testCore } from '../support/core'
import { tempDir } from '../support/temp'

describe('the event bus', () => {
  it('keeps a throwing listener away from the emitter and the other listeners', () => {
    const failures: Array<[unknown, EventName]> = []
    const bus = new EventBus((error, event) => failures.push([error, event]))
    const heard: string[] = []
    bus.subscribe(() => heard.push('first'))
    bus.subscribe(() => {
      throw new Error('a renderer went away')
    })
    bus.subscribe(() => heard.push('third'))

    expect(() => bus.emit('roots.changed', { roots: [] })).not.toThrow()
    expect(heard).toEqual(['first', 'third'])
    expect(failures).toHaveLength(1)
    expect(failures[0]![1]).toBe('roots.changed')
    expect((failures[0]![0] as Error).message).toBe('a renderer went away')
  })

  it('reports a listener whose promise rejects, and survives a report that throws', async () => {
    const failures: unknown[] = []
    const bus = new EventBus((error) => {
      failures.push(error)
      throw new Error('the reporter broke too')
    })
    bus.subscribe((async () => {
      throw new Error('later')
    }) as never)
    bus.subscribe(() => {
      throw new Error('now')
    })
    expect(() => bus.emit('roots.changed', { roots: [] })).not.toThrow()
    await new Promise((resolve) => setImmediate(resolve))
    expect(failures.map((error) => (error as Error).message)).toEqual(['now', 'later'])
  })

  it('is wired to the core logger: a broken listener neither fails the call nor goes unseen', async () => {
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const core = testCore(tempDir(), { logger })
    core.events.subscribe(() => {
      throw new Error('listener bug')
    })
    const media = tempDir()
    mkdirSync(join(media, 'Lobby'))
    const root = await core.dispatch('roots.add', { path: join(media, 'Lobby') })
    expect(root.ok).toBe(true)
    expect(logger.error).toHaveBeenCalledWith(
      'events: a listener of roots.changed failed',
      expect.objectContaining({ message: 'listener bug' }),
    )
  })
})

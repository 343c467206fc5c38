import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ScansRepository } from '../../src/main/repositories/scans.repository'
import { testCore } from '../support/core'
import { tempDir } from '../support/temp'

afterEach(() => vi.restoreAllMocks())

function folderOf(n: number): string {
  const folder = tempDir('marquee-checkpoint-')
  mkdirSync(join(folder, 'Lobby'))
  for (let i = 0; i < n; i++) writeFileSync(join(folder, 'Lobby', `slide-${i}.jpg`), `bytes ${i}`)
  return folder
}

describe('checkpointing the WAL while a scan writes', () => {
  it('is done by the CLI, whose main thread has nothing else to do, and the scan is whole', async () => {
    const checkpoint = vi.spyOn(ScansRepository.prototype, 'checkpoint')
    const started = vi.spyOn(globalThis, 'setInterval')
    const cleared = vi.spyOn(globalThis, 'clearInterval')
    const core = testCore(undefined, { face: 'cli' })
    const root = await core.services.roots.add({ path: folderOf(200) })

    const result = await core.services.scan.scan(root.id)

    expect(result).toMatchObject({ status: 'completed', seen: 200, added: 200 })
    // One timer every 100 ms while the scan ran, stopped with it, and what it runs checkpoints.
    const timers = started.mock.calls.flatMap(([run, ms], i) =>
      ms === 100 ? [{ run, handle: started.mock.results[i]!.value as unknown }] : [],
    )
    expect(timers).toHaveLength(1)
    expect(cleared).toHaveBeenCalledWith(timers[0]!.handle)
    checkpoint.mockClear()
    ;(timers[0]!.run as () => void)()
    expect(checkpoint).toHaveBeenCalledTimes(1)
  })

  it('is not done by the app or serve, whose main thread answers the UI', async () => {
    const checkpoint = vi.spyOn(ScansRepository.prototype, 'checkpoint')
    const core = testCore(undefined, { face: 'serve' })
    const root = await core.services.roots.add({ path: folderOf(20) })

    expect(await core.services.scan.scan(root.id)).toMatchObject({ seen: 20, added: 20 })
    expect(checkpoint).not.toHaveBeenCalled()
  })
})

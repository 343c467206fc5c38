import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { ExiftoolRepository } from '../../src/main/repositories/exiftool.repository'
import { tinyPng } from '../fixtures/media'
import { tempDir } from '../support/temp'

/** True once the process is gone and reaped: signal 0 then fails with ESRCH. */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

describe('ExiftoolRepository', () => {
  it('ends its exiftool process on close', async () => {
    const repo = new ExiftoolRepository()
    const tags = await repo.read(await tinyPng(tempDir()))
    expect(tags).toMatchObject({ ImageWidth: 1, ImageHeight: 1 })
    const pids = await repo.pids()
    expect(pids).toHaveLength(1)

    await repo.close()

    expect(pids.filter((pid) => !isGone(pid))).toEqual([])
    expect(await repo.pids()).toEqual([])
  })

  it('ends a process that was still starting when close came', async () => {
    const repo = new ExiftoolRepository()
    const png = await tinyPng(tempDir())

    const reading = repo.read(png).catch((e: unknown) => e)
    await repo.close()
    await reading

    // Not left running for whoever calls next, and not reachable to be ended later.
    expect(await repo.pids()).toEqual([])
  })

  it('ends with Marquee when Marquee is killed, instead of polling its closed stdin for ever', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join('test', 'support', 'exiftool-child.ts'), await tinyPng(tempDir())],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    await vi.waitFor(() => expect(out).toMatch(/^exiftool \d+\n/), { timeout: 20_000 })
    const pid = Number(/^exiftool (\d+)/.exec(out)![1])
    expect(isGone(pid)).toBe(false)

    child.kill('SIGKILL')
    await once(child, 'exit')

    // The watcher looks once a second; without it exiftool stays, parented to init.
    await vi.waitFor(() => expect(isGone(pid)).toBe(true), { timeout: 10_000, interval: 100 })
  })
})

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ImportFilesRepository,
  importWorkerData,
} from '../../src/main/repositories/import-files.repository'
import { prestartWorkers } from '../../src/main/workers'
import { sha256Of } from '../support/imports'
import { tempDir } from '../support/temp'
import { sourceWorkers } from '../support/workers'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

describe('import threads started before the core loads (the CLI import)', () => {
  it('are taken by the import, which hashes with them, and the one left over is ended', async () => {
    const early = prestartWorkers(sourceWorkers, 'import', 2, importWorkerData)
    cleanups.push(() => early.release())
    const spec = early.specs('import')
    const files = new ImportFilesRepository(spec, { timeoutMs: 30_000, threads: 3 })
    cleanups.push(() => files.close())
    const path = join(tempDir(), 'clip.mp4')
    writeFileSync(path, 'the bytes of a clip')

    const hashed = await files.run({ op: 'hash', path })

    expect(hashed.sha256).toBe(sha256Of(path))
    // The request ran on a prestarted thread: one of the two is taken, one still waits.
    expect(spec.prestarted).toHaveLength(1)
    const left = spec.prestarted![0]!
    const ended = new Promise((resolve) => left.worker.once('exit', resolve))
    await early.release()
    await ended
    expect(spec.prestarted).toHaveLength(0)
  })

  it('lets its caller stop a request through the flag it was started with', async () => {
    const early = prestartWorkers(sourceWorkers, 'import', 1, importWorkerData)
    cleanups.push(() => early.release())
    const files = new ImportFilesRepository(early.specs('import'), {
      timeoutMs: 30_000,
      threads: 1,
    })
    cleanups.push(() => files.close())
    const dir = tempDir()
    const path = join(dir, 'clip.mp4')
    writeFileSync(path, Buffer.alloc(64 * 1024 * 1024, 7))
    const stopped = new AbortController()
    stopped.abort()

    const copied = await files.run(
      {
        op: 'copy',
        source: path,
        expected: null,
        part: join(dir, '.clip.part'),
        verify: false,
      },
      { signal: stopped.signal },
    )

    expect(copied.status).toBe('stopped')
  })
})

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { EventName } from '../../src/shared/contract'
import { LibraryLockedError } from '../../src/main/errors'
import { LibraryLockRepository } from '../../src/main/repositories/library-lock.repository'
import { landscapeVideo, textAsJpg, tinyPng } from '../fixtures/media'
import { testCore } from '../support/core'
import { cli } from '../support/cli'
import { tempDir } from '../support/temp'

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

/** A core as serve runs it: the lock, the local socket, the queue running. */
async function runningInstance(dataDir: string) {
  const core = testCore(dataDir)
  await core.listen()
  core.services.jobs.start()
  const seen: EventName[] = []
  core.events.subscribe((event) => seen.push(event))
  return { core, seen }
}

describe('one owner per library', () => {
  it('refuses a second core on a held library and names the holder', () => {
    const dataDir = tempDir()
    testCore(dataDir)
    const lock = JSON.parse(readFileSync(join(dataDir, 'marquee.lock'), 'utf8'))
    expect(lock).toMatchObject({ pid: process.pid, face: 'cli' })
    expect(() => testCore(dataDir)).toThrow(LibraryLockedError)
    expect(() => testCore(dataDir)).toThrow(`process ${process.pid}`)
  })

  it('takes over a lock left by a process that died, and releases its own on close', async () => {
    const dataDir = tempDir()
    mkdirSync(dataDir, { recursive: true })
    const stale = { pid: deadPid(), startedAt: Date.now() - 60_000, face: 'serve', socket: 'x' }
    writeFileSync(join(dataDir, 'marquee.lock'), JSON.stringify(stale))
    const core = testCore(dataDir)
    expect(new LibraryLockRepository(dataDir).holder()).toMatchObject({ pid: process.pid })
    await core.close()
    expect(existsSync(join(dataDir, 'marquee.lock'))).toBe(false)
    expect(new LibraryLockRepository(dataDir).holder()).toBeNull()
  })

  it('treats a lock whose pid now belongs to a younger process as stale (pid reuse)', () => {
    const dataDir = tempDir()
    mkdirSync(dataDir, { recursive: true })
    // Our own pid, "taken" long before this process started: a dead holder's recycled pid.
    const reused = { pid: process.pid, startedAt: 1_000, face: 'serve', socket: 'x' }
    writeFileSync(join(dataDir, 'marquee.lock'), JSON.stringify(reused))
    const holder = new LibraryLockRepository(dataDir).holder()
    if (process.platform === 'linux') expect(holder).toBeNull()
  })

  it('says who holds the library when serve is started on it, and exits 2', async () => {
    const dataDir = tempDir()
    await runningInstance(dataDir)
    const second = await cli(['--data-dir', dataDir, 'serve', '--port', '0'])
    expect(second.code).toBe(2)
    expect(second.stderr).toContain(`is open in marquee cli (process ${process.pid}`)
  })
})

describe('the CLI joins a running instance', () => {
  it('indexes through the instance, which processes the files and reports live', async () => {
    const dataDir = tempDir()
    const media = tempDir()
    await tinyPng(media, 'one.png')
    await tinyPng(media, 'two.png')
    const { core, seen } = await runningInstance(dataDir)

    const indexed = await cli(['--data-dir', dataDir, 'index', media, '--wait', '--json'])
    expect(indexed.stderr).toBe('')
    expect(indexed.code).toBe(0)
    // The work happened in the instance: its own events and its own queue.
    expect(seen).toContain('scan.progress')
    expect(seen).toContain('jobs.progress')
    expect(core.services.jobs.status().assets).toEqual({ ready: 2 })
    // The CLI hung up when it was done.
    await vi.waitFor(() => expect(core.clients()).toBe(0), { timeout: 10_000 })
  })

  it('processes what an earlier CLI left queued as soon as an app starts on the library', async () => {
    const dataDir = tempDir()
    const media = tempDir()
    await tinyPng(media, 'left.png')
    const indexed = await cli(['--data-dir', dataDir, 'index', media, '--json'])
    expect(JSON.parse(indexed.stdout).scans[0]).toMatchObject({ added: 1 })
    const { core } = await runningInstance(dataDir)
    await core.services.jobs.idle()
    expect(core.services.jobs.status().assets).toEqual({ ready: 1 })
  })

  it('never runs crash recovery under the owner: cache/tmp and running jobs are left alone', async () => {
    const dataDir = tempDir()
    const { core } = await runningInstance(dataDir)
    const sentinel = join(core.paths.cacheDir, 'tmp', 'in-flight.part')
    writeFileSync(sentinel, 'a job is writing this')
    for (const command of [['ls'], ['status', '--json'], ['roots', 'ls']]) {
      const run = await cli(['--data-dir', dataDir, ...command])
      expect(run.code, run.stderr).toBe(0)
    }
    expect(existsSync(sentinel)).toBe(true)
  })

  it('exits 3 when indexing finished but some files failed, and says so on stderr', async () => {
    const dataDir = tempDir()
    const media = tempDir()
    await tinyPng(media, 'fine.png')
    await textAsJpg(media, 'broken.jpg')
    const run = await cli(['--data-dir', dataDir, 'index', media, '--wait'])
    expect(run.code).toBe(3)
    expect(run.stderr).toBe('1 file could not be processed: marquee ls --status failed\n')
  })

  it('streams every asset as JSON Lines across pages, and pages the table for people', async () => {
    const dataDir = tempDir()
    const media = tempDir()
    const count = 2_345
    for (let i = 0; i < count; i++) writeFileSync(join(media, `f${i}.jpg`), `x${i}`)
    await cli(['--data-dir', dataDir, 'index', media])
    const listed = await cli(['--data-dir', dataDir, 'ls', '--json'])
    const rows = listed.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number })
    expect(rows).toHaveLength(count)
    expect(new Set(rows.map((r) => r.id)).size).toBe(count)
    const window = await cli([
      '--data-dir',
      dataDir,
      'ls',
      '--json',
      '--offset',
      '1000',
      '--limit',
      '1500',
    ])
    const ids = window.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: number }).id)
    expect(ids).toEqual(rows.slice(1000, 2500).map((r) => r.id))
    const table = await cli(['--data-dir', dataDir, 'ls'])
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(100)
    expect(table.stderr).toBe(`100 of ${count} shown; use --offset 100 for more.\n`)
  })

  it('hands an export to the instance and follows it to the end', async () => {
    const dataDir = tempDir()
    const media = tempDir()
    await landscapeVideo(media, 'clip.mp4')
    await runningInstance(dataDir)
    expect((await cli(['--data-dir', dataDir, 'index', media, '--wait'])).code).toBe(0)
    const out = join(tempDir(), 'bundle')
    const run = await cli([
      '--data-dir',
      dataDir,
      'export',
      join(media, 'clip.mp4'),
      '--profile',
      'fhd-h264',
      '--out',
      out,
      '--json',
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ objects: 1, dir: out })
    expect(existsSync(join(out, 'manifest.json'))).toBe(true)
  })
})

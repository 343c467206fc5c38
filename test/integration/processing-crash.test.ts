import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createInterface } from 'node:readline'
import sharp from 'sharp'
import { describe, expect, it, vi } from 'vitest'
import mediaTask from '../../src/main/jobs/media.worker'
import { testCore } from '../support/core'
import { indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

function killAfterFirstStep(dataDir: string, folder: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('test', 'support', 'core-child.ts'), 'process', dataDir, folder],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, so the kill takes its children (exiftool, ffmpeg) along.
      detached: true,
    },
  )
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (
        line.startsWith('progress ') &&
        (JSON.parse(line.slice(9)) as { done: number }).done >= 20
      )
        process.kill(-child.pid!, 'SIGKILL')
    })
    child.on('exit', () => resolve())
  })
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
}

describe('processing killed with SIGKILL', () => {
  it('resumes on the next run: all ready, a sound database, no partial files in the cache', async () => {
    const folder = tempDir('marquee-photos-')
    for (let i = 0; i < 12; i++) {
      await sharp({
        create: {
          width: 1200,
          height: 900,
          channels: 3,
          background: '#808080',
          noise: { type: 'gaussian', mean: 128, sigma: 40 },
        },
      })
        .jpeg({ quality: 85 })
        .toFile(join(folder, `photo-${i}.jpg`))
    }
    const dataDir = tempDir('marquee-data-')
    await killAfterFirstStep(dataDir, folder)
    const before = new Database(join(dataDir, 'library.db'), { readonly: true })
    const ready = (
      before.prepare("SELECT count(*) AS n FROM assets WHERE status = 'ready'").get() as {
        n: number
      }
    ).n
    before.close()
    expect(ready).toBeLessThan(12)

    const core = testCore(dataDir)
    await indexAndProcess(core)
    expect(core.services.jobs.status().assets).toEqual({ ready: 12 })
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(filesUnder(join(core.paths.cacheDir, 'tmp'))).toEqual([])
    const known = new Set(
      (core.db.prepare('SELECT path FROM derivatives').all() as { path: string }[]).map(
        (r) => r.path,
      ),
    )
    const onDisk = filesUnder(join(core.paths.cacheDir, 'media')).map((f) =>
      relative(core.paths.cacheDir, f),
    )
    expect(onDisk.sort()).toEqual([...known].sort())
    for (const f of onDisk) expect(statSync(join(core.paths.cacheDir, f)).size).toBeGreaterThan(0)
  }, 180_000)
})

describe('hashing a file that is being rewritten', () => {
  it('notices the change instead of recording a hash of nothing in particular', async () => {
    const path = join(tempDir(), 'growing.mp4')
    const size = 64 * 1024 * 1024
    writeFileSync(path, Buffer.alloc(size, 1))
    // Another process keeps appending, as a camera or a copy would. (The task runs in this
    // thread here and reads synchronously, so a writer in this thread could never interleave.)
    const writer = spawn(process.execPath, [
      '-e',
      `const fs = require('fs'); for (let i = 0; ; i++) fs.appendFileSync(${JSON.stringify(path)}, Buffer.from([i % 256]))`,
    ])
    try {
      await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(size), {
        timeout: 10_000,
        interval: 20,
      })
      const result = await mediaTask({ kind: 'hash', path })
      expect(result).toMatchObject({ ok: true, value: { changed: true } })
    } finally {
      writer.kill('SIGKILL')
    }
  })
})

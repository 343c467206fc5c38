import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testCore } from '../support/core'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'
import { mountTmpfs, type Tmpfs } from '../support/tmpfs'

const disks: Tmpfs[] = []
const children = new Set<number>()
afterEach(() => {
  // A test that failed before its kill must not leave a child scanning 60,000 files into the
  // next tests' time.
  for (const pid of children) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  children.clear()
  for (const disk of disks.splice(0)) disk.unmount()
})

/**
 * A folder of `folders` × `perFolder` small files on a tmpfs of its own. On the disk, writing
 * 60,000 files and removing them took 65 s and 21 s at load 10 (the kernel's journal, shared
 * with every other test): most of this test's time, and none of it the scan's. Unmounting drops
 * them at once.
 */
function bigFolder(folders: number, perFolder: number): string {
  // Each small file takes a page: 60,000 × 4 KiB, and room for the folders.
  const disk = mountTmpfs('400m')
  disks.push(disk)
  const files: Record<string, string> = {}
  for (let d = 0; d < folders; d++)
    for (let i = 0; i < perFolder; i++) files[`d${d}/f${i}.jpg`] = `${d}-${i}`
  writeTree(disk.dir, files)
  return disk.dir
}

/** Starts the child and SIGKILLs it as soon as its scan has written something. */
function killMidScan(dataDir: string, folder: string): Promise<number | null> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('test', 'support', 'core-child.ts'), 'scan', dataDir, folder],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, so the kill takes its children (exiftool, ffmpeg) along.
      detached: true,
    },
  )
  children.add(child.pid!)
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('progress ')) return
      const progress = JSON.parse(line.slice(9)) as { seen: number }
      if (progress.seen > 0) process.kill(-child.pid!, 'SIGKILL')
    })
    child.on('exit', (code, signal) => {
      children.delete(child.pid!)
      resolve(signal === 'SIGKILL' ? null : code)
    })
  })
}

describe('a scan killed with SIGKILL', () => {
  it('leaves a sound database, and the next scan completes without duplicates', async () => {
    const folder = bigFolder(600, 100)
    const dataDir = tempDir('marquee-data-')

    expect(await killMidScan(dataDir, folder)).toBeNull()
    const inspect = new Database(join(dataDir, 'library.db'), { readonly: true })
    const written = (inspect.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }).n
    // What it committed is queued through the job backlog, which covers exactly those rows.
    const backlog = inspect
      .prepare(
        `SELECT min(after_id) AS first, max(last_id) AS last, sum(last_id - after_id) AS n
         FROM job_backlog`,
      )
      .get()
    const rows = inspect
      .prepare(
        "SELECT min(id) - 1 AS first, max(id) AS last, count(*) AS n FROM assets WHERE status = 'queued'",
      )
      .get()
    const jobRows = inspect.prepare('SELECT count(*) AS n FROM jobs').get()
    inspect.close()
    expect(written).toBeLessThan(60_000)
    expect(rows).toEqual({ first: 0, last: written, n: written })
    expect(backlog).toEqual(rows)
    expect(jobRows).toEqual({ n: 0 })

    const core = testCore(dataDir)
    const result = await core.services.scan.scan(core.services.roots.list()[0]!.id)
    expect(result).toMatchObject({ status: 'completed', seen: 60_000, missing: 0 })
    // Rows the killed scan wrote were never confirmed by a completed scan, so they count here.
    expect(result.added).toBe(60_000)
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok')
    const duplicates = core.db
      .prepare(
        'SELECT root_id, dir, name FROM assets GROUP BY root_id, dir, name HAVING count(*) > 1',
      )
      .all()
    expect(duplicates).toEqual([])
    expect(core.services.assets.list({}).total).toBe(60_000)
    // The killed scan's backlog and the next scan's queued files: every file, once.
    expect(core.services.jobs.status()).toMatchObject({ queued: 60_000 })
    expect(
      core.db.prepare("SELECT count(*) AS n FROM scans WHERE status = 'running'").get(),
    ).toEqual({ n: 0 })
  })
})

describe('removing a root while it is being scanned', () => {
  it('stops the scan and forgets the root, touching no file', async () => {
    const core = testCore()
    const folder = bigFolder(100, 50)
    const root = await core.services.roots.add({ path: folder })
    const started = new Promise<void>((resolve) => {
      const stop = core.events.subscribe((event) => {
        if (event === 'scan.progress') {
          stop()
          resolve()
        }
      })
    })
    const scanning = core.services.scan.scan(root.id)
    await started
    expect(await core.dispatch('roots.remove', { id: root.id })).toEqual({
      ok: true,
      result: { id: root.id },
    })
    expect((await scanning).status).toBe('aborted')
    expect(core.services.roots.list()).toEqual([])
    expect(core.services.assets.list({}).total).toBe(0)
    expect(readdirSync(folder)).toHaveLength(100)
  })
})

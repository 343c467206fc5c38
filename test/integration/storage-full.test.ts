import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/app'
import type { StorageChange } from '../../src/shared/domain'
import type { Logger } from '../../src/main/logger'
import { silentLogger } from '../../src/main/logger'
import type { JobContext, JobHandler } from '../../src/main/jobs/job-context'
import { JobName } from '../../src/main/jobs/job-names'
import { JobsRepository } from '../../src/main/repositories/jobs.repository'
import { ProcessingRepository } from '../../src/main/repositories/processing.repository'
import { JobsService, type HandlerTable } from '../../src/main/services/jobs.service'
import { outPath, photoLike } from '../fixtures/media-tools'
import { cli } from '../support/cli'
import { coreAt, testCore } from '../support/core'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'
import { mountTmpfs, type Tmpfs } from '../support/tmpfs'

const disks: Tmpfs[] = []
const cores: Core[] = []
afterEach(async () => {
  // The core first: it holds files on the disk.
  for (const core of cores.splice(0)) await core.close()
  for (const disk of disks.splice(0)) disk.unmount()
})

function nextChange(core: Core, paused: boolean): Promise<StorageChange> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe((event, payload) => {
      if (event === 'storage.changed' && (payload as StorageChange).paused === paused) {
        stop()
        resolve(payload as StorageChange)
      }
    })
  })
}

/**
 * Eight camera-sized photos, made once for the file: Marquee only reads them, and making them
 * (sharp, and a grain loop over 13 M bytes each) was half of each test's time under load.
 */
let media: string
beforeAll(async () => {
  media = mkdtempSync(join(tmpdir(), 'marquee-photos-'))
  for (let i = 0; i < 8; i++) {
    const path = await outPath(media, `photo-${i}.jpg`)
    await (await photoLike(2400, 1800, 900 + i, 30)).jpeg({ quality: 90 }).toFile(path)
  }
})
afterAll(() => rmSync(media, { recursive: true, force: true }))

/**
 * Processing eight camera photos, on a disk that fills and then grows: 5-15 s a test at load 6,
 * so the default 30 s is too close once a loaded machine doubles that.
 */
const FULL_DISK = { timeout: 60_000 }

describe('a full disk under the library', FULL_DISK, () => {
  it('pauses processing with a sentence, strands nothing, and resumes by itself once there is room', async () => {
    const disk = mountTmpfs('4m')
    disks.push(disk)
    const core = coreAt(join(disk.dir, 'library'), { face: 'serve', storage: { checkMs: 200 } })
    cores.push(core)
    const paused = nextChange(core, true)
    await core.services.roots.add({ path: media })
    core.startBackground()

    const change = await paused
    // A fresh library now takes more of the 4 MB disk: it may pause at "almost full" before a
    // write fails. The work waits the same way either way.
    expect(change).toMatchObject({ paused: true, volume: core.paths.dataDir })
    expect(['full', 'low']).toContain(change.reason)
    expect(change.neededBytes).toBeGreaterThan(0)
    expect(change.message).toMatch(
      /^The disk that holds Marquee's library \(.+\) is (almost full \(.+ free\)|full) — free at least [\d.]+ [KM]?B; processing is paused and resumes by itself\.$/,
    )
    expect(core.services.storage.status()).toMatchObject({ paused: true })
    // Nothing runs now: nothing is left processing, nothing failed for it, the database is whole.
    // Jobs already under way finish (or find no room and are put back) before the queue is still.
    await vi.waitFor(() => expect(core.services.jobs.status().running).toBe(0), {
      timeout: 30_000,
      interval: 100,
    })
    const assets = core.services.jobs.status().assets
    expect(assets.processing ?? 0).toBe(0)
    expect(assets.failed ?? 0).toBe(0)
    expect(assets.queued).toBeGreaterThan(0)
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok')

    const resumed = nextChange(core, false)
    execFileSync('mount', ['-o', 'remount,size=96m', disk.dir])
    expect(await resumed).toMatchObject({ paused: false, message: null })
    await vi.waitFor(() => expect(core.services.jobs.status().assets).toEqual({ ready: 8 }), {
      timeout: 60_000,
      interval: 250,
    })
  })
})

describe('a full disk under a library the CLI opened', FULL_DISK, () => {
  it('ends index --wait with the sentence and exit 1, and the next index --wait finishes', async () => {
    const disk = mountTmpfs('4m')
    disks.push(disk)
    const dataDir = join(disk.dir, 'library')
    const first = await cli(['--data-dir', dataDir, 'index', media, '--wait'])
    expect(first.code).toBe(1)
    expect(first.stderr).toMatch(
      // Its own line: warnings about jobs put back for lack of room may come before it.
      /^marquee: The disk that holds Marquee's library \(.+\) is (almost full \(.+ free\)|full) — free at least .+; processing is paused and resumes by itself\.$/m,
    )
    const statusRun = await cli(['--data-dir', dataDir, 'status', '--json'])
    if (!statusRun.stdout) throw new Error(`status: ${statusRun.code} ${statusRun.stderr}`)
    const status = JSON.parse(statusRun.stdout)
    expect(status.assets.processing ?? 0).toBe(0)
    expect(status.assets.failed ?? 0).toBe(0)
    expect(status.storage).toMatchObject({ dataDir, paused: false })

    execFileSync('mount', ['-o', 'remount,size=96m', disk.dir])
    const again = await cli(['--data-dir', dataDir, 'index', media, '--wait', '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout).assets).toEqual({ ready: 8 })
  })
})

describe('a job whose bookkeeping throws', () => {
  it('is logged with its context, its asset gets a sentence, and the rest of the queue completes', async () => {
    const core = testCore()
    const media = tempDir()
    writeTree(media, Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.jpg`, `${i}`])))
    await core.services.scan.scan((await core.services.roots.add({ path: media })).id)

    // The first job's result cannot be written (an I/O error of the database, say), once.
    class FlakyJobs extends JobsRepository {
      private thrown = false
      override done(id: number): void {
        if (!this.thrown) {
          this.thrown = true
          throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })
        }
        super.done(id)
      }
    }
    const logged: string[] = []
    const logger: Logger = { ...silentLogger, error: (message) => void logged.push(message) }
    const ok: JobHandler = async () => []
    const table = Object.fromEntries(
      Object.values(JobName).map((name) => [
        name,
        { run: ok, lane: 'io' as const, timeoutMs: 5000 },
      ]),
    ) as HandlerTable
    const jobs = new JobsService(
      new FlakyJobs(core.db),
      new ProcessingRepository(core.db),
      table,
      { io: 1, cpu: 1, ffmpeg: 1, scan: 1 },
      {} as JobContext,
      core.events,
      logger,
    )
    jobs.queueDiscovered()
    jobs.start()
    await jobs.idle()
    await jobs.close()

    expect(logged).toEqual([
      expect.stringMatching(
        /^jobs: recording the result of AssetIdentify \(job \d+\) for asset \d+ failed$/,
      ),
    ])
    const all = core.services.assets.list({}).items
    expect(all.filter((a) => a.status === 'ready')).toHaveLength(4)
    const [failed] = all.filter((a) => a.status === 'failed')
    expect(failed!.error).toBe(
      `Marquee could not record the result of processing (AssetIdentify): disk I/O error. Run 'marquee retry ${failed!.id}' to process it again.`,
    )
  })
})

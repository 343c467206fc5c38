import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/app'
import { silentLogger } from '../../src/main/logger'
import type { JobContext, JobHandler } from '../../src/main/jobs/job-context'
import { PermanentFailure } from '../../src/main/jobs/job-context'
import { JobName, PRIORITY } from '../../src/main/jobs/job-names'
import {
  AssetIndexRepository,
  type NewFile,
} from '../../src/main/repositories/asset-index.repository'
import { JobsRepository } from '../../src/main/repositories/jobs.repository'
import { ProcessingRepository } from '../../src/main/repositories/processing.repository'
import { JobsService, type HandlerTable } from '../../src/main/services/jobs.service'
import { testCore } from '../support/core'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

const ok: JobHandler = async () => []

// Runners made here are not the core's: close them before the core closes its database.
const runners: JobsService[] = []
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.close()
})

/** A core with `count` discovered assets, and a queue runner with the given handlers. */
async function setup(
  count: number,
  handlers: Partial<Record<JobName, JobHandler>>,
  limits = { io: 1, cpu: 1, ffmpeg: 1, scan: 1 },
) {
  const core = testCore()
  const media = tempDir()
  writeTree(
    media,
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`f${i}.jpg`, `${i}`])),
  )
  const root = await core.services.roots.add({ path: media })
  await core.services.scan.scan(root.id)
  const table = Object.fromEntries(
    Object.values(JobName).map((name) => [
      name,
      { run: handlers[name] ?? ok, lane: 'io' as const, timeoutMs: 5000 },
    ]),
  ) as HandlerTable
  const queue = () => {
    const runner = new JobsService(
      new JobsRepository(core.db),
      new ProcessingRepository(core.db),
      table,
      limits,
      {} as JobContext,
      core.events,
      silentLogger,
      Date.now,
      () => 0,
    )
    runners.push(runner)
    return runner
  }
  return { core, queue, ids: core.services.assets.list({}).items.map((a) => a.id) }
}

const statuses = (core: Core) => core.services.assets.list({}).items.map((a) => a.status)

const count = (core: Core, sql: string): number =>
  (core.db.prepare(`SELECT count(*) AS n FROM ${sql}`).get() as { n: number }).n

/** The first scan's backlog made into job rows, as the queue does when it picks jobs. */
const jobRows = (core: Core): void => {
  new JobsRepository(core.db).next(Date.now(), 10_000)
}

describe('the job queue', () => {
  it('retries a failing step with backoff, then succeeds', async () => {
    let calls = 0
    const { core, queue } = await setup(1, {
      [JobName.AssetIdentify]: async () => {
        calls++
        if (calls < 3) throw new Error('the NAS hiccuped')
        return []
      },
    })
    const jobs = queue()
    jobs.queueDiscovered()
    jobs.start()
    await jobs.idle()
    expect(calls).toBe(3)
    expect(statuses(core)).toEqual(['ready'])
  })

  it('fails the asset with the last error after three attempts', async () => {
    let calls = 0
    const { core, queue } = await setup(1, {
      [JobName.AssetIdentify]: async () => {
        throw new Error(`attempt ${++calls} went wrong`)
      },
    })
    const jobs = queue()
    jobs.queueDiscovered()
    jobs.start()
    await jobs.idle()
    expect(calls).toBe(3)
    expect(core.services.assets.list({}).items[0]).toMatchObject({
      status: 'failed',
      error: 'attempt 3 went wrong',
    })
    expect(jobs.status()).toMatchObject({ failed: 1, queued: 0 })
  })

  it('does not retry what retrying cannot fix', async () => {
    let calls = 0
    const { core, queue } = await setup(1, {
      [JobName.AssetIdentify]: async () => {
        calls++
        throw new PermanentFailure('This .jpg is a text file, not an image.')
      },
    })
    const jobs = queue()
    jobs.queueDiscovered()
    jobs.start()
    await jobs.idle()
    expect(calls).toBe(1)
    expect(core.services.assets.list({}).items[0]!.error).toBe(
      'This .jpg is a text file, not an image.',
    )
  })

  it('runs the chain of steps and marks the asset ready after the last one', async () => {
    const order: string[] = []
    const step =
      (name: JobName, next: JobName[]): JobHandler =>
      async () => {
        order.push(name)
        return next
      }
    const { core, queue } = await setup(1, {
      [JobName.AssetIdentify]: step(JobName.AssetIdentify, [JobName.AssetHash]),
      [JobName.AssetHash]: step(JobName.AssetHash, [
        JobName.AssetGenerateThumbnails,
        JobName.AssetGeneratePreview,
      ]),
      [JobName.AssetGenerateThumbnails]: step(JobName.AssetGenerateThumbnails, []),
      [JobName.AssetGeneratePreview]: step(JobName.AssetGeneratePreview, []),
    })
    const jobs = queue()
    jobs.queueDiscovered()
    jobs.start()
    await jobs.idle()
    expect(order).toEqual([
      'AssetIdentify',
      'AssetHash',
      'AssetGenerateThumbnails',
      'AssetGeneratePreview',
    ])
    expect(statuses(core)).toEqual(['ready'])
  })

  it('takes prioritized assets first', async () => {
    const seen: number[] = []
    const { queue, ids } = await setup(5, {
      [JobName.AssetIdentify]: async (asset) => {
        seen.push(asset.id)
        return []
      },
    })
    const jobs = queue()
    jobs.queueDiscovered()
    jobs.prioritize([ids[3]!, ids[4]!])
    jobs.start()
    await jobs.idle()
    expect(seen.slice(0, 2).sort()).toEqual([ids[3], ids[4]].sort())
    expect(seen).toHaveLength(5)
  })

  it('pauses and resumes, and cancels queued work', async () => {
    const { core, queue } = await setup(3, {})
    const jobs = queue()
    jobs.queueDiscovered()
    jobs.pause()
    jobs.start()
    expect(jobs.status()).toMatchObject({ paused: true, queued: 3 })
    expect(jobs.cancel()).toBe(3)
    expect(statuses(core)).toEqual(['discovered', 'discovered', 'discovered'])
    jobs.queueDiscovered()
    jobs.resume()
    await jobs.idle()
    expect(statuses(core)).toEqual(['ready', 'ready', 'ready'])
  })

  it('requeues jobs a crash left running', async () => {
    const { core, queue } = await setup(2, {})
    queue().queueDiscovered()
    jobRows(core)
    expect(core.db.prepare("UPDATE jobs SET status = 'running'").run().changes).toBe(2)
    const jobs = queue()
    expect(jobs.status()).toMatchObject({ queued: 2, running: 0 })
    jobs.start()
    await jobs.idle()
    expect(statuses(core)).toEqual(['ready', 'ready'])
  })

  it('sets aside all the work of an offline root at once, without running or failing it', async () => {
    let calls = 0
    const { core, queue } = await setup(300, {
      [JobName.AssetIdentify]: async () => {
        calls++
        return []
      },
    })
    const jobs = queue()
    jobs.queueDiscovered()
    core.db.prepare("UPDATE roots SET status = 'offline'").run()
    jobs.start()
    expect(calls).toBe(0)
    const waiting = core.db
      .prepare("SELECT count(*) AS n FROM jobs WHERE status = 'queued' AND run_after > ?")
      .get(Date.now()) as { n: number }
    expect(waiting.n).toBe(300)
    // The first scan's backlog waits with them, as job rows (not a chunk failing at a time).
    expect(count(core, 'job_backlog')).toBe(0)
    expect(jobs.status()).toMatchObject({ queued: 300, failed: 0 })
    expect(statuses(core).every((s) => s === 'queued')).toBe(true)
    await jobs.close()
  })

  it('lets go of a stopped job whose handler never answers (a native call stuck in it)', async () => {
    let started = 0
    const stuck: JobHandler = () => {
      started++
      return new Promise(() => {}) // ignores its signal, as a hung libvips call does
    }
    const { core, queue } = await setup(1, { [JobName.AssetIdentify]: stuck })
    const runner = queue()
    runners.splice(runners.indexOf(runner), 1)
    runner.queueDiscovered()
    runner.start()
    await vi.waitFor(() => expect(runner.status().running).toBe(1), { timeout: 10_000 })
    // Closing stops it; the queue is still at once, and the step waits to run again.
    await runner.close()
    expect(started).toBe(1)
    expect(runner.status().running).toBe(0)
    expect(
      core.db.prepare("SELECT kind, status FROM jobs WHERE kind = 'AssetIdentify'").all(),
    ).toEqual([{ kind: 'AssetIdentify', status: 'queued' }])
  })

  it('checks at start-up that every job name has a handler', () => {
    const core = testCore()
    expect(
      () =>
        new JobsService(
          new JobsRepository(core.db),
          new ProcessingRepository(core.db),
          {} as HandlerTable,
          { io: 1, cpu: 1, ffmpeg: 1, scan: 1 },
          {} as JobContext,
          core.events,
          silentLogger,
        ),
    ).toThrow(/No handler for job AssetIdentify/)
  })
})

describe("a first scan's backlog (its files queued as id ranges, not a job row each)", () => {
  it('is counted as queued, and the queue processes every file of it', async () => {
    const seen = new Set<number>()
    // More files than the queue turns into job rows at once.
    const { core, queue } = await setup(2100, {
      [JobName.AssetIdentify]: async (asset) => {
        seen.add(asset.id)
        return []
      },
    })
    expect(count(core, 'jobs')).toBe(0)
    expect(count(core, 'job_backlog')).toBeGreaterThan(0)
    const jobs = queue()
    expect(jobs.status()).toMatchObject({ queued: 2100, running: 0 })

    await jobs.drain()

    expect(seen.size).toBe(2100)
    expect(count(core, "assets WHERE status = 'ready'")).toBe(2100)
    expect(jobs.status()).toMatchObject({ queued: 0, running: 0, failed: 0 })
    expect(count(core, 'job_backlog')).toBe(0)
    expect(count(core, 'jobs')).toBe(0)
  }, 60_000)

  it('gives a prioritized file of it a job that runs next', async () => {
    const seen: number[] = []
    const { core, queue, ids } = await setup(20, {
      [JobName.AssetIdentify]: async (asset) => {
        seen.push(asset.id)
        return []
      },
    })
    const last = Math.max(...ids)
    const jobs = queue()
    jobs.prioritize([last])
    expect(core.db.prepare('SELECT asset_id, priority FROM jobs').all()).toEqual([
      { asset_id: last, priority: PRIORITY.visible },
    ])
    jobs.start()
    await jobs.idle()
    expect(seen[0]).toBe(last)
    expect(new Set(seen).size).toBe(20)
    expect(seen).toHaveLength(20)
  })

  it('is dropped by cancelling everything, and its files go back to discovered', async () => {
    const { core, queue } = await setup(3, {})
    const jobs = queue()
    expect(jobs.cancel()).toBe(3)
    expect(count(core, 'job_backlog')).toBe(0)
    expect(statuses(core)).toEqual(['discovered', 'discovered', 'discovered'])
    expect(jobs.status()).toMatchObject({ queued: 0 })
  })

  it('never processes a file of it that was cancelled', async () => {
    const seen: number[] = []
    const { core, queue, ids } = await setup(3, {
      [JobName.AssetIdentify]: async (asset) => {
        seen.push(asset.id)
        return []
      },
    })
    const [first, cancelled, third] = [...ids].sort((a, b) => a - b)
    const jobs = queue()
    expect(jobs.cancel([cancelled!])).toBe(0)
    expect(jobs.status()).toMatchObject({ queued: 2 })
    jobs.start()
    await jobs.idle()
    expect(seen.sort((a, b) => a - b)).toEqual([first, third])
    const status = (id: number) => core.services.assets.get(id).status
    expect([first, cancelled, third].map((id) => status(id!))).toEqual([
      'ready',
      'discovered',
      'ready',
    ])
    expect(count(core, 'job_backlog')).toBe(0)
  })

  it('gives a file one job even when two entries of its scan cover it', async () => {
    const seen: number[] = []
    const { core, queue, ids } = await setup(3, {
      [JobName.AssetIdentify]: async (asset) => {
        seen.push(asset.id)
        return []
      },
    })
    // Ids are reused when the newest rows are removed between two batches of a scan.
    core.db
      .prepare(
        `INSERT INTO job_backlog (root_id, scan_id, after_id, last_id, priority, created_at)
         SELECT root_id, scan_id, after_id, last_id, priority, created_at FROM job_backlog`,
      )
      .run()
    const jobs = queue()
    jobs.prioritize(ids)
    jobs.start()
    await jobs.idle()
    expect(seen.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b))
    expect(statuses(core)).toEqual(['ready', 'ready', 'ready'])
  })

  it('survives a stop in the middle of a first scan: the next run processes what it wrote', async () => {
    const dataDir = tempDir('marquee-data-')
    const media = tempDir()
    writeTree(
      media,
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}.jpg`, `${i}`])),
    )
    let core = testCore(dataDir)
    const root = await core.services.roots.add({ path: media })
    // What the scan worker commits for its first batch; then the process is gone (the scan
    // never finishes and never queues anything after its walk).
    const scanId = Number(
      core.db
        .prepare("INSERT INTO scans (root_id, status, started_at) VALUES (?, 'running', 1)")
        .run(root.id).lastInsertRowid,
    )
    const index = new AssetIndexRepository(core.db)
    const batch: NewFile[] = ['f0.jpg', 'f1.jpg', 'f2.jpg'].map((name) => ({
      dir: '',
      name,
      size: 1,
      mtimeMs: 1,
      inode: '1',
      device: '2',
      ext: 'jpg',
      type: 'image',
    }))
    index.firstScanTransaction(root.id, () => index.insertAll(root.id, batch, scanId, 1, true))
    await core.close()

    core = testCore(dataDir)
    const runner = new JobsService(
      new JobsRepository(core.db),
      new ProcessingRepository(core.db),
      Object.fromEntries(
        Object.values(JobName).map((name) => [name, { run: ok, lane: 'io', timeoutMs: 5000 }]),
      ) as HandlerTable,
      { io: 1, cpu: 1, ffmpeg: 1, scan: 1 },
      {} as JobContext,
      core.events,
      silentLogger,
    )
    runners.push(runner)
    expect(runner.status()).toMatchObject({ queued: 3 })
    runner.start()
    await runner.idle()
    expect(statuses(core)).toEqual(['ready', 'ready', 'ready'])
    expect(count(core, 'job_backlog')).toBe(0)
  })
})

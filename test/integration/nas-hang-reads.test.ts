import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/app'
import type { Events } from '../../src/shared/contract'
import type { Root } from '../../src/shared/domain'
import { photoLike, seededBytes } from '../fixtures/media-tools'
import { testCore } from '../support/core'
import { indexAndProcess } from '../support/processing'
import { startSshNas, sshfsAvailable, type SshNas } from '../support/sshfs'
import { tempDir } from '../support/temp'

// CI installs sshfs and openssh-server; a developer machine without them skips, CI must not.
const available = sshfsAvailable()
if (!available && process.env.CI)
  throw new Error('The NAS tests need sshfs, openssh-server and /dev/fuse.')

/** How long a network root may leave a call unanswered before it is given up on. */
const TIMEOUT_MS = 2_000
/** What else a hung read may take: starting its reader thread (tsx compiles it in tests). */
const STARTUP_MS = 2_500

const nases: SshNas[] = []
afterEach(() => {
  for (const nas of nases.splice(0)) nas.stop()
})

async function photos(dir: string, count: number, seed: number): Promise<string[]> {
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    const name = `photo-${i}.jpg`
    await (await photoLike(480, 360, seed + i, 8)).jpeg({ quality: 85 }).toFile(join(dir, name))
    names.push(name)
  }
  return names
}

/** A local root and a network root (sshfs), both indexed and processed (thumbnails cached). */
async function twoLibraries() {
  const nas = await startSshNas()
  nases.push(nas)
  const local = tempDir('marquee-local-')
  const localNames = await photos(local, 2, 1)
  const nasNames = await photos(nas.exportDir, 4, 100)
  // Several of the media route's chunks, so streams and ranges cross chunk boundaries.
  writeFileSync(join(nas.exportDir, 'clip.mp4'), seededBytes(2.5 * 1024 * 1024, 7))
  const core = testCore(undefined, { fsTimeoutMs: TIMEOUT_MS })
  const localRoot = await core.services.roots.add({ path: local })
  const nasRoot = await core.services.roots.add({ path: nas.mountPoint })
  const get = (path: string, headers: Record<string, string> = {}) =>
    core.media(new Request(`http://127.0.0.1:1/media/${path}`, { headers }))
  return { nas, core, local, localRoot, localNames, nasRoot, nasNames, get }
}

/** Resolves with the first root state that satisfies `match`. */
function rootBecomes(core: Core, id: number, match: (root: Root) => boolean): Promise<Root> {
  return new Promise((resolve) => {
    const current = core.services.roots.get(id)
    if (match(current)) return resolve(current)
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'roots.changed') return
      const root = (payload as Events['roots.changed']).roots.find((r) => r.id === id)
      if (root && match(root)) {
        stop()
        resolve(root)
      }
    })
  })
}

async function timed(
  request: Promise<Response>,
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now()
  const response = await request
  const text = await response.text()
  return { status: response.status, text, ms: performance.now() - started }
}

describe.skipIf(!available)('reads of originals on a NAS that hangs', () => {
  it('never hold up other roots or the cache, and fail as offline within the time limit', async () => {
    const { nas, core, local, localRoot, localNames, nasRoot, nasNames, get } = await twoLibraries()
    expect(nasRoot.kind).toBe('network')
    expect(localRoot.kind).toBe('local')
    // Identify and hash of the NAS's files run on its reader threads.
    await indexAndProcess(core)
    const nasAssets = core.services.assets.list({ rootId: nasRoot.id, limit: 100 }).items
    expect(
      nasAssets
        .filter((a) => a.status === 'ready')
        .map((a) => a.name)
        .sort(),
    ).toEqual(nasNames)
    for (const asset of nasAssets.filter((a) => a.type === 'image')) {
      const bytes = readFileSync(join(nas.exportDir, asset.relPath))
      expect(asset.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    }
    const thumbnails = nasAssets.flatMap((a) => a.derivatives.map((d) => `cache/${d.path}`))
    expect(thumbnails.length).toBeGreaterThanOrEqual(nasNames.length * 3)

    // While the NAS answers, its originals stream through the reader threads, ranges included.
    const clip = readFileSync(join(nas.exportDir, 'clip.mp4'))
    const whole = await get(`root/${nasRoot.id}/clip.mp4`)
    expect(whole.status).toBe(200)
    expect(Buffer.from(await whole.arrayBuffer()).equals(clip)).toBe(true)
    const across = await get(`root/${nasRoot.id}/clip.mp4`, { range: 'bytes=1048000-2098000' })
    expect(across.status).toBe(206)
    expect(Buffer.from(await across.arrayBuffer()).equals(clip.subarray(1048000, 2098001))).toBe(
      true,
    )
    expect((await get(`root/${nasRoot.id}/nothing-here.jpg`)).status).toBe(404)

    const others = [`root/${localRoot.id}/${localNames[0]}`, ...thumbnails.slice(0, 4)]
    const expected = new Map(
      others.map((path, i) => [
        path,
        i === 0
          ? readFileSync(join(local, localNames[0]!))
          : readFileSync(join(core.paths.cacheDir, ...path.split('/').slice(1))),
      ]),
    )
    const readOthers = async (): Promise<number[]> => {
      const times: number[] = []
      for (const path of others) {
        const started = performance.now()
        // Bounded, so a read stuck behind the hung share fails here rather than at the test's limit.
        const response = await Promise.race([
          get(path),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error(`${path} was held up for 5 s`)), 5_000),
          ),
        ])
        const bytes = Buffer.from(await response.arrayBuffer())
        times.push(performance.now() - started)
        expect(response.status, path).toBe(200)
        expect(bytes.equals(expected.get(path)!), path).toBe(true)
      }
      return times
    }

    nas.freeze()
    try {
      const started = performance.now()
      const hung = Array.from({ length: 10 }, (_, i) =>
        timed(get(`root/${nasRoot.id}/${i % 2 ? 'clip.mp4' : nasNames[i % nasNames.length]}`)),
      )
      // Sample the other reads all the while the hung ones wait (as a UI scrolling would).
      let waiting = true
      const settled = Promise.all(hung).finally(() => (waiting = false))
      const during: number[] = []
      while (waiting) during.push(...(await readOthers()))
      const failed = await settled
      expect(during.length).toBeGreaterThanOrEqual(others.length * 3)
      expect(Math.max(...during)).toBeLessThan(1000)
      for (const answer of failed) {
        expect(answer.status).toBe(503)
        expect(answer.text).toMatch(/library folder .* is not answering/)
        expect(answer.ms).toBeLessThan(TIMEOUT_MS + STARTUP_MS)
      }
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + STARTUP_MS)
      const offline = await rootBecomes(core, nasRoot.id, (r) => r.status === 'offline')
      expect(offline.statusReason).toMatch(/not answering/)

      // Its threads are still stuck in their calls: the root now fails at once, the rest is fast.
      const again = await timed(get(`root/${nasRoot.id}/${nasNames[0]}`))
      expect(again.status).toBe(503)
      expect(again.ms).toBeLessThan(1000)
      expect(Math.max(...(await readOthers()))).toBeLessThan(1000)
    } finally {
      nas.thaw()
    }

    // Thawed, the abandoned threads return and the root's originals are served again.
    const first = readFileSync(join(nas.exportDir, nasNames[0]!))
    // The abandoned threads end on their own once thawed; then the root serves again.
    await vi.waitFor(
      async () => expect((await get(`root/${nasRoot.id}/${nasNames[0]}`)).status).toBe(200),
      { timeout: 15_000, interval: 50 },
    )
    const back = await get(`root/${nasRoot.id}/${nasNames[0]}`)
    expect(Buffer.from(await back.arrayBuffer()).equals(first)).toBe(true)
  })

  it('defers the processing of files whose NAS hangs instead of failing them', async () => {
    const { nas, core, nasRoot, nasNames } = await twoLibraries()
    await core.services.scan.scanMany(undefined)
    nas.freeze()
    try {
      const settledJobs = new Promise<void>((resolve) => {
        const stop = core.events.subscribe((event, payload) => {
          const progress = payload as Events['jobs.progress']
          if (event === 'jobs.progress' && progress.running === 0 && progress.queued > 0) {
            const root = core.services.roots.get(nasRoot.id)
            if (root.status !== 'offline') return
            stop()
            resolve()
          }
        })
      })
      core.services.jobs.queueDiscovered()
      core.services.jobs.start()
      const offline = await rootBecomes(core, nasRoot.id, (r) => r.status === 'offline')
      expect(offline.statusReason).toMatch(/not answering/)
      await settledJobs
      const nasAssets = core.services.assets.list({ rootId: nasRoot.id, limit: 100 }).items
      expect(nasAssets.map((a) => a.name).sort()).toEqual([...nasNames, 'clip.mp4'].sort())
      for (const asset of nasAssets) expect(asset.status, asset.name).toBe('queued')
      expect(core.services.jobs.status().failed).toBe(0)
    } finally {
      nas.thaw()
    }
  })
})

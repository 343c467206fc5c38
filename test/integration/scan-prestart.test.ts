import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startRescanWalk } from '../../src/main/cli/early-walk'
import { peekRoots } from '../../src/main/repositories/roots.repository'
import { startEarlyWalk, type EarlyWalk } from '../../src/main/scan/scan-threads'
import { FLOW_FILES_SENT, FLOW_FILES_TAKEN } from '../../src/main/scan/walk-flow'
import { prestartWorkers, type WorkerSpecs } from '../../src/main/workers'
import { coreAt, testCore } from '../support/core'
import { tempDir } from '../support/temp'
import { sourceWorkers } from '../support/workers'

const releases: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const release of releases.splice(0)) await release()
})

/**
 * A scan's threads started before the core, as `marquee index` (one walker) and `scan` (two)
 * start them.
 */
function prestartScan(walkers = 1) {
  const scan = prestartWorkers(sourceWorkers, 'scan', 1, () => null)
  const walk = prestartWorkers(scan.specs, 'walk', walkers, () => null)
  releases.push(
    () => scan.release(),
    () => walk.release(),
  )
  return walk.specs
}

describe('scan threads started before the core loads (the CLI scan)', () => {
  it('are taken by the first scan, which finds every file, and later scans start their own', async () => {
    const folder = tempDir('marquee-prestart-')
    mkdirSync(join(folder, 'Lobby'))
    for (const name of ['a.jpg', 'b.png', 'Lobby/c.mp4'])
      writeFileSync(join(folder, name), `bytes of ${name}`)
    const specs = prestartScan()
    const core = testCore(undefined, { workers: specs })
    const root = await core.services.roots.add({ path: folder })

    const first = await core.services.scan.scan(root.id)

    expect(first).toMatchObject({ status: 'completed', seen: 3, added: 3 })
    expect(specs('scan').prestarted).toHaveLength(0)
    expect(specs('walk').prestarted).toHaveLength(0)
    writeFileSync(join(folder, 'Lobby', 'd.jpg'), 'bytes of d')
    expect(await core.services.scan.scan(root.id)).toMatchObject({ seen: 4, added: 1 })
  })
})

/** A folder with `n` files spread over a few subfolders. */
function filesFolder(n: number): string {
  const folder = tempDir('marquee-early-walk-')
  for (let i = 0; i < n; i++) {
    const dir = join(folder, `show-${i % 4}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `slide-${i}.jpg`), `bytes of ${i}`)
  }
  return folder
}

/** A library holding `folder` as its one root, indexed once, and closed again. */
async function indexedLibrary(folder: string): Promise<string> {
  const dataDir = tempDir('marquee-data-')
  const core = coreAt(dataDir)
  const root = await core.services.roots.add({ path: folder })
  await core.services.scan.scan(root.id)
  await core.close()
  return dataDir
}

function earlyWalkOf(specs: WorkerSpecs): EarlyWalk | undefined {
  return specs('walk').prestarted?.[0]?.early as EarlyWalk | undefined
}

/** Until the early walker has listed `files` files into its channel (nobody takes them yet). */
async function listed(early: EarlyWalk, files: number): Promise<void> {
  const counters = new Int32Array(early.flow)
  while (Atomics.load(counters, FLOW_FILES_SENT) < files)
    await new Promise((resolve) => setTimeout(resolve, 5))
}

describe("a rescan's walker given its root while the core loads (the CLI's `scan`)", () => {
  it('lists before the scan starts, and the scan counts what it listed meanwhile', async () => {
    const folder = filesFolder(40)
    const dataDir = await indexedLibrary(folder)
    const specs = prestartScan(2)

    startRescanWalk(specs, dataDir)
    const early = earlyWalkOf(specs)!
    expect(early.target).toMatchObject({ root: peekRoots(join(dataDir, 'library.db'))[0]!.path })
    await listed(early, 40)
    const core = testCore(dataDir, { workers: specs })
    const [result] = await core.services.scan.scanMany(undefined)

    expect(result).toMatchObject({ status: 'completed', seen: 40, added: 0, missing: 0 })
    // The scan worker took the listings from the early walk's channels, not from new walkers:
    // both prestarted walkers (a rescan of a local root has two).
    expect(early.ports).toHaveLength(2)
    expect(Atomics.load(new Int32Array(early.flow), FLOW_FILES_TAKEN)).toBe(40)
    expect(specs('walk').prestarted).toHaveLength(0)
  })

  it('is ended, unused, when the scan asks for another root or other options', async () => {
    const folder = filesFolder(6)
    const dataDir = await indexedLibrary(folder)
    const specs = prestartScan()
    const walker = specs('walk').prestarted![0]!
    const other = filesFolder(9)
    startEarlyWalk([walker], {
      root: other,
      exclusions: [],
      indexAllFiles: false,
      statViaFolder: false,
    })
    const early = walker.early as EarlyWalk
    const ended = new Promise((resolve) => walker.worker.once('exit', resolve))
    const core = testCore(dataDir, { workers: specs })

    const [result] = await core.services.scan.scanMany(undefined)

    expect(result).toMatchObject({ status: 'completed', seen: 6, added: 0, missing: 0 })
    await ended
    expect(Atomics.load(new Int32Array(early.flow), FLOW_FILES_TAKEN)).toBe(0)
  })

  it('is not started when another process holds the library, or there is none yet', async () => {
    const dataDir = await indexedLibrary(filesFolder(2))
    const running = testCore(dataDir)
    const specs = prestartScan()

    startRescanWalk(specs, dataDir)
    expect(earlyWalkOf(specs)).toBeUndefined()
    await running.close()

    startRescanWalk(specs, tempDir('marquee-no-library-'))
    expect(earlyWalkOf(specs)).toBeUndefined()
    expect(peekRoots(join(tempDir('marquee-no-library-'), 'library.db'))).toEqual([])
  })
})

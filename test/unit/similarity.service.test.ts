import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDatabase, type Db } from '../../src/main/db/connection'
import { EventBus } from '../../src/main/events'
import { SimilarityIndex } from '../../src/main/media/phash'
import { ProcessingRepository } from '../../src/main/repositories/processing.repository'
import { SimilarityService } from '../../src/main/services/similarity.service'
import { tempDir } from '../support/temp'

// 32 bits set each; NEAR is BASE with its two lowest bits flipped, FAR is BASE inverted.
const BASE = '0123456789abcdef'
const NEAR = '0123456789abcdec'
const FAR = 'fedcba9876543210'
const ROOT_CHANGED = { roots: [] }
const JOBS_PROGRESS = {
  queued: 0,
  running: 0,
  failed: 0,
  done: 1,
  rate: 0,
  etaMs: null,
  paused: false,
}
const SCAN_DONE = {
  rootId: 1,
  phase: 'done' as const,
  rate: 0,
  seen: 0,
  added: 0,
  changed: 0,
  moved: 0,
  missing: 0,
  restored: 0,
}

const open: Db[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

/** A real database with one root, a clock the test moves, and the service over it. */
function library() {
  const db = openDatabase(join(tempDir(), 'library.db'))
  open.push(db)
  db.prepare(
    `INSERT INTO roots (id, path, label, kind, status, created_at, updated_at)
     VALUES (1, '/media', 'media', 'local', 'online', 0, 0)`,
  ).run()
  const assets = new ProcessingRepository(db)
  const events = new EventBus()
  const similarity = new SimilarityService(assets, events)
  let clock = 1_000_000
  const insert = db.prepare<[string, string | null, string, number]>(
    `INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, type, status, phash, sha256,
       created_at, updated_at)
     VALUES (1, '', ?, 'jpg', 1, 0, 'image', 'ready', ?, ?, 0, ?)`,
  )
  return {
    db,
    assets,
    events,
    similarity,
    /** Moves the clock on and returns it. */
    tick: (ms = 1000) => (clock += ms),
    add(name: string, phash: string | null, updatedAt = clock): number {
      return Number(insert.run(name, phash, `sha-${name}`, updatedAt).lastInsertRowid)
    },
    update(id: number, set: string, updatedAt = clock): void {
      db.prepare(`UPDATE assets SET ${set}, updated_at = ? WHERE id = ?`).run(updatedAt, id)
    },
    /** As the asset view asks: by the asset's own pHash and content hash. */
    similarTo(id: number): number[] {
      const asset = db
        .prepare<[number], { phash: string | null; sha256: string | null }>(
          'SELECT phash, sha256 FROM assets WHERE id = ?',
        )
        .get(id)!
      return similarity.similarTo(id, asset.phash, asset.sha256)
    },
  }
}

describe('similar assets', () => {
  it('finds a hash that processing added after the index was built, without reading every hash again', () => {
    const lib = library()
    const a = lib.add('a', BASE)
    lib.add('b', FAR)
    expect(lib.similarTo(a)).toEqual([])
    const everyHash = vi.spyOn(lib.assets, 'phashes')

    lib.tick()
    const c = lib.add('c', NEAR)
    lib.events.emit('jobs.progress', JOBS_PROGRESS)

    expect(lib.similarTo(a)).toEqual([c])
    expect(lib.similarity.groups()).toEqual([[a, c]])
    expect(everyHash).not.toHaveBeenCalled()
  })

  it('drops an asset whose hash was cleared or that went missing, and takes it back when it returns', () => {
    const lib = library()
    const a = lib.add('a', BASE)
    const c = lib.add('c', NEAR)
    expect(lib.similarTo(a)).toEqual([c])

    lib.tick()
    lib.update(c, 'phash = NULL, sha256 = NULL')
    lib.events.emit('jobs.progress', JOBS_PROGRESS)
    expect(lib.similarTo(a)).toEqual([])

    lib.tick()
    lib.update(c, `phash = '${NEAR}', status = 'missing'`)
    lib.events.emit('jobs.progress', JOBS_PROGRESS)
    expect(lib.similarTo(a)).toEqual([])

    lib.tick()
    lib.update(c, "status = 'ready'")
    lib.events.emit('jobs.progress', JOBS_PROGRESS)
    expect(lib.similarTo(a)).toEqual([c])
  })

  it('sees a write stamped a moment before the last look, when it commits after it', () => {
    const lib = library()
    const a = lib.add('a', BASE)
    expect(lib.similarTo(a)).toEqual([])

    const c = lib.add('c', NEAR, lib.tick(0) - 5000)
    lib.events.emit('jobs.progress', JOBS_PROGRESS)

    expect(lib.similarTo(a)).toEqual([c])
  })

  it('compares every hash after a scan, whose rows can be stamped long before they commit', () => {
    const lib = library()
    const a = lib.add('a', BASE)
    expect(lib.similarTo(a)).toEqual([])

    const c = lib.add('c', NEAR, lib.tick(0) - 3_600_000)
    lib.events.emit('scan.progress', SCAN_DONE)

    expect(lib.similarTo(a)).toEqual([c])
  })

  it('notices assets deleted with their root, which leave no update behind', () => {
    const lib = library()
    const a = lib.add('a', BASE)
    const c = lib.add('c', NEAR)
    expect(lib.similarTo(a)).toEqual([c])

    lib.db.prepare('DELETE FROM assets WHERE id = ?').run(c)
    lib.events.emit('roots.changed', ROOT_CHANGED)

    expect(lib.similarTo(a)).toEqual([])
    expect(lib.similarity.groups()).toEqual([])
  })

  it('forgets removed assets at once', () => {
    const lib = library()
    const a = lib.add('a', BASE)
    const c = lib.add('c', NEAR)
    expect(lib.similarTo(a)).toEqual([c])

    lib.db.prepare('DELETE FROM assets WHERE id = ?').run(c)
    lib.similarity.forget([c])

    expect(lib.similarTo(a)).toEqual([])
  })

  it('still leaves out copies of the same file and flat pictures', () => {
    const lib = library()
    const a = lib.add('a', BASE)
    lib.tick()
    const copy = lib.add('copy', NEAR)
    lib.update(copy, "sha256 = 'sha-a'")
    lib.add('flat', '0000000000000000')
    expect(lib.similarTo(a)).toEqual([])

    lib.tick()
    const other = lib.add('other', NEAR)
    lib.events.emit('jobs.progress', JOBS_PROGRESS)
    expect(lib.similarTo(a)).toEqual([other])
  })
})

describe('SimilarityIndex.remove', () => {
  const base = BigInt(`0x${BASE}`)
  const near = BigInt(`0x${NEAR}`)

  it('takes one id off a hash and keeps the others filed under it', () => {
    const index = new SimilarityIndex()
    index.add(1, base)
    index.add(2, base)
    index.add(3, near)
    expect(index.remove(2, base)).toBe(true)
    expect(index.size).toBe(2)
    expect(index.near(base, 4).map((m) => m.id)).toEqual([1, 3])
  })

  it('leaves a hash with no ids out of every group, and files it again when it comes back', () => {
    const index = new SimilarityIndex()
    index.add(1, base)
    index.add(2, near)
    index.remove(1, base)
    expect(index.groups(4)).toEqual([])
    index.add(5, base)
    expect(index.groups(4)).toEqual([[2, 5]])
  })

  it('answers false for an id that is not filed under that hash', () => {
    const index = new SimilarityIndex()
    index.add(1, base)
    expect(index.remove(1, near)).toBe(false)
    expect(index.remove(2, base)).toBe(false)
    expect(index.size).toBe(1)
  })
})

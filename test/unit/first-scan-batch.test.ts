import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/db/connection'
import {
  AssetIndexRepository,
  type NewFile,
} from '../../src/main/repositories/asset-index.repository'
import { JobsRepository } from '../../src/main/repositories/jobs.repository'
import { tempDir } from '../support/temp'

let db: Db | undefined
afterEach(() => db?.close())

function library(): { db: Db; repo: AssetIndexRepository; rootId: number; scanId: number } {
  db = openDatabase(join(tempDir('marquee-first-scan-'), 'library.db'))
  const rootId = Number(
    db
      .prepare(
        `INSERT INTO roots (path, label, kind, status, created_at, updated_at)
         VALUES ('/media/lobby', 'Lobby', 'local', 'online', 1, 1)`,
      )
      .run().lastInsertRowid,
  )
  const scanId = Number(
    db
      .prepare("INSERT INTO scans (root_id, status, started_at) VALUES (?, 'running', 1)")
      .run(rootId).lastInsertRowid,
  )
  return { db, repo: new AssetIndexRepository(db), rootId, scanId }
}

const files = (names: string[]): NewFile[] =>
  names.map((name) => ({
    dir: 'Screens',
    name,
    size: 10,
    mtimeMs: 1,
    inode: '1',
    device: '2',
    ext: 'jpg',
    type: 'image',
  }))

const foreignKeys = (db: Db): unknown => db.pragma('foreign_keys', { simple: true })

describe("a first scan's batch (foreign keys checked once per batch, not per row)", () => {
  it('inserts the rows queued with their backlog entry, and turns foreign keys back on', () => {
    const { db, repo, rootId, scanId } = library()

    repo.firstScanTransaction(rootId, () =>
      repo.insertAll(rootId, files(['a.jpg', 'b.jpg']), scanId, 5, true),
    )

    expect(db.prepare("SELECT count(*) AS n FROM assets WHERE status = 'queued'").get()).toEqual({
      n: 2,
    })
    // No job row per file: one backlog entry for the batch, which the queue counts as two jobs.
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 })
    expect(
      db.prepare('SELECT root_id, scan_id, after_id, last_id, priority FROM job_backlog').all(),
    ).toEqual([{ root_id: rootId, scan_id: scanId, after_id: 0, last_id: 2, priority: 0 }])
    expect(new JobsRepository(db).counts()).toEqual({ queued: 2, running: 0, failed: 0 })
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(foreignKeys(db)).toBe(1)
  })

  it('fails, writing nothing, when the root was removed meanwhile, and foreign keys stay on', () => {
    const { db, repo, rootId, scanId } = library()
    repo.firstScanTransaction(rootId, () =>
      repo.insertAll(rootId, files(['a.jpg']), scanId, 5, true),
    )
    db.prepare('DELETE FROM roots WHERE id = ?').run(rootId)

    expect(() =>
      repo.firstScanTransaction(rootId, () =>
        repo.insertAll(rootId, files(['b.jpg']), scanId, 5, true),
      ),
    ).toThrow(/removed/)
    expect(db.prepare('SELECT count(*) AS n FROM assets').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM job_backlog').get()).toEqual({ n: 0 })
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(foreignKeys(db)).toBe(1)
  })
})

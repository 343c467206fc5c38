import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/db/connection'
import { migrate, schemaVersion, type Migration } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { AppError } from '../../src/main/errors'
import { DiscoveredQueue } from '../../src/main/repositories/discovered-queue'
import { JobsRepository } from '../../src/main/repositories/jobs.repository'
import { tempDir } from '../support/temp'

const columns = (db: Database.Database, table: string): string[] =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)

describe('database', () => {
  it('opens with WAL, foreign keys and a busy timeout, at the latest schema', () => {
    const db = openDatabase(join(tempDir(), 'library.db'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    db.close()
  })

  it('refuses a database written by a newer Marquee and leaves it untouched', () => {
    const file = join(tempDir(), 'library.db')
    const future = new Database(file)
    future.pragma(`user_version = ${MIGRATIONS.length + 5}`)
    future.exec('CREATE TABLE from_the_future (x INTEGER) STRICT')
    future.close()

    let error: unknown
    try {
      openDatabase(file)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('DATABASE_TOO_NEW')
    expect((error as AppError).message).toMatch(/newer version of Marquee/)

    const again = new Database(file)
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5)
    again.close()
  })

  it('runs all pending migrations in one transaction: a failing one leaves the old schema', () => {
    const db = new Database(join(tempDir(), 'library.db'))
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up: (d) => {
          d.exec('CREATE TABLE half_done (x INTEGER) STRICT')
          throw new Error('disk full')
        },
      },
    ]
    expect(() => migrate(db, broken)).toThrow('disk full')
    expect(schemaVersion(db)).toBe(0)
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name IN ('roots', 'half_done')").all(),
    ).toEqual([])
    db.close()
  })

  it('is a no-op on an up-to-date database', () => {
    const file = join(tempDir(), 'library.db')
    openDatabase(file).close()
    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    db.close()
  })
})

describe('migration 0001 roots-and-settings', () => {
  it('creates STRICT roots and settings tables with status and kind checks', () => {
    const db = new Database(join(tempDir(), 'library.db'))
    migrate(db, MIGRATIONS.slice(0, 1))
    expect(columns(db, 'roots')).toEqual([
      'id',
      'path',
      'label',
      'kind',
      'status',
      'status_reason',
      'created_at',
      'updated_at',
    ])
    expect(columns(db, 'settings')).toEqual(['key', 'value', 'updated_at'])
    const insert = db.prepare(
      'INSERT INTO roots (path, label, kind, status, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)',
    )
    insert.run('/a', 'a', 'local', 'online')
    expect(() => insert.run('/b', 'b', 'floppy', 'online')).toThrow(/CHECK/)
    expect(() => insert.run('/c', 'c', 'local', 'gone')).toThrow(/CHECK/)
    expect(() => insert.run('/a', 'again', 'local', 'online')).toThrow(/UNIQUE/)
    expect(() => db.prepare("INSERT INTO settings VALUES ('k', 1, 'not a number')").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    )
    db.close()
  })
})

/** A database migrated to `version`, with foreign keys on as openDatabase has them. */
function atVersion(version: number): Database.Database {
  const db = new Database(join(tempDir(), 'library.db'))
  db.pragma('foreign_keys = ON')
  migrate(db, MIGRATIONS.slice(0, version))
  return db
}

const isStrict = (db: Database.Database, table: string): boolean =>
  db
    .prepare<[string], { strict: number }>('SELECT strict FROM pragma_table_list WHERE name = ?')
    .get(table)?.strict === 1

const indexes = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[string], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?
         AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name`,
    )
    .all(table)
    .map((r) => r.name)

const count = (db: Database.Database, table: string): number =>
  db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n

function addRoot(db: Database.Database, path = '/media'): number {
  return Number(
    db
      .prepare(
        `INSERT INTO roots (path, label, kind, status, created_at, updated_at)
         VALUES (?, 'media', 'local', 'online', 1, 1)`,
      )
      .run(path).lastInsertRowid,
  )
}

function addAsset(db: Database.Database, rootId: number, name = 'a.jpg'): number {
  return Number(
    db
      .prepare(
        `INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, type, status, created_at, updated_at)
         VALUES (?, '', ?, 'jpg', 1, 1, 'image', 'ready', 1, 1)`,
      )
      .run(rootId, name).lastInsertRowid,
  )
}

describe('migration 0002 assets-and-scans', () => {
  it('gives roots their scan columns and creates STRICT assets and scans with their indexes', () => {
    const db = atVersion(2)
    expect(columns(db, 'roots')).toEqual(
      expect.arrayContaining([
        'kind_source',
        'device',
        'was_mount_point',
        'exclusions',
        'index_all_files',
        'scan_interval_ms',
        'notice',
        'last_scan_at',
      ]),
    )
    expect(columns(db, 'assets')).toEqual([
      'id',
      'root_id',
      'dir',
      'name',
      'ext',
      'size',
      'mtime_ms',
      'inode',
      'device',
      'fingerprint',
      'sha256',
      'phash',
      'mime',
      'type',
      'status',
      'prior_status',
      'error',
      'width',
      'height',
      'duration_ms',
      'orientation',
      'codecs',
      'rating',
      'title',
      'description',
      'metadata',
      'missing_since',
      'created_scan',
      'created_at',
      'updated_at',
    ])
    expect(isStrict(db, 'assets')).toBe(true)
    expect(isStrict(db, 'scans')).toBe(true)
    expect(indexes(db, 'assets')).toEqual([
      'assets_created_scan',
      'assets_missing_size',
      'assets_root_dir_name',
      'assets_root_status',
      'assets_sha256',
      'assets_status',
    ])
    expect(indexes(db, 'scans')).toEqual(['scans_root'])
    db.close()
  })

  it('refuses unknown types, statuses and kind sources, a path twice, and text for a number', () => {
    const db = atVersion(2)
    const root = addRoot(db)
    addAsset(db, root)
    expect(() => addAsset(db, root)).toThrow(/UNIQUE/)
    const asset = (type: string, status: string) =>
      db
        .prepare(
          `INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, type, status, created_at, updated_at)
           VALUES (?, '', ?, 'x', 1, 1, ?, ?, 1, 1)`,
        )
        .run(root, `${type}-${status}`, type, status)
    expect(() => asset('hologram', 'ready')).toThrow(/CHECK/)
    expect(() => asset('image', 'lost')).toThrow(/CHECK/)
    expect(() => db.prepare("UPDATE roots SET kind_source = 'guessed'").run()).toThrow(/CHECK/)
    expect(() => db.prepare("UPDATE assets SET size = 'big'").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    )
    expect(() =>
      db
        .prepare("INSERT INTO scans (root_id, status, started_at) VALUES (?, 'paused', 1)")
        .run(root),
    ).toThrow(/CHECK/)
    db.close()
  })

  it('forgets a root’s assets and scans with the root', () => {
    const db = atVersion(2)
    const root = addRoot(db)
    const other = addRoot(db, '/other')
    addAsset(db, root)
    addAsset(db, other)
    db.prepare("INSERT INTO scans (root_id, status, started_at) VALUES (?, 'completed', 1)").run(
      root,
    )
    db.prepare('DELETE FROM roots WHERE id = ?').run(root)
    expect(count(db, 'assets')).toBe(1)
    expect(count(db, 'scans')).toBe(0)
    db.close()
  })

  it('upgrades a version 1 library and keeps its roots and settings', () => {
    const db = atVersion(1)
    const root = addRoot(db)
    db.prepare("INSERT INTO settings VALUES ('theme', '\"dark\"', 1)").run()
    migrate(db, MIGRATIONS.slice(0, 2))
    expect(schemaVersion(db)).toBe(2)
    expect(db.prepare('SELECT * FROM roots WHERE id = ?').get(root)).toMatchObject({
      path: '/media',
      label: 'media',
      kind_source: 'detected',
      exclusions: '[]',
      index_all_files: 0,
      was_mount_point: 0,
      last_scan_at: null,
    })
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('theme')).toEqual({
      value: '"dark"',
    })
    db.close()
  })
})

describe('migration 0003 jobs-and-derivatives', () => {
  it('creates STRICT jobs and derivatives tables, the queue’s indexes and the pHash index', () => {
    const db = atVersion(3)
    expect(columns(db, 'jobs')).toEqual([
      'id',
      'kind',
      'asset_id',
      'priority',
      'status',
      'attempts',
      'last_error',
      'run_after',
      'created_at',
      'updated_at',
    ])
    expect(columns(db, 'derivatives')).toEqual([
      'sha256',
      'variant',
      'path',
      'width',
      'height',
      'bytes',
      'mime',
      'created_at',
    ])
    expect(isStrict(db, 'jobs')).toBe(true)
    expect(isStrict(db, 'derivatives')).toBe(true)
    expect(indexes(db, 'jobs')).toEqual(['jobs_next', 'jobs_one_per_step'])
    expect(indexes(db, 'assets')).toContain('assets_phash')
    db.close()
  })

  it('keeps one job per step of an asset, refuses unknown statuses, and drops jobs with the asset', () => {
    const db = atVersion(3)
    const asset = addAsset(db, addRoot(db))
    const job = db.prepare(
      'INSERT INTO jobs (kind, asset_id, status, created_at, updated_at) VALUES (?, ?, ?, 1, 1)',
    )
    job.run('hash', asset, 'queued')
    expect(() => job.run('hash', asset, 'queued')).toThrow(/UNIQUE/)
    expect(() => job.run('thumbnails', asset, 'sleeping')).toThrow(/CHECK/)
    expect(() => job.run('identify', asset + 1, 'queued')).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM assets WHERE id = ?').run(asset)
    expect(count(db, 'jobs')).toBe(0)
    db.close()
  })

  it('keys derivatives by content hash and variant', () => {
    const db = atVersion(3)
    const derivative = db.prepare(
      `INSERT INTO derivatives (sha256, variant, path, bytes, mime, created_at)
       VALUES ('abc', ?, 'media/ab/c', ?, 'image/webp', 1)`,
    )
    derivative.run('small', 10)
    derivative.run('large', 20)
    expect(() => derivative.run('small', 10)).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => derivative.run('medium', null)).toThrow(/NOT NULL/)
    db.close()
  })

  it('upgrades a version 2 library and keeps its roots, assets and scans', () => {
    const db = atVersion(2)
    const root = addRoot(db)
    const asset = addAsset(db, root)
    db.prepare("INSERT INTO scans (root_id, status, started_at) VALUES (?, 'completed', 1)").run(
      root,
    )
    migrate(db, MIGRATIONS.slice(0, 3))
    expect(schemaVersion(db)).toBe(3)
    expect(db.prepare('SELECT id, root_id, name FROM assets').all()).toEqual([
      { id: asset, root_id: root, name: 'a.jpg' },
    ])
    expect(count(db, 'scans')).toBe(1)
    db.close()
  })
})

describe('migration 0004 collections-and-bundles', () => {
  it('adds content_sha256 to derivatives and creates STRICT collection and bundle tables', () => {
    const db = atVersion(4)
    expect(columns(db, 'derivatives')).toContain('content_sha256')
    expect(columns(db, 'collections')).toEqual(['id', 'kind', 'name', 'created_at', 'updated_at'])
    expect(columns(db, 'collection_items')).toEqual([
      'id',
      'collection_id',
      'asset_id',
      'position',
      'duration_ms',
      'added_at',
    ])
    expect(columns(db, 'bundle_items')).toEqual(['bundle_id', 'asset_id', 'object_sha256'])
    for (const table of ['collections', 'collection_items', 'bundles', 'bundle_items'])
      expect(isStrict(db, table), table).toBe(true)
    expect(indexes(db, 'collection_items')).toEqual([
      'collection_items_asset',
      'collection_items_order',
    ])
    expect(indexes(db, 'bundle_items')).toEqual(['bundle_items_asset'])
    db.close()
  })

  it('names collections once per kind, whatever the case, and drops items with their collection or asset', () => {
    const db = atVersion(4)
    const root = addRoot(db)
    const a = addAsset(db, root, 'a.jpg')
    const b = addAsset(db, root, 'b.jpg')
    const collection = db.prepare(
      'INSERT INTO collections (kind, name, created_at, updated_at) VALUES (?, ?, 1, 1)',
    )
    const lobby = Number(collection.run('playlist', 'Lobby').lastInsertRowid)
    collection.run('album', 'Lobby')
    expect(() => collection.run('playlist', 'lobby')).toThrow(/UNIQUE/)
    expect(() => collection.run('folder', 'Other')).toThrow(/CHECK/)
    const item = db.prepare(
      'INSERT INTO collection_items (collection_id, asset_id, position, added_at) VALUES (?, ?, ?, 1)',
    )
    item.run(lobby, a, 0)
    item.run(lobby, b, 1)
    db.prepare('DELETE FROM assets WHERE id = ?').run(a)
    expect(count(db, 'collection_items')).toBe(1)
    db.prepare('DELETE FROM collections WHERE id = ?').run(lobby)
    expect(count(db, 'collection_items')).toBe(0)
    db.close()
  })

  it('keeps a bundle’s history after its assets are gone, and drops it with the bundle', () => {
    const db = atVersion(4)
    const asset = addAsset(db, addRoot(db))
    db.prepare(
      `INSERT INTO bundles (id, name, dir, profile, objects, bytes, copied, skipped, transcoded,
         verified, duration_ms, created_at)
       VALUES ('b1', 'Lobby', '/usb', '1080p', 1, 10, 1, 0, 0, 1, 5, 1)`,
    ).run()
    db.prepare("INSERT INTO bundle_items VALUES ('b1', ?, 'abc')").run(asset)
    db.prepare('DELETE FROM assets WHERE id = ?').run(asset)
    expect(count(db, 'bundle_items')).toBe(1)
    db.prepare("DELETE FROM bundles WHERE id = 'b1'").run()
    expect(count(db, 'bundle_items')).toBe(0)
    db.close()
  })

  it('upgrades a version 3 library and keeps its assets, jobs and derivatives', () => {
    const db = atVersion(3)
    const asset = addAsset(db, addRoot(db))
    db.prepare(
      "INSERT INTO jobs (kind, asset_id, status, created_at, updated_at) VALUES ('hash', ?, 'queued', 1, 1)",
    ).run(asset)
    db.prepare(
      `INSERT INTO derivatives (sha256, variant, path, bytes, mime, created_at)
       VALUES ('abc', 'small', 'media/ab/c/small.webp', 10, 'image/webp', 1)`,
    ).run()
    migrate(db, MIGRATIONS.slice(0, 4))
    expect(schemaVersion(db)).toBe(4)
    expect(count(db, 'assets')).toBe(1)
    expect(db.prepare('SELECT kind, asset_id FROM jobs').all()).toEqual([
      { kind: 'hash', asset_id: asset },
    ])
    expect(db.prepare('SELECT variant, bytes, content_sha256 FROM derivatives').all()).toEqual([
      { variant: 'small', bytes: 10, content_sha256: null },
    ])
    db.close()
  })
})

describe('migration 0005 due-jobs-index', () => {
  it('picks the next jobs from an index in pick order, without sorting the queue', () => {
    const db = atVersion(5)
    expect(indexes(db, 'jobs')).toEqual(['jobs_delayed', 'jobs_due', 'jobs_one_per_step'])
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${JobsRepository.NEXT_SQL}`)
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n')
    expect(plan).toMatch(/USING (COVERING )?INDEX jobs_due/)
    expect(plan).not.toMatch(/TEMP B-TREE/)
    db.close()
  })

  it('upgrades a version 4 library with its queue, delayed jobs included', () => {
    const db = atVersion(4)
    const root = addRoot(db)
    const job = db.prepare(
      "INSERT INTO jobs (kind, asset_id, status, run_after, created_at, updated_at) VALUES ('hash', ?, 'queued', ?, 1, 1)",
    )
    job.run(addAsset(db, root, 'a.jpg'), 0)
    job.run(addAsset(db, root, 'b.jpg'), 9_999_999_999_999)
    migrate(db, MIGRATIONS.slice(0, 5))
    expect(schemaVersion(db)).toBe(5)
    expect(db.prepare('SELECT run_after FROM jobs ORDER BY id').all()).toEqual([
      { run_after: 0 },
      { run_after: 9_999_999_999_999 },
    ])
    db.close()
  })
})

describe('migration 0019 job-backlog', () => {
  it('creates a STRICT job_backlog whose entries go with their root', () => {
    const db = atVersion(19)
    expect(columns(db, 'job_backlog')).toEqual([
      'id',
      'root_id',
      'scan_id',
      'after_id',
      'last_id',
      'priority',
      'created_at',
    ])
    const root = addRoot(db)
    db.prepare(
      `INSERT INTO job_backlog (root_id, scan_id, after_id, last_id, priority, created_at)
       VALUES (?, 1, 0, 5, 0, 1)`,
    ).run(root)
    expect(() =>
      db
        .prepare(
          `INSERT INTO job_backlog (root_id, scan_id, after_id, last_id, priority, created_at)
         VALUES (?, 1, 'x', 5, 0, 1)`,
        )
        .run(root),
    ).toThrow()
    db.prepare('DELETE FROM roots WHERE id = ?').run(root)
    expect(db.prepare('SELECT count(*) AS n FROM job_backlog').get()).toEqual({ n: 0 })
    db.close()
  })

  it('upgrades a version 18 library and keeps its queue', () => {
    const db = atVersion(18)
    const root = addRoot(db)
    db.prepare(
      "INSERT INTO jobs (kind, asset_id, status, created_at, updated_at) VALUES ('AssetIdentify', ?, 'queued', 1, 1)",
    ).run(addAsset(db, root, 'a.jpg'))
    migrate(db, MIGRATIONS.slice(0, 19))
    expect(schemaVersion(db)).toBe(19)
    expect(db.prepare('SELECT kind, status FROM jobs').all()).toEqual([
      { kind: 'AssetIdentify', status: 'queued' },
    ])
    db.close()
  })
})

function planOf(db: Db, sql: string): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1))
    .map((row) => (row as { detail: string }).detail)
    .join('\n')
}

describe('the job queue’s statements', () => {
  it('look one asset’s jobs up by asset, and never sort the queue', () => {
    const db = openDatabase(join(tempDir(), 'library.db'))
    for (const sql of new JobsRepository(db).statements) {
      const plan = planOf(db, sql)
      if (/asset_id = \?/.test(sql) && !sql.startsWith('INSERT'))
        expect(plan, sql).toMatch(/INDEX jobs_one_per_step \(asset_id=\?/)
      expect(plan, sql).not.toMatch(/TEMP B-TREE/)
      // The backlog is read by id ranges (and the root's virus scans by root): never every asset.
      expect(plan, sql).not.toMatch(/^SCAN (a|assets)\b/m)
    }
    db.close()
  })

  it('queue what a scan found through indexes and id ranges, never by reading every asset', () => {
    // A first scan queues each batch (queueAdded): a read of every row there cost ~2 ms per
    // 100k rows of the table, per batch (~2 s over a million-file first scan).
    const db = openDatabase(join(tempDir(), 'library.db'))
    for (const sql of new DiscoveredQueue(db).statements)
      expect(planOf(db, sql), sql).not.toMatch(/^SCAN (a|assets)\b/m)
    db.close()
  })
})

import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { tempDir } from '../support/temp'

const VERSION = MIGRATIONS.findIndex((m) => m.name === 'analysis-scan-integrity') + 1

function atVersion(version: number): Database.Database {
  const db = new Database(join(tempDir(), 'library.db'))
  db.pragma('foreign_keys = ON')
  migrate(db, MIGRATIONS.slice(0, version))
  return db
}

describe('migration analysis-scan-integrity', () => {
  it('upgrades a library: hashed assets count as verified when last updated, scans stay off', () => {
    const db = atVersion(VERSION - 1)
    db.prepare(
      "INSERT INTO roots (id, path, label, kind, kind_source, status, created_at, updated_at) VALUES (1, '/m', 'm', 'local', 'detected', 'online', 1, 1)",
    ).run()
    const insert = db.prepare(
      `INSERT INTO assets (id, root_id, dir, name, ext, size, mtime_ms, type, status, sha256, created_at, updated_at)
       VALUES (?, 1, '', ?, 'jpg', 1, 1, 'image', ?, ?, 1, ?)`,
    )
    insert.run(1, 'hashed.jpg', 'ready', 'ab'.repeat(32), 5000)
    insert.run(2, 'new.jpg', 'discovered', null, 6000)
    migrate(db, MIGRATIONS.slice(0, VERSION))
    expect(db.prepare('SELECT id, verified_at, integrity FROM assets ORDER BY id').all()).toEqual([
      { id: 1, verified_at: 5000, integrity: null },
      { id: 2, verified_at: null, integrity: null },
    ])
    expect(db.prepare('SELECT virus_scan FROM roots').get()).toEqual({ virus_scan: 0 })
    const colour = db.prepare(
      'INSERT INTO asset_colors (asset_id, rank, rgb, share, l, a, b, cell) VALUES (?, 0, 0, 1, 0, 0, 0, 0)',
    )
    colour.run(1)
    expect(() => colour.run(99)).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM assets WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) AS n FROM asset_colors').get()).toEqual({ n: 0 })
  })
})

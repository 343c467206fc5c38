import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { tempDir } from '../support/temp'

const VERSION = MIGRATIONS.findIndex((m) => m.name === 'bundle-playlists') + 1

function atVersion(version: number): Database.Database {
  const db = new Database(join(tempDir(), 'library.db'))
  db.pragma('foreign_keys = ON')
  migrate(db, MIGRATIONS.slice(0, version))
  return db
}

describe('migration bundle-playlists', () => {
  it('keeps the export history, and snapshots go with their bundle', () => {
    const db = atVersion(VERSION - 1)
    db.prepare(
      `INSERT INTO bundles (id, parent_id, name, dir, profile, objects, bytes, copied, skipped,
         transcoded, verified, duration_ms, created_at)
       VALUES ('b1', NULL, 'Lobby', '/media/usb/lobby', 'fhd-h264', 2, 10, 2, 0, 0, 1, 5, 1)`,
    ).run()
    migrate(db, MIGRATIONS.slice(0, VERSION))
    expect(db.prepare('SELECT id FROM bundles').all()).toEqual([{ id: 'b1' }])
    db.prepare(
      `INSERT INTO bundle_playlists (bundle_id, collection_id, kind, name, fingerprint, items)
       VALUES ('b1', 7, 'playlist', 'Lobby', 'f', '[]')`,
    ).run()
    expect(() =>
      db
        .prepare(
          `INSERT INTO bundle_playlists (bundle_id, collection_id, kind, name, fingerprint, items)
           VALUES ('b1', 8, 'folder', 'X', 'f', '[]')`,
        )
        .run(),
    ).toThrow(/CHECK constraint/)
    db.prepare("DELETE FROM bundles WHERE id = 'b1'").run()
    expect(db.prepare('SELECT COUNT(*) AS n FROM bundle_playlists').get()).toEqual({ n: 0 })
  })
})

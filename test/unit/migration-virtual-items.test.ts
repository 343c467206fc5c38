import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { tempDir } from '../support/temp'

function atVersion(version: number): Database.Database {
  const db = new Database(join(tempDir(), 'library.db'))
  db.pragma('foreign_keys = ON')
  migrate(db, MIGRATIONS.slice(0, version))
  return db
}

const VERSION = MIGRATIONS.findIndex((m) => m.name === 'virtual-items') + 1

describe('migration virtual-items', () => {
  it('keeps the asset items of a version 9 library, with their ids and positions', () => {
    const db = atVersion(VERSION - 1)
    db.exec(`
      INSERT INTO roots (path, label, kind, status, created_at, updated_at)
        VALUES ('/media', 'media', 'local', 'online', 1, 1);
      INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, type, status, created_at, updated_at)
        VALUES (1, '', 'a.jpg', 'jpg', 1, 1, 'image', 'ready', 1, 1);
      INSERT INTO collections (kind, name, created_at, updated_at) VALUES ('playlist', 'Lobby', 1, 1);
      INSERT INTO collection_items (id, collection_id, asset_id, position, duration_ms, added_at)
        VALUES (7, 1, 1, 3, 5000, 1);
    `)
    migrate(db, MIGRATIONS.slice(0, VERSION))
    expect(schemaVersion(db)).toBe(VERSION)
    expect(
      db.prepare('SELECT id, kind, asset_id, position, duration_ms FROM collection_items').all(),
    ).toEqual([{ id: 7, kind: 'asset', asset_id: 1, position: 3, duration_ms: 5000 }])
  })

  it('holds exactly one target per kind, http(s) addresses only, and drops items with their integration', () => {
    const db = atVersion(VERSION)
    db.exec(`
      INSERT INTO collections (kind, name, created_at, updated_at) VALUES ('playlist', 'Lobby', 1, 1);
      INSERT INTO integrations (kind, name, interval_ms, status, created_at, updated_at)
        VALUES ('feed', 'Menu', 60000, 'connected', 1, 1);
    `)
    const add = db.prepare(
      `INSERT INTO collection_items (collection_id, kind, asset_id, url, integration_id, position, added_at)
       VALUES (1, ?, ?, ?, ?, 1, 1)`,
    )
    add.run('url', null, 'https://example.com/', null)
    add.run('integration', null, null, 1)
    expect(() => add.run('url', null, null, null)).toThrow(/CHECK/)
    expect(() => add.run('url', null, 'javascript:alert(1)', null)).toThrow(/CHECK/)
    expect(() => add.run('integration', null, 'https://example.com/', 1)).toThrow(/CHECK/)
    expect(() => add.run('asset', null, null, null)).toThrow(/CHECK/)
    expect(() => add.run('integration', null, null, 99)).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM integrations WHERE id = 1').run()
    expect(db.prepare('SELECT kind FROM collection_items').all()).toEqual([{ kind: 'url' }])
  })
})

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

const links = (db: Database.Database) =>
  db.prepare('SELECT source, relation, target FROM links ORDER BY id').all()

function link(db: Database.Database, source: string, target: string, relation = 'related_to') {
  const [sk, sn] = source.split(':') as [string, string]
  const [tk, tn] = target.split(':') as [string, string]
  const num = (n: string) => (/^\d+$/.test(n) ? Number(n) : 0)
  db.prepare(
    `INSERT INTO links (source, source_kind, source_num, source_text, target, target_kind,
       target_num, target_text, relation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  ).run(source, sk, num(sn), num(sn) ? '' : sn, target, tk, num(tn), num(tn) ? '' : tn, relation)
}

describe('migration 0009 graph', () => {
  it('upgrades a version 8 library, keeping its assets, and adds a STRICT links table', () => {
    const db = atVersion(8)
    db.prepare(
      `INSERT INTO roots (path, label, kind, status, created_at, updated_at)
       VALUES ('/media', 'media', 'local', 'online', 1, 1)`,
    ).run()
    db.prepare(
      `INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, type, status, created_at,
         updated_at) VALUES (1, '', 'a.jpg', 'jpg', 1, 1, 'image', 'ready', 1, 1)`,
    ).run()
    migrate(db, MIGRATIONS.slice(0, 9))
    expect(schemaVersion(db)).toBe(9)
    expect(db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(1)
    link(db, 'asset:1', 'root:1')
    expect(() => link(db, 'asset:1', 'root:1')).toThrow(/UNIQUE/)
    expect(() =>
      db
        .prepare(
          `INSERT INTO links (source, source_kind, source_num, source_text, target, target_kind,
             target_num, target_text, relation, created_at)
           VALUES ('a', 'asset', 'x', '', 'b', 'asset', 1, '', 'r', 1)`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
    // Both directions are looked up by index.
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' ')
    expect(plan("SELECT * FROM links WHERE source = 'asset:1'")).toMatch(/USING INDEX/)
    expect(plan("SELECT * FROM links WHERE target = 'asset:1'")).toMatch(/USING INDEX links_target/)
    db.close()
  })

  it('drops the links of an asset, collection, bundle or root with it, and nothing else', () => {
    const db = atVersion(9)
    db.exec(`
      INSERT INTO roots (path, label, kind, status, created_at, updated_at)
        VALUES ('/m', 'm', 'local', 'online', 1, 1), ('/n', 'n', 'local', 'online', 1, 1);
      INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, type, status, created_at,
        updated_at) VALUES (1, '', 'a.jpg', 'jpg', 1, 1, 'image', 'ready', 1, 1),
        (1, '', 'b.jpg', 'jpg', 1, 1, 'image', 'ready', 1, 1);
      INSERT INTO collections (kind, name, created_at, updated_at) VALUES ('album', 'x', 1, 1);
      INSERT INTO bundles (id, name, dir, profile, objects, bytes, copied, skipped, transcoded,
        verified, duration_ms, created_at) VALUES ('b1', 'b', '/usb', 'hd', 0, 0, 0, 0, 0, 1, 1, 1);
    `)
    link(db, 'asset:1', 'asset:2', 'replaces')
    link(db, 'collection:1', 'asset:2')
    link(db, 'bundle:b1', 'root:2')
    link(db, 'folder:1:x', 'asset:2')
    db.prepare('DELETE FROM assets WHERE id = 1').run()
    db.prepare('DELETE FROM collections WHERE id = 1').run()
    expect(links(db)).toEqual([
      { source: 'bundle:b1', relation: 'related_to', target: 'root:2' },
      { source: 'folder:1:x', relation: 'related_to', target: 'asset:2' },
    ])
    db.prepare("DELETE FROM bundles WHERE id = 'b1'").run()
    db.prepare('DELETE FROM assets WHERE id = 2').run()
    expect(links(db)).toEqual([])
    db.close()
  })
})

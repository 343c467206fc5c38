import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { ImportsRepository } from '../../src/main/repositories/imports.repository'
import { tempDir } from '../support/temp'

// Found by name: its number depends on the order in which branches land.
const version = MIGRATIONS.findIndex((m) => m.name === 'imports') + 1

describe('migration imports', () => {
  it('gives every existing root the default inbox, and adds the import records', () => {
    const db = new Database(join(tempDir(), 'library.db'))
    migrate(db, MIGRATIONS.slice(0, version - 1))
    db.prepare(
      "INSERT INTO roots (path, label, kind, status, created_at, updated_at) VALUES ('/srv/a', 'a', 'local', 'online', 1, 1)",
    ).run()
    migrate(db, MIGRATIONS.slice(0, version))
    expect(schemaVersion(db)).toBe(version)
    expect(db.prepare('SELECT inbox FROM roots').all()).toEqual([{ inbox: 'Inbox' }])
    const repo = new ImportsRepository(db)
    repo.create(
      { id: 'i1', rootId: 1, targetDir: 'Inbox/2026-01-01', sources: ['/x'], onDuplicate: 'skip' },
      1,
    )
    repo.addFiles(
      'i1',
      [
        {
          kind: 'path',
          source: '/x/a.jpg',
          relPath: 'x/a.jpg',
          size: 5,
          mtimeMs: 1,
          status: 'pending',
        },
      ],
      1,
    )
    expect(repo.unfinished()).toEqual(['i1'])
    expect(repo.files('i1')).toMatchObject([
      { relPath: 'x/a.jpg', status: 'pending', existing: null },
    ])
    db.close()
  })

  it('looks duplicates up by size through an index the scanner never writes to', () => {
    const db = new Database(join(tempDir(), 'library.db'))
    migrate(db, MIGRATIONS.slice(0, version))
    const plan = (sql: string): string =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(1)
        .map((r) => (r as { detail: string }).detail)
        .join('\n')
    expect(plan('SELECT 1 FROM assets WHERE size = ? AND sha256 IS NOT NULL LIMIT 1')).toMatch(
      /USING (COVERING )?INDEX assets_hashed_size/,
    )
    // A scanner's insert has no hash: the partial index does not hold it.
    const sql = (
      db.prepare("SELECT sql FROM sqlite_master WHERE name = 'assets_hashed_size'").get() as {
        sql: string
      }
    ).sql
    expect(sql).toMatch(/WHERE sha256 IS NOT NULL/)
    db.close()
  })
})

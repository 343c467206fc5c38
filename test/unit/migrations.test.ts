import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { migrate, schemaVersion, type Migration } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { AppError } from '../../src/main/errors'
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

import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/db/connection'
import { transaction } from '../../src/main/db/transaction'
import { tempDir } from '../support/temp'

const open: Db[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

/** Two connections to one library, as the main thread and a scan worker have. */
function twoConnections(): { mine: Db; other: Db } {
  const file = join(tempDir('marquee-tx-'), 'library.db')
  const mine = openDatabase(file)
  const other = new Database(file)
  // The other writer does not wait: it shows whether the lock was already taken.
  other.pragma('busy_timeout = 0')
  open.push(mine, other)
  return { mine, other }
}

const setting = (db: Db, key: string): void =>
  void db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, 'x', 0)").run(key)

describe('transaction(db, work)', () => {
  it('holds the write lock from its start, so its read-then-write never meets a newer commit', () => {
    const { mine, other } = twoConnections()
    const stored = transaction(mine, () => {
      const before = mine.prepare('SELECT count(*) AS n FROM settings').get() as { n: number }
      // Begun deferred, this write would commit, and the write below fail with SQLITE_BUSY_SNAPSHOT.
      expect(() => setting(other, 'elsewhere')).toThrow(/database is locked/)
      setting(mine, 'here')
      return before.n
    })
    const keys = mine.prepare('SELECT key FROM settings').pluck().all()
    expect(keys).toContain('here')
    expect(keys).not.toContain('elsewhere')
    expect(keys.length).toBe(stored + 1)
  })

  it('rolls back what it wrote when its work throws', () => {
    const { mine } = twoConnections()
    expect(() =>
      transaction(mine, () => {
        setting(mine, 'lost')
        throw new Error('no')
      }),
    ).toThrow('no')
    expect(mine.prepare("SELECT key FROM settings WHERE key = 'lost'").get()).toBeUndefined()
  })
})

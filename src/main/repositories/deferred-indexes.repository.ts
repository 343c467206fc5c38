import { transaction } from '../db/transaction'
import type { Db } from '../db/connection'

/**
 * The gallery's name orders (migration 0006). Keeping them up to date row by row is most of what
 * a cold index of a big folder costs the database (file names land at random places in a
 * case-insensitive order: about 10 µs a row for the two of them), while building them once from
 * the finished table costs about a tenth of that. Nothing the scanner reads uses them. The other
 * gallery orders (date, size, rating…) are cheap to keep and dearer to rebuild, so they stay.
 */
export const DEFERRABLE_INDEXES = ['assets_name', 'assets_type_name'] as const

/** Where the dropped indexes' definitions wait, committed with the drop itself. */
const SETTING = 'scan.deferredIndexes'

interface Deferred {
  name: string
  sql: string
}

/**
 * Drops the deferrable indexes for a bulk load and builds them again afterwards. The definitions
 * are kept in `settings` in the same transaction as the drop, so a process that dies between
 * the two leaves a note its successor acts on (the lock holder restores them when it starts),
 * and only the scan that dropped them finds the note to restore.
 */
export class DeferredIndexesRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      definitions: db.prepare<string[], Deferred>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'assets'
           AND sql IS NOT NULL AND name IN (${DEFERRABLE_INDEXES.map(() => '?').join(', ')})`,
      ),
      note: db.prepare<[], { value: string }>(
        `SELECT value FROM settings WHERE key = '${SETTING}'`,
      ),
      write: db.prepare<[string, number]>(
        `INSERT INTO settings (key, value, updated_at) VALUES ('${SETTING}', ?, ?)`,
      ),
      forget: db.prepare(`DELETE FROM settings WHERE key = '${SETTING}'`),
      exists: db.prepare<[string], { one: number }>(
        "SELECT 1 AS one FROM sqlite_master WHERE type = 'index' AND name = ?",
      ),
    }
  }

  /**
   * Drops the indexes unless another scan already did (then it restores them, and this one
   * keeps them up to date as usual after that). Answers whether this call dropped any.
   */
  defer(now: number): boolean {
    return transaction(this.db, () => {
      if (this.pending()) return false
      const found = this.s.definitions.all(...DEFERRABLE_INDEXES)
      if (found.length === 0) return false
      this.s.write.run(JSON.stringify(found), now)
      for (const { name } of found) this.db.exec(`DROP INDEX "${name}"`)
      return true
    })
  }

  /** Builds what a `defer` dropped, if anything waits (idempotent; a no-op most of the time). */
  restore(): void {
    if (!this.pending()) return
    transaction(this.db, () => {
      // Read again under the write lock: another scan may have restored them meanwhile.
      for (const { name, sql } of this.pending() ?? []) {
        if (!this.s.exists.get(name)) this.db.exec(sql)
      }
      this.s.forget.run()
    })
  }

  private pending(): Deferred[] | null {
    const row = this.s.note.get()
    return row ? (JSON.parse(row.value) as Deferred[]) : null
  }
}

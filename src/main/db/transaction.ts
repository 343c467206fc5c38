import type Database from 'better-sqlite3'

/**
 * Runs `work` in one transaction that takes the write lock when it begins (BEGIN IMMEDIATE).
 * Several connections write to a library at once (the main thread, scan workers, a CLI), and a
 * transaction begun deferred that reads before it writes fails with "database is locked" at
 * once, without waiting, when another connection committed in between (SQLITE_BUSY_SNAPSHOT).
 * Begun immediate, it waits for the lock under the busy timeout like any other write. Inside
 * another transaction it is a savepoint of that one. The one way a transaction is begun here.
 */
export function transaction<T>(db: Database.Database, work: () => T): T {
  return db.transaction(work).immediate()
}

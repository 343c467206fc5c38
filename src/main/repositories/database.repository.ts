import type { Db } from '../db/connection'

/** Facts about the database itself (not about any table in it). */
export class DatabaseRepository {
  private readonly s

  constructor(db: Db) {
    this.s = {
      sqliteVersion: db.prepare<[], { v: string }>('SELECT sqlite_version() AS v'),
    }
  }

  sqliteVersion(): string {
    return this.s.sqliteVersion.get()!.v
  }
}

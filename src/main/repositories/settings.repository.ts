import type { Db } from '../db/connection'

/** Key/value settings stored as JSON text. */
export class SettingsRepository {
  private readonly statements

  constructor(db: Db) {
    this.statements = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      set: db.prepare<[string, string, number]>(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
    }
  }

  get<T>(key: string): T | undefined {
    const row = this.statements.get.get(key)
    return row ? (JSON.parse(row.value) as T) : undefined
  }

  set(key: string, value: unknown, now: number = Date.now()): void {
    this.statements.set.run(key, JSON.stringify(value), now)
  }
}

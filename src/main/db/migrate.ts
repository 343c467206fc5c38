import { transaction } from './transaction'
import type Database from 'better-sqlite3'
import { AppError } from '../errors'

export interface Migration {
  version: number
  name: string
  up: (db: Database.Database) => void
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Runs every pending migration in one transaction, so a database is never left between
 * versions. A database written by a newer Marquee is refused rather than guessed at.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(`Migration ${m.name} has version ${m.version}; expected ${index + 1}`)
    }
  })
  const latest = migrations.length
  const current = schemaVersion(db)
  if (current > latest) {
    throw new AppError(
      'DATABASE_TOO_NEW',
      `This library was written by a newer version of Marquee (schema ${current}; this version ` +
        `understands up to ${latest}). Update Marquee, or choose another data directory.`,
    )
  }
  if (current === latest) return current
  transaction(db, () => {
    // Read again under the write lock: another process opening the library may have migrated it.
    for (const migration of migrations.slice(schemaVersion(db))) {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    }
  })
  return latest
}

import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { tempDir } from '../support/temp'

// Found by name: the number changes when migrations from parallel branches are merged.
const VERSION = MIGRATIONS.findIndex((m) => m.name === 'album-nesting') + 1

describe('migration album-nesting', () => {
  it('keeps older collections at the top level with no chosen cover', () => {
    const db = new Database(join(tempDir(), 'library.db'))
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, VERSION - 1))
    db.prepare(
      `INSERT INTO collections (kind, name, created_at, updated_at) VALUES ('album', 'Old', 1, 1)`,
    ).run()
    migrate(db, MIGRATIONS.slice(0, VERSION))
    expect(db.prepare('SELECT name, parent_id, cover_asset_id FROM collections').get()).toEqual({
      name: 'Old',
      parent_id: null,
      cover_asset_id: null,
    })
    // A parent that goes away leaves its sub-albums at the top level, not dangling.
    db.prepare(
      `INSERT INTO collections (kind, name, created_at, updated_at, parent_id)
       VALUES ('album', 'Child', 1, 1, 1)`,
    ).run()
    db.prepare('DELETE FROM collections WHERE id = 1').run()
    expect(db.prepare('SELECT parent_id FROM collections').pluck().get()).toBeNull()
  })
})

import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { tempDir } from '../support/temp'

// Found by name: the number changes when migrations from parallel branches are merged.
const VERSION = MIGRATIONS.findIndex((m) => m.name === 'player-profiles') + 1

describe('migration player-profiles', () => {
  it('gives existing collections the default profile and adds a STRICT custom profile table', () => {
    const db = new Database(join(tempDir(), 'library.db'))
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, VERSION - 1))
    db.prepare(
      `INSERT INTO collections (kind, name, created_at, updated_at) VALUES ('playlist', 'Lobby', 1, 1)`,
    ).run()
    migrate(db, MIGRATIONS.slice(0, VERSION))
    expect(schemaVersion(db)).toBe(VERSION)
    expect(db.prepare('SELECT profile FROM collections').pluck().get()).toBe('fhd-h264')
    const add = db.prepare(
      `INSERT INTO player_profiles (name, max_width, max_height, level, max_bit_rate, image_format,
         created_at) VALUES (?, 1280, 720, '4.0', 8000000, ?, 1)`,
    )
    add.run('kiosk', 'png')
    // Names are unique whatever their case; the format is one a player decodes.
    expect(() => add.run('KIOSK', 'png')).toThrow(/UNIQUE/)
    expect(() => add.run('other', 'gif')).toThrow(/CHECK/)
    db.close()
  })
})

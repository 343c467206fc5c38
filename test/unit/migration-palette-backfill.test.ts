import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { tempDir } from '../support/temp'

const VERSION = MIGRATIONS.findIndex((m) => m.name === 'palette-backfill') + 1

describe('migration palette-backfill', () => {
  it('queues an analysis of each ready asset that has a small thumbnail and no palette', () => {
    const db = new Database(join(tempDir(), 'library.db'))
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, VERSION - 1))
    db.prepare(
      "INSERT INTO roots (id, path, label, kind, kind_source, status, created_at, updated_at) VALUES (1, '/m', 'm', 'local', 'detected', 'online', 1, 1)",
    ).run()
    const asset = db.prepare(
      `INSERT INTO assets (id, root_id, dir, name, ext, size, mtime_ms, type, status, sha256, created_at, updated_at)
       VALUES (?, 1, '', ?, 'jpg', 1, 1, 'image', ?, ?, 1, 1)`,
    )
    const thumbnail = db.prepare(
      `INSERT INTO derivatives (sha256, variant, path, width, height, bytes, mime, created_at)
       VALUES (?, 'small', 'media/x/small.webp', 200, 100, 10, 'image/webp', 1)`,
    )
    const sha = (n: number) => String(n).repeat(64)
    asset.run(1, 'old.jpg', 'ready', sha(1))
    thumbnail.run(sha(1))
    asset.run(2, 'coloured.jpg', 'ready', sha(2))
    thumbnail.run(sha(2))
    db.prepare(
      'INSERT INTO asset_colors (asset_id, rank, rgb, share, l, a, b, cell) VALUES (2, 0, 0, 1, 0, 0, 0, 0)',
    ).run()
    asset.run(3, 'failed.jpg', 'failed', sha(3))
    asset.run(4, 'no-thumbnail.mp3', 'ready', sha(4))
    migrate(db, MIGRATIONS.slice(0, VERSION))
    expect(db.prepare('SELECT kind, asset_id, status FROM jobs').all()).toEqual([
      { kind: 'AssetAnalyze', asset_id: 1, status: 'queued' },
    ])
  })
})

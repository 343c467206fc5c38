import type { Db } from '../../src/main/db/connection'
import type { AssetStatus, AssetType } from '../../src/shared/domain'

export interface RowSpec {
  dir?: string
  name: string
  type?: AssetType
  status?: AssetStatus
  size?: number
  mtimeMs?: number
  takenMs?: number | null
  width?: number | null
  height?: number | null
  durationMs?: number | null
  rating?: number | null
  title?: string | null
  sha256?: string | null
  metadata?: Record<string, unknown>
}

/** A root row (no folder on disk: for tests of queries over the index only). */
export function insertRoot(db: Db, path = '/library/lobby', label = 'Lobby'): number {
  return Number(
    db
      .prepare(
        `INSERT INTO roots (path, label, kind, status, created_at, updated_at)
         VALUES (?, ?, 'local', 'online', 1, 1)`,
      )
      .run(path, label).lastInsertRowid,
  )
}

/** Asset rows as a scan and processing would leave them; answers their ids in order. */
export function insertAssets(db: Db, rootId: number, specs: RowSpec[]): number[] {
  const insert = db.prepare(
    `INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, taken_ms, type, status, width,
       height, duration_ms, orientation, rating, title, sha256, metadata, created_at, updated_at)
     VALUES (@rootId, @dir, @name, @ext, @size, @mtimeMs, @takenMs, @type, @status, @width,
       @height, @durationMs, @orientation, @rating, @title, @sha256, @metadata, 1, 1)`,
  )
  return db.transaction(() =>
    specs.map((s, i) => {
      const width = s.width ?? null
      const height = s.height ?? null
      return Number(
        insert.run({
          rootId,
          dir: s.dir ?? '',
          name: s.name,
          ext: s.name.split('.').pop()!.toLowerCase(),
          size: s.size ?? 1000 + i,
          mtimeMs: s.mtimeMs ?? 1_700_000_000_000 + i * 1000,
          takenMs: s.takenMs ?? null,
          type: s.type ?? 'image',
          status: s.status ?? 'ready',
          width,
          height,
          durationMs: s.durationMs ?? null,
          orientation:
            width && height
              ? width > height
                ? 'landscape'
                : width < height
                  ? 'portrait'
                  : 'square'
              : null,
          rating: s.rating ?? null,
          title: s.title ?? null,
          sha256: s.sha256 ?? null,
          metadata: JSON.stringify(s.metadata ?? {}),
        }).lastInsertRowid,
      )
    }),
  )()
}

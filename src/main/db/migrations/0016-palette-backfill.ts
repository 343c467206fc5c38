import type Database from 'better-sqlite3'

/**
 * Palettes for what was processed before version 15 made them: every ready asset with a small
 * thumbnail and no palette gets an `AssetAnalyze` job, which reads the palette from that
 * thumbnail (jobs/handlers/analyze.handler.ts). A library made since has none to queue.
 */
export function up(db: Database.Database): void {
  const now = Date.now()
  db.prepare(
    `INSERT INTO jobs (kind, asset_id, priority, status, created_at, updated_at)
     SELECT 'AssetAnalyze', a.id, 0, 'queued', ?, ? FROM assets a
     WHERE a.status = 'ready' AND a.sha256 IS NOT NULL
       AND EXISTS (SELECT 1 FROM derivatives d WHERE d.sha256 = a.sha256 AND d.variant = 'small')
       AND NOT EXISTS (SELECT 1 FROM asset_colors c WHERE c.asset_id = a.id)
     ON CONFLICT (asset_id, kind) DO NOTHING`,
  ).run(now, now)
}

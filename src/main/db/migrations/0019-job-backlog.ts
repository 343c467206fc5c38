import type Database from 'better-sqlite3'

/**
 * A first scan's batches queue their files lazily: instead of a jobs row per file (~0.1 s of the
 * scan worker's time per 100k files, and ~10 MB more written to the WAL), each batch records the
 * range of ids it inserted. Every asset with `after_id < id <= last_id`, `created_scan = scan_id`
 * and status `queued` that has no jobs row has an implicit `AssetIdentify` job of that priority
 * (attempts 0, due now); the queue (JobsRepository) turns ranges into jobs rows a chunk at a time
 * when it needs work. An entry whose rows are gone, processed or no longer queued is harmless:
 * turning it into jobs finds nothing and deletes it. Entries go with their root.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE job_backlog (
      id         INTEGER PRIMARY KEY,
      root_id    INTEGER NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      scan_id    INTEGER NOT NULL,
      after_id   INTEGER NOT NULL,
      last_id    INTEGER NOT NULL,
      priority   INTEGER NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
  `)
}

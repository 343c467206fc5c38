import type Database from 'better-sqlite3'

export function up(db: Database.Database): void {
  db.exec(`
    -- The persistent processing queue. Finished jobs are deleted; failed ones stay for retry.
    CREATE TABLE jobs (
      id         INTEGER PRIMARY KEY,
      kind       TEXT    NOT NULL,
      asset_id   INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
      priority   INTEGER NOT NULL DEFAULT 0,   -- higher runs first
      status     TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'failed')),
      attempts   INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      run_after  INTEGER NOT NULL DEFAULT 0,   -- epoch ms; backoff after a failed attempt
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX jobs_next ON jobs (status, priority DESC, run_after, id);
    CREATE UNIQUE INDEX jobs_one_per_step ON jobs (asset_id, kind);

    -- Variant files in the cache, keyed by content: a moved, renamed or remounted file, and
    -- every copy of the same content, share them.
    CREATE TABLE derivatives (
      sha256     TEXT    NOT NULL,
      variant    TEXT    NOT NULL,
      path       TEXT    NOT NULL,  -- relative to the cache directory, '/'-separated
      width      INTEGER,
      height     INTEGER,
      bytes      INTEGER NOT NULL,
      mime       TEXT    NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (sha256, variant)
    ) STRICT;

    CREATE INDEX assets_phash ON assets (phash) WHERE phash IS NOT NULL;
  `)
}

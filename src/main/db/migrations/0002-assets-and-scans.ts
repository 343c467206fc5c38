import type Database from 'better-sqlite3'

export function up(db: Database.Database): void {
  db.exec(`
    -- How the root was classified, what the volume looked like at the last good scan, and the
    -- per-root options of the indexing issue.
    ALTER TABLE roots ADD COLUMN kind_source TEXT NOT NULL DEFAULT 'detected'
      CHECK (kind_source IN ('detected', 'user'));
    ALTER TABLE roots ADD COLUMN device TEXT;
    ALTER TABLE roots ADD COLUMN was_mount_point INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE roots ADD COLUMN exclusions TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE roots ADD COLUMN index_all_files INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE roots ADD COLUMN scan_interval_ms INTEGER;
    ALTER TABLE roots ADD COLUMN notice TEXT;
    ALTER TABLE roots ADD COLUMN last_scan_at INTEGER;

    CREATE TABLE assets (
      id            INTEGER PRIMARY KEY,
      root_id       INTEGER NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      dir           TEXT    NOT NULL,  -- relative folder, '' at the root; '/'-separated
      name          TEXT    NOT NULL,  -- exactly as the filesystem gives it
      ext           TEXT    NOT NULL,  -- lower-case, without the dot
      size          INTEGER NOT NULL,
      mtime_ms      INTEGER NOT NULL,
      inode         TEXT,
      device        TEXT,
      fingerprint   TEXT,              -- size + sampled bytes, computed when a move needs it
      sha256        TEXT,
      phash         TEXT,
      mime          TEXT,
      type          TEXT    NOT NULL CHECK (type IN ('image', 'video', 'audio', 'document', 'other')),
      status        TEXT    NOT NULL
        CHECK (status IN ('discovered', 'queued', 'processing', 'ready', 'failed', 'missing')),
      prior_status  TEXT,              -- the status to return to when a missing file comes back
      error         TEXT,
      width         INTEGER,
      height        INTEGER,
      duration_ms   INTEGER,
      orientation   TEXT,
      codecs        TEXT,
      rating        INTEGER,
      title         TEXT,
      description   TEXT,
      metadata      TEXT    NOT NULL DEFAULT '{}',
      missing_since INTEGER,
      created_scan  INTEGER,           -- the scan that first found it; newer than the root's last
                                       -- completed scan means not yet confirmed (see reconcile)
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL
    ) STRICT;

    -- Few indexes: every one costs on each of the scanner's inserts.
    CREATE UNIQUE INDEX assets_root_dir_name ON assets (root_id, dir, name);
    CREATE INDEX assets_root_status ON assets (root_id, status, id);
    CREATE INDEX assets_status ON assets (status, id);
    CREATE INDEX assets_created_scan ON assets (created_scan);
    CREATE INDEX assets_sha256 ON assets (sha256) WHERE sha256 IS NOT NULL;
    CREATE INDEX assets_missing_size ON assets (size) WHERE status = 'missing';

    CREATE TABLE scans (
      id          INTEGER PRIMARY KEY,
      root_id     INTEGER NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      status      TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'aborted')),
      reason      TEXT,
      seen        INTEGER NOT NULL DEFAULT 0,
      added       INTEGER NOT NULL DEFAULT 0,
      changed     INTEGER NOT NULL DEFAULT 0,
      moved       INTEGER NOT NULL DEFAULT 0,
      missing     INTEGER NOT NULL DEFAULT 0,
      restored    INTEGER NOT NULL DEFAULT 0,
      started_at  INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX scans_root ON scans (root_id, id);
  `)
}

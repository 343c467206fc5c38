import type Database from 'better-sqlite3'

/**
 * Ingestion (issue 11): each root's inbox folder, and a persistent record of every import and
 * of each file in it, so that an import a crash or a kill interrupted leaves no `.part` behind
 * and resumes where it was (see src/main/services/import.service.ts).
 */
export function up(db: Database.Database): void {
  db.exec(`
    -- Relative to the root, '/'-separated; imports land in <inbox>/YYYY-MM-DD/.
    ALTER TABLE roots ADD COLUMN inbox TEXT NOT NULL DEFAULT 'Inbox';

    CREATE TABLE imports (
      id           TEXT    PRIMARY KEY,  -- a UUID, the importId of the contract
      root_id      INTEGER NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      target_dir   TEXT    NOT NULL,     -- where the drop lands, relative to the root
      sources      TEXT    NOT NULL,     -- JSON: what was dropped (absolute paths), for planning
      on_duplicate TEXT    NOT NULL CHECK (on_duplicate IN ('skip', 'keep')),
      status       TEXT    NOT NULL
        CHECK (status IN ('planning', 'copying', 'done', 'cancelled', 'failed')),
      error        TEXT,                 -- why the whole import was refused or failed
      error_code   TEXT,
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX imports_unfinished ON imports (status) WHERE status IN ('planning', 'copying');

    CREATE TABLE import_files (
      id           INTEGER PRIMARY KEY,
      import_id    TEXT    NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
      kind         TEXT    NOT NULL CHECK (kind IN ('path', 'upload')),
      source       TEXT    NOT NULL,     -- absolute path, or the name the browser gave
      rel_path     TEXT    NOT NULL,     -- inside the drop, '/'-separated (folders keep shape)
      size         INTEGER NOT NULL,
      mtime_ms     INTEGER NOT NULL,
      status       TEXT    NOT NULL CHECK (status IN
        ('pending', 'copying', 'committing', 'imported', 'duplicate', 'failed', 'cancelled')),
      part         TEXT,                 -- absolute path of the .part while copying/committing
      part_inode   TEXT,                 -- identifies the copy once renamed (crash recovery)
      sha256       TEXT,
      fingerprint  TEXT,
      dest         TEXT,                 -- relative to the root, once imported
      asset_id     INTEGER,
      existing     TEXT,                 -- JSON [{assetId, path}] when its content was there
      action       TEXT CHECK (action IN ('skipped', 'kept')),
      error        TEXT,
      updated_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX import_files_import ON import_files (import_id, id);

    -- Duplicate check before copying: hashed assets of one size. Partial, so the scanner's
    -- inserts (sha256 still NULL) never touch it.
    CREATE INDEX assets_hashed_size ON assets (size) WHERE sha256 IS NOT NULL;
  `)
}

import type Database from 'better-sqlite3'

/**
 * The seeds' remaining stages (issue 9 point 5):
 *
 * - `asset_colors`: each asset's palette (up to five colours, rank 0 the dominant one), with the
 *   colour in CIELAB and the Lab grid cell it falls in. The colour filter asks the cell index for
 *   the few cells within its distance, then checks the exact distance (docs/processing.md,
 *   "Colours").
 * - `roots.virus_scan`: the optional ClamAV stage, off by default, per root.
 * - `assets.verified_at` / `assets.integrity`: the bitrot check's schedule and finding
 *   (`ok`, `changed`; null until first verified). Assets hashed before this version count as
 *   verified when they were last updated, so an upgrade does not re-read a whole library at once.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE asset_colors (
      asset_id INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
      rank     INTEGER NOT NULL,
      rgb      INTEGER NOT NULL,
      share    REAL    NOT NULL,
      l        REAL    NOT NULL,
      a        REAL    NOT NULL,
      b        REAL    NOT NULL,
      cell     INTEGER NOT NULL,
      PRIMARY KEY (asset_id, rank)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX asset_colors_cell ON asset_colors (cell, asset_id);

    ALTER TABLE roots ADD COLUMN virus_scan INTEGER NOT NULL DEFAULT 0;

    ALTER TABLE assets ADD COLUMN verified_at INTEGER;
    ALTER TABLE assets ADD COLUMN integrity TEXT;
    UPDATE assets SET verified_at = updated_at WHERE sha256 IS NOT NULL;
    CREATE INDEX assets_verify_due ON assets (verified_at) WHERE status = 'ready';
    CREATE INDEX assets_integrity ON assets (integrity) WHERE integrity IS NOT NULL;
  `)
}

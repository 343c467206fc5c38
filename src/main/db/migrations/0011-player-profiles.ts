import type Database from 'better-sqlite3'

export function up(db: Database.Database): void {
  db.exec(`
    -- The player profile a collection is checked and exported against; 'fhd-h264' is the
    -- default profile (DEFAULT_PROFILE_ID). A custom profile's deletion sets it back.
    ALTER TABLE collections ADD COLUMN profile TEXT NOT NULL DEFAULT 'fhd-h264';

    -- Custom player profiles; the built-in ones live in code (export/profiles.ts).
    CREATE TABLE player_profiles (
      name         TEXT    PRIMARY KEY COLLATE NOCASE,
      max_width    INTEGER NOT NULL,
      max_height   INTEGER NOT NULL,
      level        TEXT    NOT NULL,
      max_bit_rate INTEGER NOT NULL,
      image_format TEXT    NOT NULL CHECK (image_format IN ('jpeg', 'png', 'webp')),
      created_at   INTEGER NOT NULL
    ) STRICT;
  `)
}

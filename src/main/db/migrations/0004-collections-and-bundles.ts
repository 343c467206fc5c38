import type Database from 'better-sqlite3'

export function up(db: Database.Database): void {
  db.exec(`
    -- Export renditions (converted images, remuxes, transcodes) are cached under the source's
    -- hash; what the player gets is named by the rendition's own hash.
    ALTER TABLE derivatives ADD COLUMN content_sha256 TEXT;

    -- Albums are unordered sets; playlists are ordered, with a duration per item.
    CREATE TABLE collections (
      id         INTEGER PRIMARY KEY,
      kind       TEXT    NOT NULL CHECK (kind IN ('album', 'playlist')),
      name       TEXT    NOT NULL COLLATE NOCASE,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (kind, name)
    ) STRICT;

    CREATE TABLE collection_items (
      id            INTEGER PRIMARY KEY,
      collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
      asset_id      INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
      position      INTEGER NOT NULL,
      duration_ms   INTEGER,           -- a playlist item's own duration; null = the default
      added_at      INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX collection_items_order ON collection_items (collection_id, position);
    CREATE INDEX collection_items_asset ON collection_items (asset_id);

    -- Export history: what went to which bundle, for the graph and "which bundles use this?".
    CREATE TABLE bundles (
      id          TEXT    PRIMARY KEY,     -- the manifest's bundleId
      parent_id   TEXT,
      name        TEXT    NOT NULL,
      dir         TEXT    NOT NULL,
      profile     TEXT    NOT NULL,
      objects     INTEGER NOT NULL,
      bytes       INTEGER NOT NULL,
      copied      INTEGER NOT NULL,
      skipped     INTEGER NOT NULL,
      transcoded  INTEGER NOT NULL,
      verified    INTEGER NOT NULL,
      duration_ms INTEGER NOT NULL,
      created_at  INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE bundle_items (
      bundle_id     TEXT    NOT NULL REFERENCES bundles (id) ON DELETE CASCADE,
      asset_id      INTEGER NOT NULL,  -- no foreign key: the history outlives the asset
      object_sha256 TEXT    NOT NULL,
      PRIMARY KEY (bundle_id, asset_id)
    ) STRICT;
    CREATE INDEX bundle_items_asset ON bundle_items (asset_id);
  `)
}

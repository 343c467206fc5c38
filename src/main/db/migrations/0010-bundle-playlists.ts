import type Database from 'better-sqlite3'

/**
 * The playlists (and albums) each bundle was made from, with a snapshot of their items at export
 * time, so the Exports view can say which bundles later edits made outdated and what changed.
 * Bundles exported before this version have no rows: they are shown without that verdict.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE bundle_playlists (
      bundle_id     TEXT    NOT NULL REFERENCES bundles (id) ON DELETE CASCADE,
      collection_id INTEGER NOT NULL,  -- no foreign key: the history outlives the playlist
      kind          TEXT    NOT NULL CHECK (kind IN ('album', 'playlist')),
      name          TEXT    NOT NULL,
      -- sha256 of items: equal fingerprints need no comparison item by item.
      fingerprint   TEXT    NOT NULL,
      -- JSON [{ "id": item id, "assetId", "sha256", "durationMs": what the player shows }]
      items         TEXT    NOT NULL,
      PRIMARY KEY (bundle_id, collection_id)
    ) STRICT;
    CREATE INDEX bundle_playlists_collection ON bundle_playlists (collection_id);
  `)
}

import type Database from 'better-sqlite3'

/**
 * Playlist items that are not library files (docs/decisions.md "Virtual playlist items"): a web
 * page (a URL with a duration) or an integration (its live data, exported as a snapshot). One
 * table keeps positions, durations, reorder and remove the same for every kind; `kind` says which
 * of asset_id, url and integration_id is set, and CHECKs hold exactly that one. SQLite cannot
 * drop a NOT NULL, so the table is rebuilt; ids and positions are copied unchanged.
 *
 * Integration media referenced by a playlist or a bundle stay in the cache (retention skips
 * referenced items); those references go with the playlist or the bundle row.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE collection_items_v10 (
      id             INTEGER PRIMARY KEY,
      collection_id  INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
      kind           TEXT    NOT NULL DEFAULT 'asset' CHECK (kind IN ('asset', 'url', 'integration')),
      asset_id       INTEGER REFERENCES assets (id) ON DELETE CASCADE,
      url            TEXT    CHECK (url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
      integration_id INTEGER REFERENCES integrations (id) ON DELETE CASCADE,
      position       INTEGER NOT NULL,
      duration_ms    INTEGER,
      added_at       INTEGER NOT NULL,
      CHECK ((kind = 'asset') = (asset_id IS NOT NULL)),
      CHECK ((kind = 'url') = (url IS NOT NULL)),
      CHECK ((kind = 'integration') = (integration_id IS NOT NULL))
    ) STRICT;
    INSERT INTO collection_items_v10 (id, collection_id, kind, asset_id, position, duration_ms, added_at)
      SELECT id, collection_id, 'asset', asset_id, position, duration_ms, added_at FROM collection_items;
    DROP TABLE collection_items;
    ALTER TABLE collection_items_v10 RENAME TO collection_items;
    CREATE INDEX collection_items_order ON collection_items (collection_id, position);
    CREATE INDEX collection_items_asset ON collection_items (asset_id);
    CREATE INDEX collection_items_integration ON collection_items (integration_id)
      WHERE integration_id IS NOT NULL;

    CREATE TRIGGER integration_refs_playlist_gone AFTER DELETE ON collections BEGIN
      DELETE FROM integration_media_refs
      WHERE owner_kind = 'playlist' AND owner_id = CAST(old.id AS TEXT);
    END;
    CREATE TRIGGER integration_refs_bundle_gone AFTER DELETE ON bundles BEGIN
      DELETE FROM integration_media_refs WHERE owner_kind = 'bundle' AND owner_id = old.id;
    END;
  `)
}

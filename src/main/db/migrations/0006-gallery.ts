import type Database from 'better-sqlite3'

/**
 * What the gallery needs: the date a photo was taken, tags, an index per sort order (keyset
 * paging walks an index; nothing sorts a million rows per page), and full-text search.
 *
 * Search is an FTS5 table, contentless (the text lives in `assets`) with `contentless_delete`
 * so rows can be replaced. Writing it inside the scanner's inserts made a cold index of a
 * million files five times slower (60 µs a row against 12), so new assets are found by
 * id (above `search_state.indexed_upto`), a trigger notes changed ones (`search_pending`), and
 * SearchIndexService indexes both in batches
 * (docs/decisions.md). Tags are not in it: tagging 100k assets would rewrite 100k rows; a
 * search matches tag names through `tags` instead.
 */

export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE assets ADD COLUMN taken_ms INTEGER;

    CREATE TABLE tags (
      id         INTEGER PRIMARY KEY,
      name       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE asset_tags (
      asset_id INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
      tag_id   INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      PRIMARY KEY (asset_id, tag_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX asset_tags_tag ON asset_tags (tag_id, asset_id);

    -- One index per gallery order; the expressions are exactly those the queries sort by.
    CREATE INDEX assets_name ON assets (name COLLATE NOCASE, id);
    CREATE INDEX assets_date ON assets (coalesce(taken_ms, mtime_ms), id);
    CREATE INDEX assets_size ON assets (size, id);
    CREATE INDEX assets_duration ON assets (coalesce(duration_ms, -1), id);
    CREATE INDEX assets_type_name ON assets (type, name COLLATE NOCASE, id);
    CREATE INDEX assets_rating ON assets (coalesce(rating, -1), id);
    -- Counts of the shape filters (orientation, size on screen, duration) read this, not rows.
    CREATE INDEX assets_shape ON assets (orientation, width, height, duration_ms);

    CREATE VIRTUAL TABLE assets_fts USING fts5 (
      name, folder, title, description, meta,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );
    -- What the search index has caught up with: every asset up to this id (new assets get
    -- higher ids, so inserting one costs nothing here), and older ones changed since.
    CREATE TABLE search_state (
      id           INTEGER PRIMARY KEY CHECK (id = 1),
      indexed_upto INTEGER NOT NULL
    ) STRICT;
    INSERT INTO search_state (id, indexed_upto) VALUES (1, 0);
    CREATE TABLE search_pending (asset_id INTEGER PRIMARY KEY) STRICT;

    CREATE TRIGGER search_pending_update AFTER UPDATE OF dir, name, title, description, metadata
      ON assets
    BEGIN
      INSERT OR IGNORE INTO search_pending (asset_id) VALUES (new.id);
    END;
    -- SQLite gives a new row the highest id plus one: when the highest row goes, the next new
    -- one may reuse its id, so the mark steps back below it.
    CREATE TRIGGER search_forget AFTER DELETE ON assets BEGIN
      DELETE FROM assets_fts WHERE rowid = old.id;
      DELETE FROM search_pending WHERE asset_id = old.id;
      UPDATE search_state SET indexed_upto = (SELECT coalesce(max(id), 0) FROM assets)
        WHERE indexed_upto >= old.id;
    END;
  `)
}

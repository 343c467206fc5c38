import type Database from 'better-sqlite3'

/**
 * What the gallery needs: the date a photo was taken, tags, an index per sort order (keyset
 * paging walks an index; nothing sorts a million rows per page), and full-text search.
 *
 * Search is an FTS5 table kept by triggers, contentless (the text lives in `assets`) with
 * `contentless_delete` so rows can be replaced. Tags are not in it on purpose: tagging 100k
 * assets would rewrite 100k FTS rows; a search matches tag names through `tags` instead.
 * Camera, lens and keywords come from the metadata JSON the metadata step writes.
 */
const META_TEXT = (row: 'new' | 'old'): string => `concat_ws(' ',
  json_extract(${row}.metadata, '$.exif.Make'), json_extract(${row}.metadata, '$.exif.Model'),
  json_extract(${row}.metadata, '$.exif.LensModel'), json_extract(${row}.metadata, '$.exif.Lens'),
  json_extract(${row}.metadata, '$.exif.Keywords'), json_extract(${row}.metadata, '$.exif.Subject'),
  json_extract(${row}.metadata, '$.exif.Artist'), json_extract(${row}.metadata, '$.pdf.author'))`

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
    INSERT INTO assets_fts (rowid, name, folder, title, description, meta)
      SELECT id, name, dir, title, description, ${META_TEXT('new').replaceAll('new.', '')}
      FROM assets;

    CREATE TRIGGER assets_fts_insert AFTER INSERT ON assets BEGIN
      INSERT INTO assets_fts (rowid, name, folder, title, description, meta)
      VALUES (new.id, new.name, new.dir, new.title, new.description, ${META_TEXT('new')});
    END;
    CREATE TRIGGER assets_fts_update AFTER UPDATE OF dir, name, title, description, metadata
      ON assets
      WHEN old.dir IS NOT new.dir OR old.name IS NOT new.name OR old.title IS NOT new.title
        OR old.description IS NOT new.description OR ${META_TEXT('old')} IS NOT ${META_TEXT('new')}
    BEGIN
      DELETE FROM assets_fts WHERE rowid = old.id;
      INSERT INTO assets_fts (rowid, name, folder, title, description, meta)
      VALUES (new.id, new.name, new.dir, new.title, new.description, ${META_TEXT('new')});
    END;
    CREATE TRIGGER assets_fts_delete AFTER DELETE ON assets BEGIN
      DELETE FROM assets_fts WHERE rowid = old.id;
    END;
  `)
}

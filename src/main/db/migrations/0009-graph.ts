import type Database from 'better-sqlite3'

/**
 * The graph's stored edges: only what nothing else records — the user's relations
 * (`related_to` and free names, with a note) and `replaces`. Structural relations (`contains`,
 * `duplicate_of`, `includes`, `exported_in`) are read from the tables that are their truth when
 * the graph is walked, so the scanner's inserts pay nothing and nothing can drift
 * (docs/decisions.md "The graph").
 *
 * Each end is kept as its node name (what walks join on) and split into kind, number and text
 * (what a walk continues from). Deleting what a node names deletes its edges; folders are paths
 * and have no row, so an edge to one waits for the folder to come back.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE links (
      id          INTEGER PRIMARY KEY,
      source      TEXT    NOT NULL,
      source_kind TEXT    NOT NULL,
      source_num  INTEGER NOT NULL,
      source_text TEXT    NOT NULL,
      target      TEXT    NOT NULL,
      target_kind TEXT    NOT NULL,
      target_num  INTEGER NOT NULL,
      target_text TEXT    NOT NULL,
      relation    TEXT    NOT NULL,
      weight      REAL    NOT NULL DEFAULT 1,
      note        TEXT,
      metadata    TEXT    NOT NULL DEFAULT '{}',
      created_at  INTEGER NOT NULL,
      UNIQUE (source, relation, target)
    ) STRICT;
    CREATE INDEX links_target ON links (target, relation);

    CREATE TRIGGER links_asset_gone AFTER DELETE ON assets BEGIN
      DELETE FROM links WHERE source = 'asset:' || old.id;
      DELETE FROM links WHERE target = 'asset:' || old.id;
    END;
    CREATE TRIGGER links_collection_gone AFTER DELETE ON collections BEGIN
      DELETE FROM links WHERE source = 'collection:' || old.id;
      DELETE FROM links WHERE target = 'collection:' || old.id;
    END;
    CREATE TRIGGER links_bundle_gone AFTER DELETE ON bundles BEGIN
      DELETE FROM links WHERE source = 'bundle:' || old.id;
      DELETE FROM links WHERE target = 'bundle:' || old.id;
    END;
    CREATE TRIGGER links_root_gone AFTER DELETE ON roots BEGIN
      DELETE FROM links WHERE source = 'root:' || old.id;
      DELETE FROM links WHERE target = 'root:' || old.id;
    END;
  `)
}

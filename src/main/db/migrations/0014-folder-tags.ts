import type Database from 'better-sqlite3'

// An asset's folder `d` lies under folder tag `f` (of the same root): '' is the whole root.
const UNDER = (d: string) =>
  `(f.dir = '' OR ${d} = f.dir OR substr(${d}, 1, length(f.dir) + 1) = f.dir || '/')`

/**
 * Tag propagation down `contains` (issue 12): a folder tag is a rule — every asset in the folder
 * and below carries the tag, those arriving later (scan, import, move) too. `asset_tags.via_folder`
 * marks the tags an asset carries only because of a folder, so removing the folder tag removes
 * those and never one set on the asset itself.
 *
 * Triggers apply the rule in the transaction that inserts or moves the asset. Each first asks
 * whether the asset's root has any folder tag (one probe of the primary key), so a scan of a
 * library without folder tags pays one index probe a file.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE folder_tags (
      root_id    INTEGER NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      dir        TEXT    NOT NULL,   -- relative, '/'-separated; '' is the root itself
      tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (root_id, dir, tag_id)
    ) STRICT, WITHOUT ROWID;

    ALTER TABLE asset_tags ADD COLUMN via_folder INTEGER NOT NULL DEFAULT 0;

    -- Migration 0009 drops links of a root that goes, not those of its folders.
    CREATE TRIGGER links_root_folders_gone AFTER DELETE ON roots BEGIN
      DELETE FROM links WHERE source_kind = 'folder' AND source_num = old.id;
      DELETE FROM links WHERE target_kind = 'folder' AND target_num = old.id;
    END;

    CREATE TRIGGER folder_tags_arrive AFTER INSERT ON assets
    WHEN EXISTS (SELECT 1 FROM folder_tags WHERE root_id = new.root_id)
    BEGIN
      INSERT OR IGNORE INTO asset_tags (asset_id, tag_id, via_folder)
        SELECT new.id, f.tag_id, 1 FROM folder_tags f
        WHERE f.root_id = new.root_id AND ${UNDER('new.dir')};
    END;

    CREATE TRIGGER folder_tags_move AFTER UPDATE OF root_id, dir ON assets
    WHEN (old.root_id <> new.root_id OR old.dir <> new.dir)
      AND EXISTS (SELECT 1 FROM folder_tags WHERE root_id IN (old.root_id, new.root_id))
    BEGIN
      DELETE FROM asset_tags WHERE asset_id = new.id AND via_folder = 1
        AND tag_id NOT IN (SELECT f.tag_id FROM folder_tags f
          WHERE f.root_id = new.root_id AND ${UNDER('new.dir')});
      INSERT OR IGNORE INTO asset_tags (asset_id, tag_id, via_folder)
        SELECT new.id, f.tag_id, 1 FROM folder_tags f
        WHERE f.root_id = new.root_id AND ${UNDER('new.dir')};
    END;
  `)
}

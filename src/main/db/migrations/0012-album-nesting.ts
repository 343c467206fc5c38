import type Database from 'better-sqlite3'

/**
 * Albums nest (a parent album) and have a cover (an asset they hold; null = their first item).
 * Deleting a parent does not delete its sub-albums: the service moves them up a level first,
 * and SET NULL is the backstop. Cycles are refused by the service, which walks the parents.
 */
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE collections ADD COLUMN parent_id INTEGER
      REFERENCES collections (id) ON DELETE SET NULL;
    ALTER TABLE collections ADD COLUMN cover_asset_id INTEGER
      REFERENCES assets (id) ON DELETE SET NULL;
    CREATE INDEX collections_parent ON collections (parent_id);
  `)
}

import type Database from 'better-sqlite3'

/**
 * The gallery's name orders are indexed on `lower(name)` instead of `name COLLATE NOCASE`: the
 * same order (SQLite's NOCASE and its built-in lower() both fold ASCII letters only, and compare
 * bytes otherwise), but an index build compares plain bytes instead of folding both names at
 * every comparison. A first scan builds both indexes after its inserts (DeferredIndexesRepository),
 * on its critical path: ~20-30 ms less per 100k files (docs/indexing.md, "Speed", round 7). The
 * gallery's keys (gallery-sql.ts) changed with them, so its queries keep using them. A library
 * whose bulk load was interrupted keeps a note with the old definitions: restoring skips an
 * index that exists, and this builds them.
 */
export function up(db: Database.Database): void {
  db.exec(`
    DROP INDEX IF EXISTS assets_name;
    DROP INDEX IF EXISTS assets_type_name;
    CREATE INDEX assets_name ON assets (lower(name), id);
    CREATE INDEX assets_type_name ON assets (type, lower(name), id);
  `)
}

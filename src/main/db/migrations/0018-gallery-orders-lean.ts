import type Database from 'better-sqlite3'

/**
 * The gallery's order indexes, leaner to build and to keep (docs/indexing.md, "Speed", round 7):
 *
 * - The name orders are on `lower(name)` instead of `name COLLATE NOCASE`: the same order
 *   (SQLite's NOCASE and its built-in lower() both fold ASCII letters only, and compare bytes
 *   otherwise), but building the index compares plain bytes instead of folding both names at
 *   every comparison. A first scan builds both after its inserts (DeferredIndexesRepository),
 *   on its critical path: ~20–25 ms less per 100k files. gallery-sql.ts sorts by the same
 *   expression, so its queries keep using them.
 * - No order index names `id` any more: every index entry ends with the rowid, which `id` is, so
 *   `(size, id)` stored the id twice and compared it twice; `(size)` gives the same order for
 *   `ORDER BY size, id` (test/unit/gallery-plans.test.ts proves the plans). Smaller entries for
 *   the six indexes a first scan fills or builds.
 *
 * A library whose bulk load was interrupted keeps a note with the old name definitions:
 * restoring skips an index that exists, and this builds them.
 */
export function up(db: Database.Database): void {
  db.exec(`
    DROP INDEX IF EXISTS assets_name;
    DROP INDEX IF EXISTS assets_type_name;
    DROP INDEX assets_date;
    DROP INDEX assets_size;
    DROP INDEX assets_duration;
    DROP INDEX assets_rating;
    CREATE INDEX assets_name ON assets (lower(name));
    CREATE INDEX assets_type_name ON assets (type, lower(name));
    CREATE INDEX assets_date ON assets (coalesce(taken_ms, mtime_ms));
    CREATE INDEX assets_size ON assets (size);
    CREATE INDEX assets_duration ON assets (coalesce(duration_ms, -1));
    CREATE INDEX assets_rating ON assets (coalesce(rating, -1));
  `)
}

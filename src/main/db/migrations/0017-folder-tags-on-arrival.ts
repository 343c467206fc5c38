import type Database from 'better-sqlite3'

/**
 * Folder tags reach new assets from the code that inserts them (FolderTagsRepository,
 * arrivedAfter and arrived: once per batch) instead of an AFTER INSERT trigger. The trigger ran
 * for every row inserted, with a probe of folder_tags in its WHEN, and its presence made each
 * multi-row insert of a scan keep a statement journal: ~50 ms per 100k files of a cold index, in a library with no folder tag at
 * all (docs/indexing.md, "Speed", round 6). The trigger for moves stays: moves are few.
 */
export function up(db: Database.Database): void {
  db.exec('DROP TRIGGER folder_tags_arrive')
}

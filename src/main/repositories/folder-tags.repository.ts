import { transaction } from '../db/transaction'
import type { Db } from '../db/connection'

// Assets of folder @dir in root @root and below ('' is the whole root), through the
// (root_id, dir, name) index as graph/impact-sql.ts's IN_FOLDER does.
const IN_FOLDER = `a.root_id = @root AND (@dir = '' OR (a.dir >= @dir AND a.dir < @dir || '0'
  AND (a.dir = @dir OR substr(a.dir, 1, length(@dir) + 1) = @dir || '/')))`

// Folder tag `f` covers asset `a` of the same root: its folder is `f.dir` or below ('' is all).
const UNDER = "(f.dir = '' OR a.dir = f.dir OR substr(a.dir, 1, length(f.dir) + 1) = f.dir || '/')"

// Some folder tag of the same tag covers asset `a`.
const COVERED = `EXISTS (SELECT 1 FROM folder_tags f WHERE f.tag_id = @tag AND f.root_id = a.root_id
  AND ${UNDER})`

// Assets that just arrived get what their root's folder tags hand down. The new rows drive the
// join (by rowid: CROSS JOIN keeps them outer, unary plus keeps the root's index out), each
// looking up its root's folder tags by primary key.
const ARRIVED = `INSERT OR IGNORE INTO asset_tags (asset_id, tag_id, via_folder)
  SELECT a.id, f.tag_id, 1 FROM assets a CROSS JOIN folder_tags f
  WHERE f.root_id = a.root_id AND ${UNDER} AND +a.root_id = @rootId`

/** Folder tags (migration 0010) and the tags they hand down to assets (`via_folder`). */
export class FolderTagsRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      add: db.prepare<{ root: number; dir: string; tag: number; now: number }>(
        `INSERT OR IGNORE INTO folder_tags (root_id, dir, tag_id, created_at)
         VALUES (@root, @dir, @tag, @now)`,
      ),
      remove: db.prepare<{ root: number; dir: string; tag: number }>(
        'DELETE FROM folder_tags WHERE root_id = @root AND dir = @dir AND tag_id = @tag',
      ),
      handDown: db.prepare<{ root: number; dir: string; tag: number }>(
        `INSERT OR IGNORE INTO asset_tags (asset_id, tag_id, via_folder)
         SELECT a.id, @tag, 1 FROM assets a WHERE ${IN_FOLDER}`,
      ),
      takeBack: db.prepare<{ root: number; dir: string; tag: number }>(
        `DELETE FROM asset_tags WHERE tag_id = @tag AND via_folder = 1 AND asset_id IN (
           SELECT a.id FROM assets a WHERE ${IN_FOLDER} AND NOT ${COVERED})`,
      ),
      ofFolder: db.prepare<{ root: number; dir: string }, { name: string }>(
        `SELECT t.name FROM folder_tags f JOIN tags t ON t.id = f.tag_id
         WHERE f.root_id = @root AND f.dir = @dir ORDER BY t.name`,
      ),
      anyInRoot: db.prepare<[number], { one: number }>(
        'SELECT 1 AS one FROM folder_tags WHERE root_id = ? LIMIT 1',
      ),
      arrivedAfter: db.prepare<{ rootId: number; after: number }>(`${ARRIVED} AND a.id > @after`),
      arrivedOne: db.prepare<{ rootId: number; id: number }>(`${ARRIVED} AND a.id = @id`),
      dropHandedDown: db.prepare('DELETE FROM asset_tags WHERE via_folder = 1'),
      handDownAll: db.prepare(
        `INSERT OR IGNORE INTO asset_tags (asset_id, tag_id, via_folder)
         SELECT a.id, f.tag_id, 1 FROM folder_tags f JOIN assets a ON a.root_id = f.root_id
           AND (f.dir = '' OR (a.dir >= f.dir AND a.dir < f.dir || '0'
             AND (a.dir = f.dir OR substr(a.dir, 1, length(f.dir) + 1) = f.dir || '/')))`,
      ),
    }
  }

  transaction<T>(work: () => T): T {
    return transaction(this.db, work)
  }

  /** Tags the folder; answers how many of its assets gained the tag. */
  add(root: number, dir: string, tag: number, now: number): number {
    this.s.add.run({ root, dir, tag, now })
    return this.s.handDown.run({ root, dir, tag }).changes
  }

  /** Untags the folder; answers how many assets lost the tag it had handed down. */
  remove(root: number, dir: string, tag: number): number {
    this.s.remove.run({ root, dir, tag })
    return this.s.takeBack.run({ root, dir, tag }).changes
  }

  ofFolder(root: number, dir: string): string[] {
    return this.s.ofFolder.all({ root, dir }).map((r) => r.name)
  }

  /**
   * New assets of `rootId` (ids above `after`) get what its folder tags hand down, in the
   * inserting transaction (the scanner's batches; migration 0017 dropped the per-row trigger).
   * A root without folder tags costs one probe.
   */
  arrivedAfter(rootId: number, after: number): void {
    if (this.s.anyInRoot.get(rootId)) this.s.arrivedAfter.run({ rootId, after })
  }

  /** The same for one asset just inserted (or found again) in `rootId` (an import's file). */
  arrived(rootId: number, id: number): void {
    if (this.s.anyInRoot.get(rootId)) this.s.arrivedOne.run({ rootId, id })
  }

  /** Recomputes every handed-down tag from the folder tags (graph rebuild). */
  rebuild(): { removed: number; added: number } {
    const removed = this.s.dropHandedDown.run().changes
    const added = this.s.handDownAll.run().changes
    return { removed, added }
  }
}

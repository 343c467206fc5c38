import type { Db } from '../db/connection'

/** An asset of folder `a.dir` lies under folder tag `f` (same root); '' is the whole root. */
const UNDER = "(f.dir = '' OR a.dir = f.dir OR substr(a.dir, 1, length(f.dir) + 1) = f.dir || '/')"

// The new rows drive the join (by rowid: CROSS JOIN keeps them outer, `+` keeps the root's
// index out), each looking up its root's folder tags by primary key.
const TAG = `INSERT OR IGNORE INTO asset_tags (asset_id, tag_id, via_folder)
  SELECT a.id, f.tag_id, 1 FROM assets a CROSS JOIN folder_tags f
  WHERE f.root_id = a.root_id AND ${UNDER} AND +a.root_id = @rootId`

/**
 * The folder-tag rule for assets that arrive (migration 0014: every asset in a tagged folder and
 * below carries the tag): applied by the code that inserts them, in its transaction. A root
 * without folder tags costs one probe per call, not one per row as the trigger it replaces did
 * (migration 0017). Moves keep their trigger (folder_tags_move).
 */
export class FolderTagArrivals {
  private readonly s

  constructor(db: Db) {
    this.s = {
      any: db.prepare<[number], { one: number }>(
        'SELECT 1 AS one FROM folder_tags WHERE root_id = ? LIMIT 1',
      ),
      after: db.prepare<{ rootId: number; after: number }>(`${TAG} AND a.id > @after`),
      one: db.prepare<{ rootId: number; id: number }>(`${TAG} AND a.id = @id`),
    }
  }

  /** Rows just inserted into `rootId`: every one with an id above `after`. */
  arrivedAfter(rootId: number, after: number): void {
    if (this.s.any.get(rootId)) this.s.after.run({ rootId, after })
  }

  /** One row just inserted (or found again) in `rootId`. */
  arrived(rootId: number, id: number): void {
    if (this.s.any.get(rootId)) this.s.one.run({ rootId, id })
  }
}

import type { Db } from '../db/connection'
import type { CollectionLook } from './collections.repository'

/** Sub-albums are followed this deep at most (a guard, should a cycle ever be stored). */
const MAX_DEPTH = 32

/** Albums' nesting and covers, and the few hashes a collection's collage is drawn from. */
export class AlbumTreeRepository {
  private readonly s

  constructor(db: Db) {
    this.s = {
      parentOf: db.prepare<[number], { parent_id: number | null }>(
        'SELECT parent_id FROM collections WHERE id = ?',
      ),
      setParent: db.prepare<[number | null, number, number]>(
        'UPDATE collections SET parent_id = ?, updated_at = ? WHERE id = ?',
      ),
      reparent: db.prepare<[number | null, number]>(
        'UPDATE collections SET parent_id = ? WHERE parent_id = ?',
      ),
      setCover: db.prepare<[number | null, number, number]>(
        'UPDATE collections SET cover_asset_id = ?, updated_at = ? WHERE id = ?',
      ),
      // Its own items first, then its sub-albums' (nearest first): a parent that only holds
      // albums still shows what is in them.
      preview: db.prepare<[number], { sha256: string }>(
        `WITH RECURSIVE tree (id, depth) AS (
           SELECT ?, 0
           UNION SELECT c.id, t.depth + 1 FROM collections c JOIN tree t ON c.parent_id = t.id
           WHERE t.depth < ${MAX_DEPTH}
         )
         SELECT a.sha256 FROM tree t
         JOIN collection_items i ON i.collection_id = t.id
         JOIN assets a ON a.id = i.asset_id
         WHERE a.sha256 IS NOT NULL
         ORDER BY t.depth, t.id, i.position, i.id LIMIT 4`,
      ),
      cover: db.prepare<[number, number], { sha256: string | null }>(
        `SELECT a.sha256 FROM collection_items i JOIN assets a ON a.id = i.asset_id
         WHERE i.collection_id = ? AND i.asset_id = ? LIMIT 1`,
      ),
    }
  }

  parentOf(id: number): number | null {
    return this.s.parentOf.get(id)?.parent_id ?? null
  }

  setParent(id: number, parentId: number | null, now: number): void {
    this.s.setParent.run(parentId, now, id)
  }

  /** Moves an album's sub-albums to `parentId` (before the album itself is deleted). */
  reparentChildren(id: number, parentId: number | null): void {
    this.s.reparent.run(parentId, id)
  }

  setCover(id: number, assetId: number | null, now: number): void {
    this.s.setCover.run(assetId, now, id)
  }

  /** The cover shown: the chosen asset while the collection still holds it, else the first. */
  look(id: number, coverAssetId: number | null): CollectionLook {
    const preview = this.s.preview.all(id).map((r) => r.sha256)
    const chosen = coverAssetId === null ? undefined : this.s.cover.get(id, coverAssetId)
    return { coverSha256: chosen?.sha256 ?? preview[0] ?? null, preview }
  }
}

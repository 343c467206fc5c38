import { transaction } from '../db/transaction'
import type { CollectionKind } from '../../shared/domain'
import type { Db } from '../db/connection'

export interface HeldItem {
  itemId: number
  collectionId: number
  kind: CollectionKind
  name: string
}

/**
 * The SQL of "replace content" (issue 12): every collection item that holds one asset is
 * pointed at another, in place (position and duration stay), and a `replaces` edge records it.
 */
export class ReplaceRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      held: db.prepare<[number], HeldItem>(
        `SELECT i.id AS itemId, c.id AS collectionId, c.kind, c.name
         FROM collection_items i JOIN collections c ON c.id = i.collection_id
         WHERE i.asset_id = ? ORDER BY c.kind, c.name, i.position`,
      ),
      albumHas: db.prepare<[number, number], { one: number }>(
        'SELECT 1 AS one FROM collection_items WHERE collection_id = ? AND asset_id = ?',
      ),
      point: db.prepare<[number, number]>('UPDATE collection_items SET asset_id = ? WHERE id = ?'),
      drop: db.prepare<[number]>('DELETE FROM collection_items WHERE id = ?'),
      touch: db.prepare<[number, number]>('UPDATE collections SET updated_at = ? WHERE id = ?'),
    }
  }

  /** Collection items holding the asset, collection by collection. */
  held(assetId: number): HeldItem[] {
    return this.s.held.all(assetId)
  }

  /**
   * Points every item of `oldId` at `newId` and touches each collection (exports compare its
   * `updated_at`); an album that already holds the new asset loses the old item instead (an
   * album is a set). `record` runs in the same transaction (the `replaces` edge).
   */
  replace<T>(
    oldId: number,
    newId: number,
    now: number,
    record: () => T,
  ): {
    items: HeldItem[]
    record: T
  } {
    return transaction(this.db, () => {
      const items = this.held(oldId)
      const touched = new Set<number>()
      for (const item of items) {
        if (item.kind === 'album' && this.s.albumHas.get(item.collectionId, newId))
          this.s.drop.run(item.itemId)
        else this.s.point.run(newId, item.itemId)
        touched.add(item.collectionId)
      }
      for (const id of touched) this.s.touch.run(now, id)
      return { items, record: record() }
    })
  }
}

import { transaction } from '../db/transaction'
import type {
  AssetStatus,
  AssetType,
  Collection,
  CollectionKind,
  PlaylistItemKind,
} from '../../shared/domain'
import type { IntegrationKind, IntegrationStatus } from '../../shared/integrations'
import type { Db } from '../db/connection'

export interface CollectionRow {
  id: number
  kind: CollectionKind
  name: string
  item_count: number
  profile: string
  created_at: number
  updated_at: number
  parent_id: number | null
  cover_asset_id: number | null
}

/** What a collection row is shown with besides its own columns. */
export interface CollectionLook {
  coverSha256: string | null
  preview: string[]
}

export interface ItemRow {
  id: number
  kind: PlaylistItemKind
  assetId: number | null
  url: string | null
  integrationId: number | null
  integrationKind: IntegrationKind | null
  integrationStatus: IntegrationStatus | null
  integrationStaleSince: number | null
  integrationHasData: number
  position: number
  durationMs: number | null
  name: string
  type: AssetType | 'url' | 'integration'
  status: AssetStatus
  assetDurationMs: number | null
  sha256: string | null
  offline: number
  error: string | null
}

export type VirtualItemRow =
  | { kind: 'url'; url: string; durationMs: number | null }
  | { kind: 'integration'; integrationId: number; durationMs: number | null }

const SELECT = `SELECT c.id, c.kind, c.name, c.profile, c.created_at, c.updated_at, c.parent_id,
  c.cover_asset_id,
  (SELECT count(*) FROM collection_items i WHERE i.collection_id = c.id) AS item_count
  FROM collections c`

export class CollectionsRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      list: db.prepare<[string], CollectionRow>(`${SELECT} WHERE c.kind = ? ORDER BY c.name`),
      byName: db.prepare<[string, string], CollectionRow>(
        `${SELECT} WHERE c.kind = ? AND c.name = ?`,
      ),
      byId: db.prepare<[number], CollectionRow>(`${SELECT} WHERE c.id = ?`),
      create: db.prepare<[string, string, number, number]>(
        'INSERT INTO collections (kind, name, created_at, updated_at) VALUES (?, ?, ?, ?)',
      ),
      remove: db.prepare<[number]>('DELETE FROM collections WHERE id = ?'),
      touch: db.prepare<[number, number]>('UPDATE collections SET updated_at = ? WHERE id = ?'),
      // What each item plays for, summed per collection in SQL (collections.service.ts's
      // effectiveDuration, the same rule): listing never reads every item of every collection.
      durations: db.prepare<[number, number | null, number | null], { id: number; ms: number }>(
        `SELECT i.collection_id AS id, sum(CASE
             WHEN i.duration_ms IS NOT NULL THEN i.duration_ms
             WHEN a.type IN ('video', 'audio') AND a.duration_ms > 0 THEN a.duration_ms
             ELSE ? END) AS ms
         FROM collection_items i JOIN collections c ON c.id = i.collection_id
         LEFT JOIN assets a ON a.id = i.asset_id
         WHERE (? IS NULL OR c.id = ?) GROUP BY i.collection_id`,
      ),
      items: db.prepare<[number], ItemRow>(
        // Web page and integration items have no asset: their name and type come from the URL
        // and the integration, and they count as ready (problems are the integration's status).
        `SELECT i.id, i.kind, i.asset_id AS assetId, i.url, i.integration_id AS integrationId,
           n.kind AS integrationKind, n.status AS integrationStatus,
           n.stale_since AS integrationStaleSince,
           (s.integration_id IS NOT NULL) AS integrationHasData,
           i.position, i.duration_ms AS durationMs,
           coalesce(a.name, i.url, n.name) AS name,
           CASE i.kind WHEN 'asset' THEN a.type ELSE i.kind END AS type,
           coalesce(a.status, 'ready') AS status, a.duration_ms AS assetDurationMs, a.sha256,
           a.error, coalesce(r.status = 'offline', 0) AS offline
         FROM collection_items i
         LEFT JOIN assets a ON a.id = i.asset_id LEFT JOIN roots r ON r.id = a.root_id
         LEFT JOIN integrations n ON n.id = i.integration_id
         LEFT JOIN integration_snapshots s ON s.integration_id = i.integration_id
         WHERE i.collection_id = ? ORDER BY i.position, i.id`,
      ),
      maxPosition: db.prepare<[number], { p: number | null }>(
        'SELECT max(position) AS p FROM collection_items WHERE collection_id = ?',
      ),
      hasAsset: db.prepare<[number, number], { one: number }>(
        'SELECT 1 AS one FROM collection_items WHERE collection_id = ? AND asset_id = ?',
      ),
      addItem: db.prepare<[number, number, number, number | null, number]>(
        'INSERT INTO collection_items (collection_id, asset_id, position, duration_ms, added_at) VALUES (?, ?, ?, ?, ?)',
      ),
      addVirtual: db.prepare<
        [number, PlaylistItemKind, string | null, number | null, number, number | null, number]
      >(
        `INSERT INTO collection_items (collection_id, kind, url, integration_id, position,
           duration_ms, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      integrationExists: db.prepare<[number], { one: number }>(
        'SELECT 1 AS one FROM integrations WHERE id = ?',
      ),
      rename: db.prepare<[string, number, number]>(
        'UPDATE collections SET name = ?, updated_at = ? WHERE id = ?',
      ),
      setPosition: db.prepare<[number, number, number]>(
        'UPDATE collection_items SET position = ? WHERE id = ? AND collection_id = ?',
      ),
      setDuration: db.prepare<[number | null, number, number]>(
        'UPDATE collection_items SET duration_ms = ? WHERE id = ? AND collection_id = ?',
      ),
      removeItem: db.prepare<[number, number]>(
        'DELETE FROM collection_items WHERE id = ? AND collection_id = ?',
      ),
      holding: db.prepare<[number], { id: number; kind: CollectionKind; name: string }>(
        `SELECT DISTINCT c.id, c.kind, c.name FROM collections c
         JOIN collection_items i ON i.collection_id = c.id WHERE i.asset_id = ? ORDER BY c.kind, c.name`,
      ),
    }
  }

  transaction<T>(work: () => T): T {
    return transaction(this.db, work)
  }

  list(kind: CollectionKind): CollectionRow[] {
    return this.s.list.all(kind)
  }

  byName(kind: CollectionKind, name: string): CollectionRow | undefined {
    return this.s.byName.get(kind, name)
  }

  byId(id: number): CollectionRow | undefined {
    return this.s.byId.get(id)
  }

  create(kind: CollectionKind, name: string, now: number): number {
    return Number(this.s.create.run(kind, name, now, now).lastInsertRowid)
  }

  remove(id: number): void {
    this.s.remove.run(id)
  }

  /** Each collection's total playing time (one, or all), by id; empty ones are not listed. */
  durations(defaultMs: number, id: number | null = null): Map<number, number> {
    return new Map(this.s.durations.all(defaultMs, id, id).map((r) => [r.id, r.ms]))
  }

  items(id: number): ItemRow[] {
    return this.s.items.all(id)
  }

  /** Appends items in order; albums skip assets they already hold. */
  add(
    collection: CollectionRow,
    assetIds: number[],
    durationMs: number | null,
    now: number,
  ): number {
    return this.transaction(() => {
      let position = (this.s.maxPosition.get(collection.id)!.p ?? 0) + 1
      let added = 0
      for (const assetId of assetIds) {
        if (collection.kind === 'album' && this.s.hasAsset.get(collection.id, assetId)) continue
        this.s.addItem.run(collection.id, assetId, position++, durationMs, now)
        added++
      }
      this.s.touch.run(now, collection.id)
      return added
    })
  }

  countMatching(filter: { where: string; params: Record<string, unknown> }): number {
    return (
      this.db
        .prepare(`SELECT count(*) AS n FROM assets a WHERE ${filter.where}`)
        .get(filter.params) as { n: number }
    ).n
  }

  /**
   * Appends every asset a gallery filter matches, in the gallery's order, in one statement: a
   * select-all over a large library never becomes a list of ids. Albums skip what they hold.
   */
  addMatching(
    collection: CollectionRow,
    filter: { where: string; params: Record<string, unknown>; orderBy: string },
    durationMs: number | null,
    now: number,
  ): number {
    return this.transaction(() => {
      const skipHeld =
        collection.kind === 'album'
          ? 'AND NOT EXISTS (SELECT 1 FROM collection_items h WHERE h.collection_id = @cid AND h.asset_id = a.id)'
          : ''
      const added = this.db
        .prepare(
          `INSERT INTO collection_items (collection_id, asset_id, position, duration_ms, added_at)
           SELECT @cid, a.id, @base + row_number() OVER (ORDER BY ${filter.orderBy}), @duration, @now
           FROM assets a WHERE (${filter.where}) ${skipHeld}`,
        )
        .run({
          ...filter.params,
          cid: collection.id,
          base: this.s.maxPosition.get(collection.id)!.p ?? 0,
          duration: durationMs,
          now,
        }).changes
      this.s.touch.run(now, collection.id)
      return added
    })
  }

  /** Appends web page and integration items to a playlist, in order. */
  addVirtual(collectionId: number, items: VirtualItemRow[], now: number): void {
    this.transaction(() => {
      let position = (this.s.maxPosition.get(collectionId)!.p ?? 0) + 1
      for (const item of items) {
        this.s.addVirtual.run(
          collectionId,
          item.kind,
          item.kind === 'url' ? item.url : null,
          item.kind === 'integration' ? item.integrationId : null,
          position++,
          item.durationMs,
          now,
        )
      }
      this.s.touch.run(now, collectionId)
    })
  }

  integrationExists(id: number): boolean {
    return this.s.integrationExists.get(id) !== undefined
  }

  holding(assetId: number): Array<{ id: number; kind: CollectionKind; name: string }> {
    return this.s.holding.all(assetId)
  }

  rename(id: number, name: string, now: number): void {
    this.s.rename.run(name, now, id)
  }

  /** Positions 1…n in the order given; the caller passes every item of the collection. */
  reorder(id: number, itemIds: number[], now: number): void {
    this.transaction(() => {
      itemIds.forEach((itemId, index) => this.s.setPosition.run(index + 1, itemId, id))
      this.s.touch.run(now, id)
    })
  }

  setDuration(id: number, itemIds: number[], durationMs: number | null, now: number): void {
    this.transaction(() => {
      for (const itemId of itemIds) this.s.setDuration.run(durationMs, itemId, id)
      this.s.touch.run(now, id)
    })
  }

  removeItems(id: number, itemIds: number[], now: number): void {
    this.transaction(() => {
      for (const itemId of itemIds) this.s.removeItem.run(itemId, id)
      this.s.touch.run(now, id)
    })
  }
}

export function toCollection(
  row: CollectionRow,
  durationMs: number,
  look: CollectionLook = { coverSha256: null, preview: [] },
): Collection {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    itemCount: row.item_count,
    durationMs,
    profile: row.profile,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    parentId: row.parent_id,
    coverAssetId: row.cover_asset_id,
    coverSha256: look.coverSha256,
    preview: look.preview,
  }
}

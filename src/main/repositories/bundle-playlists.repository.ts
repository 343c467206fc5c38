import type { CollectionKind } from '../../shared/domain'
import type { Db } from '../db/connection'
import type { SnapshotItem } from '../export/playlist-diff'

export interface PlaylistSnapshot {
  collectionId: number
  kind: CollectionKind
  name: string
  fingerprint: string
  items: SnapshotItem[]
}

interface Row {
  bundle_id: string
  collection_id: number
  kind: CollectionKind
  name: string
  fingerprint: string
  items: string
}

/** The playlists each bundle was made from, as they were at export time (migration 0010). */
export class BundlePlaylistsRepository {
  private readonly s

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT OR REPLACE INTO bundle_playlists
           (bundle_id, collection_id, kind, name, fingerprint, items)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      all: db.prepare<[], Row>('SELECT * FROM bundle_playlists ORDER BY bundle_id, name'),
    }
  }

  record(bundleId: string, snapshots: PlaylistSnapshot[]): void {
    for (const p of snapshots)
      this.s.insert.run(
        bundleId,
        p.collectionId,
        p.kind,
        p.name,
        p.fingerprint,
        JSON.stringify(p.items),
      )
  }

  /** Every bundle's snapshots, by bundle id. */
  byBundle(): Map<string, PlaylistSnapshot[]> {
    const map = new Map<string, PlaylistSnapshot[]>()
    for (const row of this.s.all.all()) {
      const list = map.get(row.bundle_id) ?? []
      list.push({
        collectionId: row.collection_id,
        kind: row.kind,
        name: row.name,
        fingerprint: row.fingerprint,
        items: JSON.parse(row.items) as SnapshotItem[],
      })
      map.set(row.bundle_id, list)
    }
    return map
  }
}

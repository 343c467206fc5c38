import { transaction } from '../db/transaction'
import type { BundleRecord } from '../../shared/domain'
import type { Db } from '../db/connection'

interface BundleRow {
  id: string
  parent_id: string | null
  name: string
  dir: string
  profile: string
  objects: number
  bytes: number
  copied: number
  skipped: number
  transcoded: number
  verified: number
  duration_ms: number
  created_at: number
}

/** Export history. */
export class BundlesRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO bundles (id, parent_id, name, dir, profile, objects, bytes, copied, skipped,
           transcoded, verified, duration_ms, created_at)
         VALUES (@bundleId, @parentBundleId, @name, @dir, @profile, @objects, @bytes, @copied,
           @skipped, @transcoded, @verified, @durationMs, @createdAt)`,
      ),
      item: db.prepare<[string, number, string]>(
        'INSERT OR IGNORE INTO bundle_items (bundle_id, asset_id, object_sha256) VALUES (?, ?, ?)',
      ),
      list: db.prepare<[], BundleRow>('SELECT * FROM bundles ORDER BY created_at DESC'),
      exportedIn: db.prepare<[number], { id: string; name: string; dir: string }>(
        `SELECT b.id, b.name, b.dir FROM bundle_items i JOIN bundles b ON b.id = i.bundle_id
         WHERE i.asset_id = ? ORDER BY b.created_at DESC, b.id`,
      ),
    }
  }

  record(bundle: BundleRecord, items: Array<{ assetId: number; sha256: string }>): void {
    transaction(this.db, () => {
      this.s.insert.run({ ...bundle, verified: bundle.verified ? 1 : 0 })
      for (const item of items) this.s.item.run(bundle.bundleId, item.assetId, item.sha256)
    })
  }

  /** The bundles an asset was exported in, newest first. */
  exportedIn(assetId: number): Array<{ id: string; name: string; dir: string }> {
    return this.s.exportedIn.all(assetId)
  }

  list(): BundleRecord[] {
    return this.s.list.all().map(toRecord)
  }
}

function toRecord(row: BundleRow): BundleRecord {
  return {
    bundleId: row.id,
    parentBundleId: row.parent_id,
    name: row.name,
    dir: row.dir,
    profile: row.profile,
    objects: row.objects,
    bytes: row.bytes,
    copied: row.copied,
    skipped: row.skipped,
    transcoded: row.transcoded,
    verified: row.verified === 1,
    durationMs: row.duration_ms,
    createdAt: row.created_at,
  }
}

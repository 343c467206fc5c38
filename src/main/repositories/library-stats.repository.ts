import type { AssetStats } from '../../shared/domain'
import type { Db } from '../db/connection'

/** Counts over the whole library, each answered from an index (no table scan). */
export class LibraryStatsRepository {
  private readonly s

  constructor(db: Db) {
    this.s = {
      byStatus: db.prepare<[], { key: string; n: number }>(
        'SELECT status AS key, count(*) AS n FROM assets GROUP BY status',
      ),
      byType: db.prepare<[], { key: string; n: number }>(
        'SELECT type AS key, count(*) AS n FROM assets GROUP BY type',
      ),
      byRoot: db.prepare<[], { key: number; n: number }>(
        'SELECT root_id AS key, count(*) AS n FROM assets GROUP BY root_id',
      ),
      folders: db.prepare<[number], { key: string; n: number }>(
        'SELECT dir AS key, count(*) AS n FROM assets WHERE root_id = ? GROUP BY dir',
      ),
    }
  }

  stats(rootId?: number): AssetStats {
    const byStatus = Object.fromEntries(this.s.byStatus.all().map((r) => [r.key, r.n]))
    return {
      total: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
      byStatus,
      byType: Object.fromEntries(this.s.byType.all().map((r) => [r.key, r.n])),
      byRoot: Object.fromEntries(this.s.byRoot.all().map((r) => [r.key, r.n])),
      byFolder: rootId === undefined ? null : this.folderCounts(rootId),
    }
  }

  /** Assets directly in each folder of a root ('' is the root itself). */
  folderCounts(rootId: number): Record<string, number> {
    return Object.fromEntries(this.s.folders.all(rootId).map((r) => [r.key, r.n]))
  }
}

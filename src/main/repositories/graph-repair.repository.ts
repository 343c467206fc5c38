import { transaction } from '../db/transaction'
import type { Db } from '../db/connection'

// An end of a link names something that is gone. Folders have no row: a link to one waits for
// the folder to come back, so only a folder whose root is gone is an orphan. A rendition waits
// too (processing or the next export makes it again, under the same name).
const GONE = (end: 'source' | 'target') => `
  (${end}_kind = 'asset' AND NOT EXISTS (SELECT 1 FROM assets WHERE id = ${end}_num))
  OR (${end}_kind = 'integration'
    AND NOT EXISTS (SELECT 1 FROM integrations WHERE id = ${end}_num))
  OR (${end}_kind = 'media'
    AND NOT EXISTS (SELECT 1 FROM integration_media WHERE sha256 = ${end}_text))
  OR (${end}_kind = 'collection' AND NOT EXISTS (SELECT 1 FROM collections WHERE id = ${end}_num))
  OR (${end}_kind = 'bundle' AND NOT EXISTS (SELECT 1 FROM bundles WHERE id = ${end}_text))
  OR (${end}_kind IN ('root', 'folder')
    AND NOT EXISTS (SELECT 1 FROM roots WHERE id = ${end}_num))`

/** What `graph rebuild` repairs in the stored part of the graph (the `links` table). */
export class GraphRepairRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      orphans: db.prepare(`DELETE FROM links WHERE ${GONE('source')} OR ${GONE('target')}`),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM links'),
    }
  }

  transaction<T>(work: () => T): T {
    return transaction(this.db, work)
  }

  /** Deletes links whose asset, collection, bundle or root is gone; answers how many. */
  dropOrphans(): number {
    return this.s.orphans.run().changes
  }

  links(): number {
    return this.s.count.get()!.n
  }
}

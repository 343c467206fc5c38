import type Database from 'better-sqlite3'
import type { Db } from '../db/connection'
import type { ImpactResult } from '../../shared/graph'

/** Which collections hold an integration's live items (collection_items.kind = 'integration'). */
export class IntegrationUsageRepository {
  private readonly s: Database.Statement<[number], ImpactResult['collections'][number]>

  constructor(db: Db) {
    // Read through the partial index collection_items_integration.
    this.s = db.prepare(
      `SELECT c.id, c.name, c.kind FROM collections c
       WHERE c.id IN (SELECT ci.collection_id FROM collection_items ci WHERE ci.integration_id = ?)
       ORDER BY c.kind DESC, c.name`,
    )
  }

  collections(integrationId: number): ImpactResult['collections'] {
    return this.s.all(integrationId)
  }
}

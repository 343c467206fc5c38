import { transaction } from '../db/transaction'
import type { Db } from '../db/connection'
import { JobName } from '../jobs/job-names'

const CHUNK = 5000

/**
 * Gives discovered assets their first processing job and marks them queued, a few thousand per
 * transaction, so queueing 100k new files never holds the database (or a thread) for long.
 * Used by the scan worker for its root, and by the job service for every root.
 */
export class DiscoveredQueue {
  private readonly s

  /** Every statement's SQL, for EXPLAIN QUERY PLAN in tests. */
  get statements(): string[] {
    return Object.values(this.s).map((statement) => statement.source)
  }

  constructor(private readonly db: Db) {
    this.s = {
      roots: db.prepare<[], { rootId: number }>(
        "SELECT DISTINCT root_id AS rootId FROM assets WHERE status = 'discovered'",
      ),
      chunkEnd: db.prepare<[number, number, number], { last: number | null }>(
        `SELECT max(id) AS last FROM (SELECT id FROM assets
           WHERE root_id = ? AND status = 'discovered' AND id > ? ORDER BY id LIMIT ?)`,
      ),
      jobs: db.prepare<[string, number, number, number, number, number, number]>(
        `INSERT INTO jobs (kind, asset_id, priority, status, created_at, updated_at)
         SELECT ?, id, ?, 'queued', ?, ? FROM assets
         WHERE root_id = ? AND status = 'discovered' AND id > ? AND id <= ?
         ON CONFLICT (asset_id, kind) DO UPDATE SET status = 'queued', attempts = 0,
           last_error = NULL, run_after = 0, priority = max(priority, excluded.priority),
           updated_at = excluded.updated_at`,
      ),
      backlog: db.prepare<[number, number, number, number, number]>(
        `INSERT INTO job_backlog (root_id, scan_id, after_id, last_id, priority, created_at)
         VALUES (?, ?, ?, ?, 0, ?)`,
      ),
      mark: db.prepare<[number, number, number, number]>(
        `UPDATE assets SET status = 'queued', error = NULL, updated_at = ?
         WHERE root_id = ? AND status = 'discovered' AND id > ? AND id <= ?`,
      ),
    }
  }

  /**
   * Queues the rows a scan just inserted as `queued` (ids `after` < id <= `last`, see
   * AssetIndexRepository.insertAll) in the caller's transaction, as one backlog entry rather
   * than a job row each: rows and entry are committed together, so a crash never leaves a queued
   * asset the queue does not know of. The queue turns the entry into job rows when it needs work
   * (JobsRepository.next).
   */
  queueAdded(rootId: number, after: number, last: number, scanId: number, now: number): void {
    if (last > after) this.s.backlog.run(rootId, scanId, after, last, now)
  }

  /** Queues the discovered assets of one root (or of every root); returns how many. */
  queue(rootId: number | null, priority: number, now: number): number {
    const roots = rootId === null ? this.s.roots.all().map((r) => r.rootId) : [rootId]
    let queued = 0
    for (const root of roots) {
      for (let after = 0; ;) {
        const last = this.s.chunkEnd.get(root, after, CHUNK)?.last
        if (last === null || last === undefined) break
        queued += transaction(this.db, () => {
          this.s.jobs.run(JobName.AssetIdentify, priority, now, now, root, after, last)
          return this.s.mark.run(now, root, after, last).changes
        })
        after = last
      }
    }
    return queued
  }
}

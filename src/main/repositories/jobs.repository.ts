import { transaction } from '../db/transaction'
import type { Db } from '../db/connection'
import { JobName } from '../jobs/job-names'

export interface JobRow {
  id: number
  kind: JobName
  assetId: number
  priority: number
  attempts: number
}

const JOB_COLUMNS = 'id, kind, asset_id AS assetId, priority, attempts'

/**
 * The persistent queue. Every statement is prepared once. Statements about one asset write
 * `+status` so SQLite looks the asset up by jobs_one_per_step instead of walking every job of a
 * status (a million queued jobs made each such call a full index scan).
 */
export class JobsRepository {
  private readonly s

  /** Every statement's SQL, for EXPLAIN QUERY PLAN in tests. */
  get statements(): string[] {
    return Object.values(this.s).map((statement) => statement.source)
  }

  constructor(private readonly db: Db) {
    this.s = {
      enqueue: db.prepare<[string, number, number, number, number]>(
        `INSERT INTO jobs (kind, asset_id, priority, status, created_at, updated_at)
         VALUES (?, ?, ?, 'queued', ?, ?)
         ON CONFLICT (asset_id, kind) DO UPDATE SET status = 'queued', attempts = 0,
           last_error = NULL, run_after = 0, priority = max(priority, excluded.priority),
           updated_at = excluded.updated_at`,
      ),
      // Ready files of a root never scanned at their current content (metadata.virusScan
      // names the hash it scanned); a scan already waiting stays as it is.
      enqueueVirusScans: db.prepare<[number, number, number, number]>(
        `INSERT INTO jobs (kind, asset_id, priority, status, created_at, updated_at)
         SELECT '${JobName.AssetScan}', a.id, ?, 'queued', ?, ? FROM assets a
         WHERE a.root_id = ? AND a.status = 'ready' AND a.sha256 IS NOT NULL
           AND coalesce(json_extract(a.metadata, '$.virusScan.sha256'), '') != a.sha256
         ON CONFLICT (asset_id, kind) DO NOTHING`,
      ),
      // Delayed jobs whose time has come join the due ones (run_after = 0, see migration 0005).
      release: db.prepare<[number]>(
        `UPDATE jobs SET run_after = 0
         WHERE status = 'queued' AND run_after > 0 AND run_after <= ?`,
      ),
      next: db.prepare<[number], JobRow>(
        `SELECT ${JOB_COLUMNS} FROM jobs INDEXED BY jobs_due
         WHERE status = 'queued' AND run_after = 0 ORDER BY priority DESC, id LIMIT ?`,
      ),
      start: db.prepare<[number, number]>(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?",
      ),
      remove: db.prepare<[number]>('DELETE FROM jobs WHERE id = ?'),
      retry: db.prepare<[string, number, number, number]>(
        "UPDATE jobs SET status = 'queued', last_error = ?, run_after = ?, updated_at = ? WHERE id = ?",
      ),
      fail: db.prepare<[string, number, number]>(
        "UPDATE jobs SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?",
      ),
      requeueRunning: db.prepare<[number]>(
        "UPDATE jobs SET status = 'queued', run_after = 0, updated_at = ? WHERE status = 'running'",
      ),
      deferRoot: db.prepare<[string, number, number, number]>(
        `UPDATE jobs SET last_error = ?, run_after = ?, updated_at = ?
         WHERE status = 'queued' AND asset_id IN (SELECT id FROM assets WHERE root_id = ?)`,
      ),
      earliest: db.prepare<[], { at: number | null }>(
        "SELECT min(run_after) AS at FROM jobs WHERE status = 'queued'",
      ),
      counts: db.prepare<[], { status: string; n: number }>(
        'SELECT status, count(*) AS n FROM jobs GROUP BY status',
      ),
      prioritize: db.prepare<[number, number, number]>(
        "UPDATE jobs SET priority = max(priority, ?), updated_at = ? WHERE asset_id = ? AND +status = 'queued'",
      ),
      cancelAll: db.prepare("DELETE FROM jobs WHERE status = 'queued'"),
      cancelAsset: db.prepare<[number]>(
        "DELETE FROM jobs WHERE asset_id = ? AND +status = 'queued'",
      ),
      clearFailed: db.prepare<[number]>(
        "DELETE FROM jobs WHERE asset_id = ? AND +status = 'failed'",
      ),
      pendingFor: db.prepare<[number], { n: number }>(
        "SELECT count(*) AS n FROM jobs WHERE asset_id = ? AND +status IN ('queued', 'running')",
      ),
    }
  }

  transaction<T>(work: () => T): T {
    return transaction(this.db, work)
  }

  enqueue(kind: JobName, assetId: number, priority: number, now: number): void {
    this.s.enqueue.run(kind, assetId, priority, now, now)
  }

  /** Queues a virus scan of every ready file of the root not scanned as it is; how many. */
  enqueueVirusScans(rootId: number, priority: number, now: number): number {
    return this.s.enqueueVirusScans.run(priority, now, now, rootId).changes
  }

  /** Queued jobs due now, most urgent first. */
  next(now: number, limit: number): JobRow[] {
    this.s.release.run(now)
    return this.s.next.all(limit)
  }

  /** The SQL that picks the next jobs (for EXPLAIN QUERY PLAN in tests). */
  static readonly NEXT_SQL = `SELECT id FROM jobs INDEXED BY jobs_due
    WHERE status = 'queued' AND run_after = 0 ORDER BY priority DESC, id LIMIT 64`

  start(id: number, now: number): void {
    this.s.start.run(now, id)
  }

  done(id: number): void {
    this.s.remove.run(id)
  }

  retry(id: number, error: string, runAfter: number, now: number): void {
    this.s.retry.run(error, runAfter, now, id)
  }

  fail(id: number, error: string, now: number): void {
    this.s.fail.run(error, now, id)
  }

  /** Every queued job of a root waits until `runAfter` (the root is offline). */
  deferRoot(rootId: number, reason: string, runAfter: number, now: number): number {
    return this.s.deferRoot.run(reason, runAfter, now, rootId).changes
  }

  /** Jobs a crashed process left running go back to the queue. */
  requeueRunning(now: number): number {
    return this.s.requeueRunning.run(now).changes
  }

  /** When the next delayed job becomes due, or null when none waits. */
  earliestRunAfter(): number | null {
    return this.s.earliest.get()!.at
  }

  counts(): Record<'queued' | 'running' | 'failed', number> {
    const counts = { queued: 0, running: 0, failed: 0 }
    for (const row of this.s.counts.all()) counts[row.status as keyof typeof counts] = row.n
    return counts
  }

  prioritize(assetIds: number[], priority: number, now: number): void {
    this.transaction(() => assetIds.forEach((id) => this.s.prioritize.run(priority, now, id)))
  }

  cancel(assetIds?: number[]): number {
    if (!assetIds) return this.s.cancelAll.run().changes
    return this.transaction(() =>
      assetIds.reduce((n, id) => n + this.s.cancelAsset.run(id).changes, 0),
    )
  }

  clearFailed(assetId: number): void {
    this.s.clearFailed.run(assetId)
  }

  hasPending(assetId: number): boolean {
    return this.s.pendingFor.get(assetId)!.n > 0
  }
}

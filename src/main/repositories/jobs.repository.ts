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

/** Backlog rows turned into job rows at a time: a few ms of writing, hours of processing. */
const BACKLOG_CHUNK = 2000

/**
 * Job rows for the assets `a` of backlog entries `b` (those `where` picks, up to id `upTo`) that
 * still wait for their implicit first job (migration 0019): queued, of the entry's scan, and with
 * no job row of any kind — one that has one (given it by `prioritize`, or a rescan) is on its way
 * through the pipeline already. Parameters in the order the `?` appear. The upsert covers
 * entries whose ranges overlap (ids reused after the newest rows were removed).
 */
const fromBacklog = (upTo: string, where: string, priority = 'b.priority'): string =>
  `INSERT INTO jobs (kind, asset_id, priority, status, created_at, updated_at)
   SELECT '${JobName.AssetIdentify}', a.id, ${priority}, 'queued', ?, ?
   FROM job_backlog b JOIN assets a ON a.id > b.after_id AND a.id <= ${upTo}
   WHERE ${where} AND a.created_scan = b.scan_id AND a.status = 'queued'
     AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.asset_id = a.id)
   ON CONFLICT (asset_id, kind) DO NOTHING`

/**
 * The persistent queue. Every statement is prepared once. Statements about one asset write
 * `+status` so SQLite looks the asset up by jobs_one_per_step instead of walking every job of a
 * status (a million queued jobs made each such call a full index scan).
 *
 * The queue includes the job backlog (a first scan's files, recorded as id ranges: migration
 * 0019): `next` turns it into job rows a chunk at a time when fewer jobs are due than asked for,
 * and every other operation here counts, cancels, prioritizes or defers its files as it does
 * those of job rows.
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
      backlogHead: db.prepare<[], { id: number; afterId: number; lastId: number }>(
        'SELECT id, after_id AS afterId, last_id AS lastId FROM job_backlog ORDER BY id LIMIT 1',
      ),
      // Through the rowid: the next BACKLOG_CHUNK rows of the range, whatever their status.
      backlogChunkEnd: db.prepare<[number, number, number], { end: number | null }>(
        `SELECT max(id) AS end FROM (SELECT id FROM assets WHERE id > ? AND id <= ?
           ORDER BY id LIMIT ?)`,
      ),
      backlogChunk: db.prepare<[number, number, number, number]>(fromBacklog('?', 'b.id = ?')),
      backlogAdvance: db.prepare<[number, number]>(
        'UPDATE job_backlog SET after_id = ? WHERE id = ?',
      ),
      backlogDrop: db.prepare<[number]>('DELETE FROM job_backlog WHERE id = ?'),
      backlogOfRoot: db.prepare<[number, number, number]>(
        fromBacklog('b.last_id', 'b.root_id = ?'),
      ),
      backlogDropRoot: db.prepare<[number]>('DELETE FROM job_backlog WHERE root_id = ?'),
      backlogAsset: db.prepare<[number, number, number, number]>(
        fromBacklog('b.last_id', 'a.id = ?', '?'),
      ),
      // The index on (status, id) alone answers it (no row is read), so it neither checks
      // created_scan nor skips files that also have a job row (see counts()).
      backlogQueued: db.prepare<[], { n: number }>(
        `SELECT count(*) AS n FROM job_backlog b JOIN assets a INDEXED BY assets_status
           ON a.status = 'queued' AND a.id > b.after_id AND a.id <= b.last_id`,
      ),
      backlogClear: db.prepare('DELETE FROM job_backlog'),
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

  /** Queued jobs due now, most urgent first; the backlog's when fewer are due than asked for. */
  next(now: number, limit: number): JobRow[] {
    this.s.release.run(now)
    const due = this.s.next.all(limit)
    if (due.length >= limit || !this.materialize(now)) return due
    return this.s.next.all(limit)
  }

  /**
   * Turns the oldest backlog entry's next chunk into job rows (its start moves past the chunk;
   * it goes once done). A chunk with nothing waiting (cancelled, removed or rescanned files)
   * moves on to the next, so this returns false only once the backlog is empty: the queue never
   * looks idle, or waits, while a backlog remains.
   */
  private materialize(now: number): boolean {
    // Most picks find no backlog: a read, without taking the write lock a scan may be holding.
    if (!this.s.backlogHead.get()) return false
    return this.transaction(() => {
      for (;;) {
        const head = this.s.backlogHead.get()
        if (!head) return false
        const end = this.s.backlogChunkEnd.get(head.afterId, head.lastId, BACKLOG_CHUNK)!.end
        const added = end === null ? 0 : this.s.backlogChunk.run(now, now, end, head.id).changes
        if (end === null || end >= head.lastId) this.s.backlogDrop.run(head.id)
        else this.s.backlogAdvance.run(end, head.id)
        if (added > 0) return true
      }
    })
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

  /**
   * Every queued job of a root waits until `runAfter` (the root is offline). Its backlog becomes
   * job rows first, so they wait too: otherwise each chunk of it would meet the offline root
   * again, one at a time.
   */
  deferRoot(rootId: number, reason: string, runAfter: number, now: number): number {
    return this.transaction(() => {
      this.s.backlogOfRoot.run(now, now, rootId)
      this.s.backlogDropRoot.run(rootId)
      return this.s.deferRoot.run(reason, runAfter, now, rootId).changes
    })
  }

  /** Jobs a crashed process left running go back to the queue. */
  requeueRunning(now: number): number {
    return this.s.requeueRunning.run(now).changes
  }

  /** When the next delayed job becomes due, or null when none waits. */
  earliestRunAfter(): number | null {
    return this.s.earliest.get()!.at
  }

  /**
   * Jobs by status; `queued` includes the backlog's queued files. Those are counted from the
   * (status, id) index alone (~2 ms per 100k waiting, on every progress report), so a backlog file
   * that also has a job row (prioritized, retrying after its first attempt, or queued again by a
   * rescan that found it changed) is counted twice until the queue reaches its chunk. Such files
   * are few (what is on screen, what was edited meanwhile), and the excess never keeps the queue
   * from looking idle: `next` goes through the whole backlog before it finds nothing to do.
   */
  counts(): Record<'queued' | 'running' | 'failed', number> {
    const counts = { queued: 0, running: 0, failed: 0 }
    for (const row of this.s.counts.all()) counts[row.status as keyof typeof counts] = row.n
    counts.queued += this.s.backlogQueued.get()!.n
    return counts
  }

  /** Queued jobs of these assets go first; an asset still in the backlog gets its job row now. */
  prioritize(assetIds: number[], priority: number, now: number): void {
    this.transaction(() =>
      assetIds.forEach((id) => {
        this.s.prioritize.run(priority, now, id)
        this.s.backlogAsset.run(priority, now, now, id)
      }),
    )
  }

  /**
   * Drops queued jobs (of these assets, or all of them with the backlog); how many. The caller
   * moves the assets back to discovered, which takes a cancelled asset out of the backlog too.
   */
  cancel(assetIds?: number[]): number {
    if (!assetIds)
      return this.transaction(() => {
        const backlog = this.s.backlogQueued.get()!.n
        this.s.backlogClear.run()
        return backlog + this.s.cancelAll.run().changes
      })
    return this.transaction(() =>
      assetIds.reduce((n, id) => n + this.s.cancelAsset.run(id).changes, 0),
    )
  }

  clearFailed(assetId: number): void {
    this.s.clearFailed.run(assetId)
  }

  /**
   * Whether the asset has a job row queued or running. The backlog is left out on purpose: its
   * callers ask it of an asset being processed (never in the backlog, which holds queued ones)
   * or of one just cancelled, which must then go back to discovered, out of the backlog.
   */
  hasPending(assetId: number): boolean {
    return this.s.pendingFor.get(assetId)!.n > 0
  }
}

import type { ScanCounts, ScanResult } from '../../shared/domain'
import type { Db } from '../db/connection'
import { DeferredIndexesRepository } from './deferred-indexes.repository'

/** The history of scans: one row per scan of a root. */
export class ScansRepository {
  private readonly s

  private readonly deferred: DeferredIndexesRepository

  constructor(private readonly db: Db) {
    this.deferred = new DeferredIndexesRepository(db)
    this.s = {
      start: db.prepare<[number, number]>(
        "INSERT INTO scans (root_id, status, started_at) VALUES (?, 'running', ?)",
      ),
      finish: db.prepare(
        `UPDATE scans SET status = @status, reason = @reason, seen = @seen, added = @added,
           changed = @changed, moved = @moved, missing = @missing, restored = @restored,
           finished_at = @finishedAt
         WHERE id = @id`,
      ),
      abandonRunning: db.prepare<[string, number]>(
        "UPDATE scans SET status = 'aborted', reason = ?, finished_at = ? WHERE status = 'running'",
      ),
    }
  }

  start(rootId: number, now: number): number {
    return Number(this.s.start.run(rootId, now).lastInsertRowid)
  }

  finish(id: number, result: ScanResult & ScanCounts, finishedAt: number): void {
    this.s.finish.run({ id, ...result, finishedAt })
  }

  /** Scans left running by a process that died are aborted; their writes were atomic batches. */
  abandonRunning(now: number): number {
    return this.s.abandonRunning.run('Marquee stopped during this scan.', now).changes
  }

  /**
   * Builds the indexes a bulk load dropped when its worker could not (it was stopped, or the
   * process died): the gallery sorts by name with them. A no-op when none wait.
   */
  restoreIndexes(): void {
    this.deferred.restore()
  }

  /**
   * Copies what the WAL holds into the database file as far as no reader needs it, without
   * waiting for any lock (a scan worker writing meanwhile goes on appending).
   */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)')
  }
}

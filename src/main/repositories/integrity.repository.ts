import { transaction } from '../db/transaction'
import type { Db } from '../db/connection'

/** What the bitrot check needs of an asset. */
export interface VerifyAsset {
  id: number
  rootId: number
  rootPath: string
  rootStatus: string
  dir: string
  name: string
  size: number
  mtimeMs: number
  sha256: string
  integrity: 'ok' | 'changed' | null
}

const SELECT = `SELECT a.id, a.root_id AS rootId, r.path AS rootPath, r.status AS rootStatus, a.dir,
  a.name, a.size, a.mtime_ms AS mtimeMs, a.sha256, a.integrity
  FROM assets a JOIN roots r ON r.id = a.root_id`

/** The bitrot check's reads and writes of `assets.verified_at` / `assets.integrity`. */
export class IntegrityRepository {
  private readonly s
  private readonly acceptAll: (ids: number[], now: number) => number

  constructor(db: Db) {
    this.acceptAll = (ids, now) =>
      transaction(db, () => ids.reduce((n, id) => n + this.s.accept.run(now, id).changes, 0))
    this.s = {
      // Walks assets_verify_due (verified_at order, never-verified first) and stops at `limit`.
      due: db.prepare<[number, number], VerifyAsset>(
        `${SELECT} WHERE a.status = 'ready' AND (a.verified_at IS NULL OR a.verified_at < ?)
           AND a.sha256 IS NOT NULL AND r.status = 'online'
         ORDER BY a.verified_at LIMIT ?`,
      ),
      ready: db.prepare<[number | null, number | null, number, number], VerifyAsset>(
        `${SELECT} WHERE a.status = 'ready' AND a.sha256 IS NOT NULL
           AND (? IS NULL OR a.root_id = ?) AND a.id > ? ORDER BY a.id LIMIT ?`,
      ),
      ok: db.prepare<[number, number]>(
        "UPDATE assets SET integrity = 'ok', verified_at = ? WHERE id = ?",
      ),
      changed: db.prepare<[number, string, number]>(
        `UPDATE assets SET integrity = 'changed', verified_at = ?,
           metadata = json_set(metadata, '$.integrity', json(?)) WHERE id = ?`,
      ),
      touch: db.prepare<[number, number]>('UPDATE assets SET verified_at = ? WHERE id = ?'),
      // As the scanner treats an edited file: its content facts go, it is processed again.
      accept: db.prepare<[number, number]>(
        `UPDATE assets SET status = 'discovered', integrity = NULL, verified_at = NULL,
           metadata = json_remove(metadata, '$.integrity'), error = NULL,
           sha256 = NULL, fingerprint = NULL, phash = NULL, mime = NULL, updated_at = ?
         WHERE id = ? AND integrity = 'changed'`,
      ),
      // The job backlog is queued work too (a first scan's files: migration 0019).
      busy: db.prepare<[], { busy: number }>(
        `SELECT EXISTS (SELECT 1 FROM jobs WHERE status IN ('queued', 'running'))
           OR EXISTS (SELECT 1 FROM job_backlog) AS busy`,
      ),
    }
  }

  /** Ready assets last verified before `before` (or never), on online roots, oldest first. */
  due(before: number, limit: number): VerifyAsset[] {
    return this.s.due.all(before, limit)
  }

  /** One page of ready assets in id order (all roots, or one). */
  ready(rootId: number | null, afterId: number, limit: number): VerifyAsset[] {
    return this.s.ready.all(rootId, rootId, afterId, limit)
  }

  markOk(id: number, now: number): void {
    this.s.ok.run(now, id)
  }

  /** The bytes differ from the stored hash: flagged, with both hashes; the hash is kept. */
  markChanged(id: number, finding: { expected: string; actual: string }, now: number): void {
    this.s.changed.run(now, JSON.stringify({ ...finding, checkedAt: now }), id)
  }

  /** Flagged files made ready to be processed again as they are now; how many were flagged. */
  accept(ids: number[], now: number): number {
    return this.acceptAll(ids, now)
  }

  /** Checked without a finding (edited, gone): due again after the interval. */
  touch(id: number, now: number): void {
    this.s.touch.run(now, id)
  }

  /** Whether any processing is queued or running (the check waits for it). */
  queueBusy(): boolean {
    return this.s.busy.get()!.busy === 1
  }
}

import { transaction } from '../db/transaction'
import type { AssetStatus, AssetType } from '../../shared/domain'
import type { Db } from '../db/connection'
import { DiscoveredQueue } from './discovered-queue'

/** What a job needs to know of its asset. */
export interface ProcessingAsset {
  id: number
  rootId: number
  rootPath: string
  rootStatus: string
  dir: string
  name: string
  ext: string
  size: number
  mtimeMs: number
  type: AssetType
  status: AssetStatus
  mime: string | null
  sha256: string | null
  width: number | null
  height: number | null
  durationMs: number | null
  metadata: string
  /** 1 when its root asks for a ClamAV scan before processing (SQLite has no booleans). */
  virusScan: number
  integrity: 'ok' | 'changed' | null
}

export interface Facts {
  width?: number | null
  height?: number | null
  durationMs?: number | null
  orientation?: string | null
  codecs?: string | null
  title?: string | null
  /** When the photo was taken (epoch ms), from its metadata. */
  takenMs?: number | null
}

export interface PhashRow<P = string> {
  id: number
  phash: P
  sha256: string | null
}

type PhashChangeRow = PhashRow<string | null> & { updatedAt: number }

/** The processing pipeline's writes to assets. */
export class ProcessingRepository {
  private readonly s

  private readonly discovered: DiscoveredQueue

  constructor(private readonly db: Db) {
    this.discovered = new DiscoveredQueue(db)
    this.s = {
      get: db.prepare<[number], ProcessingAsset>(
        `SELECT a.id, a.root_id AS rootId, r.path AS rootPath, r.status AS rootStatus, a.dir, a.name,
           a.ext, a.size, a.mtime_ms AS mtimeMs, a.type, a.status, a.mime, a.sha256, a.width,
           a.height, a.duration_ms AS durationMs, a.metadata, r.virus_scan = 1 AS virusScan,
           a.integrity
         FROM assets a JOIN roots r ON r.id = a.root_id WHERE a.id = ?`,
      ),
      setStatus: db.prepare<[string, string | null, number, number]>(
        'UPDATE assets SET status = ?, error = ?, updated_at = ? WHERE id = ?',
      ),
      setStatusIf: db.prepare<[string, number, number, string]>(
        'UPDATE assets SET status = ?, updated_at = ? WHERE id = ? AND status = ?',
      ),
      identity: db.prepare<[string, string, number, number]>(
        'UPDATE assets SET mime = ?, type = ?, updated_at = ? WHERE id = ?',
      ),
      hash: db.prepare<[string, string, number, number, number, number]>(
        'UPDATE assets SET sha256 = ?, fingerprint = ?, size = ?, mtime_ms = ?, updated_at = ? WHERE id = ?',
      ),
      metadata: db.prepare<[string, string, number, number]>(
        `UPDATE assets SET metadata = json_set(metadata, '$.' || ?, json(?)), updated_at = ? WHERE id = ?`,
      ),
      facts: db.prepare(
        `UPDATE assets SET width = coalesce(@width, width), height = coalesce(@height, height),
           duration_ms = coalesce(@durationMs, duration_ms), orientation = coalesce(@orientation, orientation),
           codecs = coalesce(@codecs, codecs), taken_ms = coalesce(@takenMs, taken_ms),
           -- A title someone typed in Marquee wins over the one embedded in the file.
           title = coalesce(title, @title), updated_at = @now
         WHERE id = @id`,
      ),
      verified: db.prepare<[number, number]>(
        `UPDATE assets SET verified_at = ?, integrity = NULL,
           metadata = json_remove(metadata, '$.integrity') WHERE id = ?`,
      ),
      phash: db.prepare<[string, number, number]>(
        'UPDATE assets SET phash = ?, updated_at = ? WHERE id = ?',
      ),
      requeueProcessing: db.prepare<[number]>(
        `UPDATE assets SET status = 'queued', updated_at = ? WHERE status = 'processing'
           AND id NOT IN (SELECT asset_id FROM jobs WHERE status = 'running')`,
      ),
      resetQueued: db.prepare<[number]>(
        `UPDATE assets SET status = 'discovered', updated_at = ? WHERE status = 'queued'
           AND id NOT IN (SELECT asset_id FROM jobs WHERE status IN ('queued', 'running'))`,
      ),
      counts: db.prepare<[], { status: AssetStatus; n: number }>(
        'SELECT status, count(*) AS n FROM assets GROUP BY status',
      ),
      failedIds: db.prepare<[], { id: number }>("SELECT id FROM assets WHERE status = 'failed'"),
      duplicateGroups: db.prepare<[], { sha256: string; ids: string }>(
        `SELECT sha256, group_concat(id) AS ids FROM assets
         WHERE sha256 IS NOT NULL AND status != 'missing'
         GROUP BY sha256 HAVING count(*) > 1 ORDER BY min(id)`,
      ),
      phashes: db.prepare<[], { id: number; phash: string; sha256: string | null }>(
        "SELECT id, phash, sha256 FROM assets WHERE phash IS NOT NULL AND status != 'missing'",
      ),
      phashCount: db.prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM assets WHERE phash IS NOT NULL AND status != 'missing'",
      ),
      phashChanges: db.prepare<[number], PhashChangeRow>(
        `SELECT id, CASE WHEN status = 'missing' THEN NULL ELSE phash END AS phash, sha256,
           updated_at AS updatedAt
         FROM assets WHERE updated_at >= ?`,
      ),
      latestUpdate: db.prepare<[], { t: number | null }>('SELECT max(updated_at) AS t FROM assets'),
    }
  }

  transaction<T>(work: () => T): T {
    return transaction(this.db, work)
  }

  get(id: number): ProcessingAsset | undefined {
    return this.s.get.get(id)
  }

  setStatus(id: number, status: AssetStatus, error: string | null, now: number): void {
    this.s.setStatus.run(status, error, now, id)
  }

  /** Moves an asset from one status to another only if it is still in the first. */
  advance(id: number, from: AssetStatus, to: AssetStatus, now: number): void {
    this.s.setStatusIf.run(to, now, id, from)
  }

  setIdentity(id: number, mime: string, type: AssetType, now: number): void {
    this.s.identity.run(mime, type, now, id)
  }

  setHash(
    id: number,
    sha256: string,
    fingerprint: string,
    size: number,
    mtimeMs: number,
    now: number,
  ): void {
    this.s.hash.run(sha256, fingerprint, size, mtimeMs, now, id)
    // New content (a new or edited file): the bitrot check starts over from this hash.
    this.s.verified.run(now, id)
  }

  /** Sets one namespace of the metadata column (`identify`, `exif`, `ffprobe`, …). */
  setMetadata(id: number, namespace: string, value: unknown, now: number): void {
    this.s.metadata.run(namespace, JSON.stringify(value), now, id)
  }

  setFacts(id: number, facts: Facts, now: number): void {
    this.s.facts.run({
      id,
      now,
      width: facts.width ?? null,
      height: facts.height ?? null,
      durationMs: facts.durationMs ?? null,
      orientation: facts.orientation ?? null,
      codecs: facts.codecs ?? null,
      title: facts.title ?? null,
      takenMs: facts.takenMs ?? null,
    })
  }

  setPhash(id: number, phash: string, now: number): void {
    this.s.phash.run(phash, now, id)
  }

  /** Every discovered asset gets its first job and becomes queued. Returns how many. */
  queueDiscovered(priority: number, now: number): number {
    return this.discovered.queue(null, priority, now)
  }

  /** Assets marked processing with no step running (between steps, or interrupted) are queued. */
  requeueProcessing(now: number): number {
    return this.s.requeueProcessing.run(now).changes
  }

  /** Queued assets whose jobs were all cancelled go back to discovered. */
  resetQueued(now: number): void {
    this.s.resetQueued.run(now)
  }

  counts(): Partial<Record<AssetStatus, number>> {
    return Object.fromEntries(this.s.counts.all().map((r) => [r.status, r.n]))
  }

  failedIds(): number[] {
    return this.s.failedIds.all().map((r) => r.id)
  }

  duplicateGroups(): number[][] {
    return this.s.duplicateGroups.all().map((r) =>
      r.ids
        .split(',')
        .map(Number)
        .sort((a, b) => a - b),
    )
  }

  /** The pHash of every asset that has one and is not missing. */
  phashes(): PhashRow[] {
    return this.s.phashes.all()
  }

  phashCount(): number {
    return this.s.phashCount.get()!.n
  }

  /**
   * Every asset updated at or after `since`, with its pHash (null when it has none or is
   * missing), and the latest update time among them (`since` when there are none).
   */
  phashChanges(since: number): { rows: PhashRow<string | null>[]; latest: number } {
    let latest = since
    const rows = this.s.phashChanges.all(since).map(({ updatedAt, ...row }) => {
      latest = Math.max(latest, updatedAt)
      return row
    })
    return { rows, latest }
  }

  /** The latest update time of any asset (0 when there are none). */
  latestUpdate(): number {
    return this.s.latestUpdate.get()?.t ?? 0
  }
}

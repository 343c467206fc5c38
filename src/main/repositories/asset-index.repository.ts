import { transaction } from '../db/transaction'
import type { AssetStatus, AssetType } from '../../shared/domain'
import type { Statement } from 'better-sqlite3'
import type { Db } from '../db/connection'
import { DeferredIndexesRepository } from './deferred-indexes.repository'
import { DiscoveredQueue } from './discovered-queue'
import { FolderTagsRepository } from './folder-tags.repository'
import type { FoundFile } from '../scan/walk'

/** What a scan needs to know of an indexed file. */
export interface IndexedFile {
  id: number
  rootId: number
  dir: string
  name: string
  size: number
  mtimeMs: number
  inode: string | null
  device: string | null
  fingerprint: string | null
  status: AssetStatus
  priorStatus: AssetStatus | null
}

/** What the walk compares a found file against. */
export type FolderEntry = Pick<
  IndexedFile,
  'id' | 'name' | 'size' | 'mtimeMs' | 'inode' | 'device' | 'status'
>

const INSERT_HEAD = `INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, inode, device, type,
  status, created_scan, created_at, updated_at)`
const insertRow = (status: 'discovered' | 'queued'): string =>
  `(?, ?, ?, ?, ?, ?, ?, ?, ?, '${status}', ?, ?, ?)`
const INSERT_CHUNK = 50
/** Parameters of one row in insertRow. */
const ROW_PARAMS = 12
// An import may have added the row between this scan's look at the folder and its insert
// (src/main/services/import.service.ts): its row, with the hash, is the one to keep.
const ON_CONFLICT = 'ON CONFLICT (root_id, dir, name) DO NOTHING'

/** A FolderEntry as the query gives it, in column order. */
type FolderRow = [
  id: number,
  name: string,
  size: number,
  mtimeMs: number,
  inode: string | null,
  device: string | null,
  status: AssetStatus,
]

const INDEXED_COLUMNS = `id, root_id AS rootId, dir, name, size, mtime_ms AS mtimeMs, inode, device,
  fingerprint, status, prior_status AS priorStatus`

export interface NewFile extends FoundFile {
  ext: string
  type: AssetType
}

/**
 * The scanner's view of the assets table: per-folder lookups and the writes a scan makes.
 * Used on the scan worker's own connection.
 */
export class AssetIndexRepository {
  private readonly s

  /** Row by row and INSERT_CHUNK rows at once, for each status a new row can start with. */
  private readonly inserts: Record<'discovered' | 'queued', { one: Statement; many: Statement }>

  private readonly discovered: DiscoveredQueue

  private readonly deferred: DeferredIndexesRepository

  private readonly folderTags: FolderTagsRepository

  constructor(private readonly db: Db) {
    this.discovered = new DiscoveredQueue(db)
    this.folderTags = new FolderTagsRepository(db)
    this.deferred = new DeferredIndexesRepository(db)
    const inserts = (status: 'discovered' | 'queued'): { one: Statement; many: Statement } => ({
      one: db.prepare(`${INSERT_HEAD} VALUES ${insertRow(status)} ${ON_CONFLICT}`),
      many: db.prepare(
        `${INSERT_HEAD} VALUES ${Array.from({ length: INSERT_CHUNK }, () => insertRow(status)).join(', ')} ${ON_CONFLICT}`,
      ),
    })
    this.inserts = { discovered: inserts('discovered'), queued: inserts('queued') }
    this.s = {
      // Rows as arrays, made into objects here: better-sqlite3 builds each object property by
      // property from C++, which made this (a rescan's one query per folder) twice as dear.
      inFolder: db
        .prepare<[number, string], FolderRow>(
          `SELECT id, name, size, mtime_ms, inode, device, status
           FROM assets WHERE root_id = ? AND dir = ?`,
        )
        .raw(true),
      // One pass over the root's index entries for both figures.
      rootCounts: db.prepare<[number], { all: number; present: number | null }>(
        'SELECT count(*) AS "all", sum(status != \'missing\') AS present FROM assets WHERE root_id = ?',
      ),
      countEverything: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM assets'),
      // `+root_id`: through the created_scan index (the few rows of recent scans), not the root's
      // (every row of the root, each looked up: ~8 ms per 100k files on every rescan).
      countUnconfirmed: db.prepare<[number, number], { n: number }>(
        `SELECT count(*) AS n FROM assets
         WHERE created_scan > (SELECT coalesce(max(id), 0) FROM scans WHERE root_id = ? AND status = 'completed')
           AND +root_id = ?`,
      ),
      presentIds: db.prepare<[number], { id: number }>(
        "SELECT id FROM assets WHERE root_id = ? AND status != 'missing'",
      ),
      byId: db.prepare<[number], IndexedFile>(`SELECT ${INDEXED_COLUMNS} FROM assets WHERE id = ?`),
      unconfirmed: db.prepare<[number, number], IndexedFile>(
        `SELECT ${INDEXED_COLUMNS} FROM assets
         WHERE created_scan > (SELECT coalesce(max(id), 0) FROM scans WHERE root_id = ? AND status = 'completed')
           AND +root_id = ?`,
      ),
      anyMissing: db.prepare<[], { one: number }>(
        "SELECT 1 AS one FROM assets WHERE status = 'missing' LIMIT 1",
      ),
      missingWithSize: db.prepare<[number], IndexedFile>(
        `SELECT ${INDEXED_COLUMNS} FROM assets WHERE status = 'missing' AND size = ?`,
      ),
      lastId: db.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM assets'),
      rootExists: db.prepare<[number], { one: number }>('SELECT 1 AS one FROM roots WHERE id = ?'),
      changed: db.prepare(
        `UPDATE assets SET size = @size, mtime_ms = @mtimeMs, inode = @inode, device = @device,
           status = 'discovered', prior_status = NULL, missing_since = NULL, error = NULL,
           sha256 = NULL, fingerprint = NULL, phash = NULL, mime = NULL, updated_at = @now
         WHERE id = @id`,
      ),
      identity: db.prepare<[string, string, number, number]>(
        'UPDATE assets SET inode = ?, device = ?, updated_at = ? WHERE id = ?',
      ),
      restore: db.prepare(
        `UPDATE assets SET status = coalesce(prior_status, 'discovered'), prior_status = NULL,
           missing_since = NULL, inode = @inode, device = @device, updated_at = @now
         WHERE id = @id`,
      ),
      moveOnto: db.prepare(
        `UPDATE assets SET root_id = @rootId, dir = @dir, name = @name, ext = @ext, size = @size,
           mtime_ms = @mtimeMs, inode = @inode, device = @device,
           status = CASE WHEN status = 'missing' THEN coalesce(prior_status, 'discovered') ELSE status END,
           prior_status = NULL, missing_since = NULL, updated_at = @now
         WHERE id = @id`,
      ),
      remove: db.prepare<[number]>('DELETE FROM assets WHERE id = ?'),
      markMissing: db.prepare<[number, number, number]>(
        `UPDATE assets SET prior_status = status, status = 'missing', missing_since = ?, updated_at = ?
         WHERE id = ? AND status != 'missing'`,
      ),
      removeUnconfirmed: db.prepare<[number]>('DELETE FROM assets WHERE created_scan = ?'),
    }
  }

  transaction<T>(work: () => T): T {
    return transaction(this.db, work)
  }

  /**
   * A batch of a root's first scan, with foreign keys unchecked: its rows reference the root it
   * scans (so does its job backlog entry), and checking each (a parent lookup per row and a
   * statement journal for every multi-row insert) cost ~60 ms per 100k files
   * (docs/indexing.md, "Speed", round 6). The one reference that could fail, the root, is
   * checked once per batch instead: a root removed meanwhile fails the batch, as the constraint
   * would have. Such a batch inserts and updates, never deletes, so no cascade is skipped.
   * (The pragma is a no-op inside a transaction, hence around it.)
   */
  firstScanTransaction(rootId: number, work: () => void): void {
    this.db.pragma('foreign_keys = OFF')
    try {
      transaction(this.db, () => {
        if (!this.s.rootExists.get(rootId)) {
          throw new Error('its library folder was removed while it ran.')
        }
        work()
      })
    } finally {
      this.db.pragma('foreign_keys = ON')
    }
  }

  inFolder(rootId: number, dir: string): FolderEntry[] {
    return this.s.inFolder
      .all(rootId, dir)
      .map(([id, name, size, mtimeMs, inode, device, status]) => ({
        id,
        name,
        size,
        mtimeMs,
        inode,
        device,
        status,
      }))
  }

  /** The root's rows: all of them, missing ones included, and those present. */
  rootCounts(rootId: number): { all: number; present: number } {
    const { all, present } = this.s.rootCounts.get(rootId)!
    return { all, present: present ?? 0 }
  }

  /** Every row of every root: what rebuilding an index of the table would go through. */
  countEverything(): number {
    return this.s.countEverything.get()!.n
  }

  /** Drops the indexes a bulk load is better off building at its end; whether it did. */
  deferIndexes(now: number): boolean {
    return this.deferred.defer(now)
  }

  /** Builds the indexes `deferIndexes` dropped (a no-op when none wait). */
  restoreIndexes(): void {
    this.deferred.restore()
  }

  countUnconfirmed(rootId: number): number {
    return this.s.countUnconfirmed.get(rootId, rootId)!.n
  }

  *presentIds(rootId: number): Generator<number> {
    for (const row of this.s.presentIds.iterate(rootId)) yield row.id
  }

  byId(id: number): IndexedFile | undefined {
    return this.s.byId.get(id)
  }

  /** Rows found by scans since the root's last completed scan: not yet confirmed as new. */
  unconfirmed(rootId: number): IndexedFile[] {
    return this.s.unconfirmed.all(rootId, rootId)
  }

  anyMissing(): boolean {
    return this.s.anyMissing.get() !== undefined
  }

  /** Missing files of any root with this size: a file found anew may be one of them come back. */
  missingWithSize(size: number): IndexedFile[] {
    return this.s.missingWithSize.all(size)
  }

  /**
   * Inserts new files, many rows per statement (the scanner's hottest path). With `queue`, each
   * row starts `queued` and the batch's rows join the job backlog in the caller's transaction,
   * instead of being queued by an UPDATE of every row after the walk and a job row each (see
   * docs/indexing.md, "Speed").
   */
  insertAll(rootId: number, files: NewFile[], scanId: number, now: number, queue = false): void {
    const { one, many } = this.inserts[queue ? 'queued' : 'discovered']
    // A new row's id is above every id there was (no AUTOINCREMENT: max(id) + 1), so the rows
    // this call adds are exactly those above it; the caller's transaction keeps others out.
    const after = this.s.lastId.get()!.id
    // One parameter array reused for every statement: no array per row to collect.
    const params: unknown[] = new Array<unknown>(INSERT_CHUNK * ROW_PARAMS)
    const fill = (at: number, f: NewFile): void => {
      params[at] = rootId
      params[at + 1] = f.dir
      params[at + 2] = f.name
      params[at + 3] = f.ext
      params[at + 4] = f.size
      params[at + 5] = f.mtimeMs
      params[at + 6] = f.inode
      params[at + 7] = f.device
      params[at + 8] = f.type
      params[at + 9] = scanId
      params[at + 10] = now
      params[at + 11] = now
    }
    let i = 0
    for (; i + INSERT_CHUNK <= files.length; i += INSERT_CHUNK) {
      for (let j = 0; j < INSERT_CHUNK; j++) fill(j * ROW_PARAMS, files[i + j]!)
      many.run(params)
    }
    for (; i < files.length; i++) {
      fill(0, files[i]!)
      one.run(params.slice(0, ROW_PARAMS))
    }
    this.folderTags.arrivedAfter(rootId, after)
    if (queue) this.discovered.queueAdded(rootId, after, this.s.lastId.get()!.id, scanId, now)
  }

  changed(id: number, file: FoundFile, now: number): void {
    this.s.changed.run({
      id,
      size: file.size,
      mtimeMs: file.mtimeMs,
      inode: file.inode,
      device: file.device,
      now,
    })
  }

  updateIdentity(id: number, file: FoundFile, now: number): void {
    this.s.identity.run(file.inode, file.device, now, id)
  }

  restore(id: number, file: FoundFile, now: number): void {
    this.s.restore.run({ id, inode: file.inode, device: file.device, now })
  }

  /** The old asset takes over the new row's place (keeping its id and all attached); the new row goes. */
  move(oldId: number, found: IndexedFile, ext: string, now: number): void {
    this.s.remove.run(found.id)
    this.s.moveOnto.run({
      id: oldId,
      rootId: found.rootId,
      dir: found.dir,
      name: found.name,
      ext,
      size: found.size,
      mtimeMs: found.mtimeMs,
      inode: found.inode,
      device: found.device,
      now,
    })
  }

  markMissing(id: number, now: number): boolean {
    return this.s.markMissing.run(now, now, id).changes > 0
  }

  /** Queues the first processing step of the root's discovered files (on the scan worker). */
  queueDiscovered(rootId: number, now: number): number {
    return this.discovered.queue(rootId, 0, now)
  }

  /** Drops the rows a scan added (used when the scan turned out to be of the wrong volume). */
  removeUnconfirmed(scanId: number): void {
    this.s.removeUnconfirmed.run(scanId)
  }
}

import type { Root, RootKind, RootStatus } from '../../shared/domain'
import type { Db } from '../db/connection'
import { openReadonly } from '../db/readonly'

interface RootRow {
  id: number
  path: string
  label: string
  kind: RootKind
  kind_source: 'detected' | 'user'
  status: RootStatus
  status_reason: string | null
  notice: string | null
  device: string | null
  was_mount_point: number
  exclusions: string
  index_all_files: number
  virus_scan: number
  scan_interval_ms: number | null
  inbox: string
  last_scan_at: number | null
  created_at: number
  updated_at: number
}

const LIST_SQL = 'SELECT * FROM roots ORDER BY label COLLATE NOCASE, id'

const toRoot = (row: RootRow): Root => ({
  id: row.id,
  path: row.path,
  label: row.label,
  kind: row.kind,
  kindSource: row.kind_source,
  status: row.status,
  statusReason: row.status_reason,
  notice: row.notice,
  exclusions: JSON.parse(row.exclusions) as string[],
  indexAllFiles: row.index_all_files === 1,
  virusScan: row.virus_scan === 1,
  scanIntervalMs: row.scan_interval_ms,
  inbox: row.inbox,
  lastScanAt: row.last_scan_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

/**
 * The roots as a read-only look at the library file finds them, or none when it cannot (no
 * library yet, an older schema, a lock): for a CLI that starts a rescan's walker while the core
 * loads (cli/early-walk.ts). Nothing here is trusted: the scan takes that walker only if it
 * walks the very root, with the very options, that the scan was started with.
 */
export function peekRoots(databasePath: string): Root[] {
  let db: Db | undefined
  try {
    db = openReadonly(databasePath)
    return db.prepare<[], RootRow>(LIST_SQL).all().map(toRoot)
  } catch {
    return []
  } finally {
    db?.close()
  }
}

/** What the scanner remembers of the volume at the last good scan. */
export interface VolumeIdentity {
  device: string | null
  wasMountPoint: boolean
}

export interface NewRoot {
  path: string
  label: string
  kind: RootKind
  kindSource: 'detected' | 'user'
  status: RootStatus
  statusReason: string | null
  now: number
}

export interface RootOptions {
  label: string
  kind: RootKind
  kindSource: 'detected' | 'user'
  exclusions: string[]
  indexAllFiles: boolean
  virusScan: boolean
  scanIntervalMs: number | null
  inbox: string
}

export class RootsRepository {
  private readonly statements

  constructor(db: Db) {
    this.statements = {
      list: db.prepare<[], RootRow>(LIST_SQL),
      get: db.prepare<[number], RootRow>('SELECT * FROM roots WHERE id = ?'),
      insert: db.prepare<
        [string, string, RootKind, string, RootStatus, string | null, number, number]
      >(
        `INSERT INTO roots (path, label, kind, kind_source, status, status_reason, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(
        `UPDATE roots SET label = @label, kind = @kind, kind_source = @kindSource,
           exclusions = @exclusions, index_all_files = @indexAllFiles, virus_scan = @virusScan,
           scan_interval_ms = @scanIntervalMs, inbox = @inbox, updated_at = @now
         WHERE id = @id`,
      ),
      setStatus: db.prepare<[RootStatus, string | null, number, number]>(
        'UPDATE roots SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?',
      ),
      setNotice: db.prepare<[string | null, number, number]>(
        'UPDATE roots SET notice = ?, updated_at = ? WHERE id = ?',
      ),
      identity: db.prepare<[number], { device: string | null; was_mount_point: number }>(
        'SELECT device, was_mount_point FROM roots WHERE id = ?',
      ),
      setIdentity: db.prepare<[string | null, number, number, number]>(
        'UPDATE roots SET device = ?, was_mount_point = ?, last_scan_at = ? WHERE id = ?',
      ),
      remove: db.prepare<[number]>('DELETE FROM roots WHERE id = ?'),
      resetScanning: db.prepare<[number]>(
        "UPDATE roots SET status = 'online', updated_at = ? WHERE status = 'scanning'",
      ),
    }
  }

  list(): Root[] {
    return this.statements.list.all().map(toRoot)
  }

  get(id: number): Root | undefined {
    const row = this.statements.get.get(id)
    return row ? toRoot(row) : undefined
  }

  insert(root: NewRoot): Root {
    const { lastInsertRowid } = this.statements.insert.run(
      root.path,
      root.label,
      root.kind,
      root.kindSource,
      root.status,
      root.statusReason,
      root.now,
      root.now,
    )
    return this.get(Number(lastInsertRowid))!
  }

  update(id: number, options: RootOptions, now: number): Root | undefined {
    this.statements.update.run({
      id,
      now,
      label: options.label,
      kind: options.kind,
      kindSource: options.kindSource,
      exclusions: JSON.stringify(options.exclusions),
      indexAllFiles: options.indexAllFiles ? 1 : 0,
      virusScan: options.virusScan ? 1 : 0,
      scanIntervalMs: options.scanIntervalMs,
      inbox: options.inbox,
    })
    return this.get(id)
  }

  setStatus(id: number, status: RootStatus, reason: string | null, now: number): void {
    this.statements.setStatus.run(status, reason, now, id)
  }

  setNotice(id: number, notice: string | null, now: number): void {
    this.statements.setNotice.run(notice, now, id)
  }

  identity(id: number): VolumeIdentity | undefined {
    const row = this.statements.identity.get(id)
    return row ? { device: row.device, wasMountPoint: row.was_mount_point === 1 } : undefined
  }

  /** Records the volume seen by a completed scan. */
  setIdentity(id: number, identity: VolumeIdentity, scannedAt: number): void {
    this.statements.setIdentity.run(identity.device, identity.wasMountPoint ? 1 : 0, scannedAt, id)
  }

  remove(id: number): boolean {
    return this.statements.remove.run(id).changes > 0
  }

  /**
   * Roots a dead process left marked scanning go back to online (the next scan checks them);
   * returns how many there were.
   */
  resetScanning(now: number): number {
    return this.statements.resetScanning.run(now).changes
  }
}

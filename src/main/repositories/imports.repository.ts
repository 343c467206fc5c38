import { transaction } from '../db/transaction'
import type { AssetType } from '../../shared/domain'
import type { ExistingCopy } from '../../shared/contract'
import type { Db } from '../db/connection'
import { FolderTagsRepository } from './folder-tags.repository'

export type ImportState = 'planning' | 'copying' | 'done' | 'cancelled' | 'failed'
export type ImportFileState =
  'pending' | 'copying' | 'committing' | 'imported' | 'duplicate' | 'failed' | 'cancelled'

export interface ImportRow {
  id: string
  rootId: number
  targetDir: string
  sources: string[]
  onDuplicate: 'skip' | 'keep'
  status: ImportState
  error: string | null
  errorCode: string | null
}

export interface ImportFileRow {
  id: number
  importId: string
  kind: 'path' | 'upload'
  source: string
  relPath: string
  size: number
  mtimeMs: number
  status: ImportFileState
  part: string | null
  partInode: string | null
  sha256: string | null
  fingerprint: string | null
  dest: string | null
  assetId: number | null
  existing: ExistingCopy[] | null
  action: 'skipped' | 'kept' | null
  error: string | null
}

export interface NewImportFile {
  kind: 'path' | 'upload'
  source: string
  relPath: string
  size: number
  mtimeMs: number
  status: 'pending' | 'duplicate' | 'failed'
  sha256?: string | null
  existing?: ExistingCopy[] | null
  action?: 'skipped' | 'kept' | null
  error?: string | null
}

/** An imported file, as the asset the scanner would have made of it, with its hash known. */
export interface ImportedAsset {
  rootId: number
  dir: string
  name: string
  ext: string
  type: AssetType
  size: number
  mtimeMs: number
  inode: string
  device: string
  sha256: string
  fingerprint: string
}

type RawImport = Omit<ImportRow, 'sources'> & { sources: string }
type RawFile = Omit<ImportFileRow, 'existing'> & { existing: string | null }

const FILE_COLUMNS = `id, import_id AS importId, kind, source, rel_path AS relPath, size,
  mtime_ms AS mtimeMs, status, part, part_inode AS partInode, sha256, fingerprint, dest,
  asset_id AS assetId, existing, action, error`

/** Imports and their files (migration 0007), and the asset rows imports add. */
export class ImportsRepository {
  private readonly s

  /** Prepared when first needed: migration tests use this repository on older schemas. */
  private folderTags: FolderTagsRepository | undefined

  constructor(private readonly db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO imports (id, root_id, target_dir, sources, on_duplicate, status, created_at, updated_at)
         VALUES (@id, @rootId, @targetDir, @sources, @onDuplicate, 'planning', @now, @now)`,
      ),
      get: db.prepare<[string], RawImport>(
        `SELECT id, root_id AS rootId, target_dir AS targetDir, sources, on_duplicate AS onDuplicate,
           status, error, error_code AS errorCode FROM imports WHERE id = ?`,
      ),
      unfinished: db.prepare<[], { id: string }>(
        "SELECT id FROM imports WHERE status IN ('planning', 'copying') ORDER BY created_at",
      ),
      setStatus: db.prepare<[string, string | null, string | null, number, string]>(
        'UPDATE imports SET status = ?, error = ?, error_code = ?, updated_at = ? WHERE id = ?',
      ),
      insertFile: db.prepare(
        `INSERT INTO import_files (import_id, kind, source, rel_path, size, mtime_ms, status, sha256,
           existing, action, error, updated_at)
         VALUES (@importId, @kind, @source, @relPath, @size, @mtimeMs, @status, @sha256, @existing,
           @action, @error, @now)`,
      ),
      files: db.prepare<[string], RawFile>(
        `SELECT ${FILE_COLUMNS} FROM import_files WHERE import_id = ? ORDER BY id`,
      ),
      file: db.prepare<[number], RawFile>(`SELECT ${FILE_COLUMNS} FROM import_files WHERE id = ?`),
      copying: db.prepare<[string, number, number]>(
        "UPDATE import_files SET status = 'copying', part = ?, updated_at = ? WHERE id = ?",
      ),
      committing: db.prepare(
        `UPDATE import_files SET status = 'committing', sha256 = @sha256, fingerprint = @fingerprint,
           part_inode = @partInode, size = @size, mtime_ms = @mtimeMs, updated_at = @now WHERE id = @id`,
      ),
      imported: db.prepare<[string, number, number, number]>(
        `UPDATE import_files SET status = 'imported', part = NULL, dest = ?, asset_id = ?,
           updated_at = ? WHERE id = ?`,
      ),
      duplicate: db.prepare(
        `UPDATE import_files SET status = CASE WHEN @action = 'skipped' THEN 'duplicate' ELSE status END,
           part = CASE WHEN @action = 'skipped' THEN NULL ELSE part END,
           sha256 = @sha256, existing = @existing, action = @action, updated_at = @now WHERE id = @id`,
      ),
      failed: db.prepare<[string, number, number]>(
        "UPDATE import_files SET status = 'failed', part = NULL, error = ?, updated_at = ? WHERE id = ?",
      ),
      cancelled: db.prepare<[number, number]>(
        "UPDATE import_files SET status = 'cancelled', part = NULL, updated_at = ? WHERE id = ?",
      ),
      pending: db.prepare<[number, number]>(
        `UPDATE import_files SET status = 'pending', part = NULL, part_inode = NULL, updated_at = ?
         WHERE id = ?`,
      ),
      resize: db.prepare<[number, number, number, number]>(
        'UPDATE import_files SET size = ?, mtime_ms = ?, updated_at = ? WHERE id = ?',
      ),
      hashedWithSize: db.prepare<[number], { one: number }>(
        'SELECT 1 AS one FROM assets WHERE size = ? AND sha256 IS NOT NULL LIMIT 1',
      ),
      copiesOf: db.prepare<
        [string],
        { assetId: number; rootPath: string; dir: string; name: string }
      >(
        `SELECT a.id AS assetId, r.path AS rootPath, a.dir, a.name FROM assets a
         JOIN roots r ON r.id = a.root_id
         WHERE a.sha256 = ? AND a.status != 'missing' ORDER BY a.id LIMIT 20`,
      ),
      runningScan: db.prepare<[number], { id: number }>(
        "SELECT id FROM scans WHERE root_id = ? AND status = 'running' ORDER BY id DESC LIMIT 1",
      ),
      // The scanner may have found the file first (a scan that ran between the rename and
      // this insert): then its row gets the hash, and is queued if it was not yet.
      upsertAsset: db.prepare<Record<string, unknown>, { id: number }>(
        `INSERT INTO assets (root_id, dir, name, ext, size, mtime_ms, inode, device, type, status,
           sha256, fingerprint, created_scan, created_at, updated_at)
         VALUES (@rootId, @dir, @name, @ext, @size, @mtimeMs, @inode, @device, @type, 'queued',
           @sha256, @fingerprint, @scanId, @now, @now)
         ON CONFLICT (root_id, dir, name) DO UPDATE SET size = excluded.size,
           mtime_ms = excluded.mtime_ms, inode = excluded.inode, device = excluded.device,
           sha256 = excluded.sha256, fingerprint = excluded.fingerprint,
           status = CASE WHEN status = 'discovered' THEN 'queued' ELSE status END,
           updated_at = excluded.updated_at
         RETURNING id`,
      ),
    }
  }

  transaction<T>(work: () => T): T {
    return transaction(this.db, work)
  }

  create(row: Omit<ImportRow, 'status' | 'error' | 'errorCode'>, now: number): void {
    this.s.insert.run({ ...row, sources: JSON.stringify(row.sources), now })
  }

  get(id: string): ImportRow | undefined {
    const row = this.s.get.get(id)
    return row ? { ...row, sources: JSON.parse(row.sources) as string[] } : undefined
  }

  unfinished(): string[] {
    return this.s.unfinished.all().map((r) => r.id)
  }

  setStatus(
    id: string,
    status: ImportState,
    now: number,
    error?: { message: string; code: string },
  ) {
    this.s.setStatus.run(status, error?.message ?? null, error?.code ?? null, now, id)
  }

  addFiles(importId: string, files: NewImportFile[], now: number): void {
    this.transaction(() => {
      for (const f of files)
        this.s.insertFile.run({
          importId,
          kind: f.kind,
          source: f.source,
          relPath: f.relPath,
          size: f.size,
          mtimeMs: f.mtimeMs,
          status: f.status,
          sha256: f.sha256 ?? null,
          existing: f.existing ? JSON.stringify(f.existing) : null,
          action: f.action ?? null,
          error: f.error ?? null,
          now,
        })
    })
  }

  files(importId: string): ImportFileRow[] {
    return this.s.files.all(importId).map(parseFile)
  }

  file(id: number): ImportFileRow | undefined {
    const row = this.s.file.get(id)
    return row ? parseFile(row) : undefined
  }

  markCopying(id: number, part: string, now: number): void {
    this.s.copying.run(part, now, id)
  }

  markCommitting(
    id: number,
    copy: { sha256: string; fingerprint: string; partInode: string; size: number; mtimeMs: number },
    now: number,
  ): void {
    this.s.committing.run({ id, now, ...copy })
  }

  markImported(id: number, dest: string, assetId: number, now: number): void {
    this.s.imported.run(dest, assetId, now, id)
  }

  /** Its content is in the library: skipped (settled), or kept (it goes on being imported). */
  markDuplicate(
    id: number,
    sha256: string,
    existing: ExistingCopy[],
    action: 'skipped' | 'kept',
    now: number,
  ): void {
    this.s.duplicate.run({ id, sha256, existing: JSON.stringify(existing), action, now })
  }

  markFailed(id: number, error: string, now: number): void {
    this.s.failed.run(error, now, id)
  }

  markCancelled(id: number, now: number): void {
    this.s.cancelled.run(now, id)
  }

  /** Back to be copied from the start (its part is gone). */
  markPending(id: number, now: number): void {
    this.s.pending.run(now, id)
  }

  resize(id: number, size: number, mtimeMs: number, now: number): void {
    this.s.resize.run(size, mtimeMs, now, id)
  }

  /** Whether any hashed asset has this size: only then can a file of this size be a duplicate. */
  anyHashedWithSize(size: number): boolean {
    return this.s.hashedWithSize.get(size) !== undefined
  }

  /** Where this content already is (assets not missing), with absolute paths. */
  copiesOf(sha256: string, join: (...parts: string[]) => string): ExistingCopy[] {
    return this.s.copiesOf
      .all(sha256)
      .map((r) => ({ assetId: r.assetId, path: join(r.rootPath, r.dir, r.name) }))
  }

  /** The scan of this root that is running now, if any (see addAsset). */
  runningScan(rootId: number): number | null {
    return this.s.runningScan.get(rootId)?.id ?? null
  }

  /**
   * The asset of an imported file, queued for processing. A scan of the root running meanwhile
   * counts it as its own new file (created_scan), so its reconcile never takes it for gone.
   */
  addAsset(asset: ImportedAsset, now: number): number {
    const scanId = this.runningScan(asset.rootId)
    const id = this.s.upsertAsset.get({ ...asset, scanId, now })!.id
    this.folderTags ??= new FolderTagsRepository(this.db)
    this.folderTags.arrived(asset.rootId, id)
    return id
  }
}

function parseFile(row: RawFile): ImportFileRow {
  return { ...row, existing: row.existing ? (JSON.parse(row.existing) as ExistingCopy[]) : null }
}

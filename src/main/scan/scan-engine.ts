import { join } from 'node:path'
import type { ScanCounts, ScanProgress } from '../../shared/domain'
import type {
  AssetIndexRepository,
  FolderEntry,
  NewFile,
} from '../repositories/asset-index.repository'
import type { VolumeIdentity } from '../repositories/roots.repository'
import { BitSet } from './bitset'
import { extensionOf, mediaTypeOf } from './media-types'
import { probeRoot, unreachable } from './probe'
import { reconcile } from './reconcile'
import type { FoundFile } from './walk'

export interface ScanRequest {
  rootId: number
  rootPath: string
  scanId: number
  exclusions: string[]
  indexAllFiles: boolean
  /** A network root: the walker stats through folder descriptors (fewer lookups on the wire). */
  network: boolean
  identity: VolumeIdentity
  /** The user confirmed that an empty (or unrecognisable) root really lost its files. */
  confirmEmpty: boolean
}

export type Counts = ScanCounts & { unsettled?: number }

export type ScanOutcome =
  | { status: 'completed'; counts: Counts; identity: VolumeIdentity }
  | { status: 'aborted'; reason: string; counts: Counts }

export type Report = (progress: Omit<ScanProgress, 'rootId' | 'rate'>) => void

const BATCH = 2000
/**
 * A first scan that has found at least this many new files, and at least half as many as the
 * whole table held before it, is a bulk load: the indexes it would keep up to date row by row
 * are dropped and built once when it ends (see DEFERRABLE_INDEXES).
 */
const BULK_MIN = BATCH
/**
 * Rows a transaction of a bulk load takes: each commit writes every index page the batch
 * touched, and the same pages are touched again by the next batch. A transaction still holds
 * the write lock for a fraction of a second only (the rows are gathered before it starts).
 */
const BULK_BATCH = 10_000
/** The fewest rows a first scan writes early when it would otherwise wait for the walker. */
const IDLE_MIN = 1000

/**
 * The database side of one scan of one root. A walker feeds it folder by folder (from another
 * thread, so walking and writing overlap); it never makes a filesystem call inside a
 * transaction, writes in short batches, and marks nothing missing unless the walk completed
 * and the volume is still the one it started on.
 */
export class ScanSession {
  readonly counts: Counts = { seen: 0, added: 0, changed: 0, moved: 0, missing: 0, restored: 0 }
  private readonly seen = new BitSet()
  private readonly protectedPaths: string[] = []
  private seenPresent = 0
  private present = 0
  private indexed = 0
  /** Rows of every root before this scan (counted for a first scan only). */
  private rowsBefore = 0
  private inserted = 0
  private bulk = false
  private before: VolumeIdentity | undefined
  private writes: Array<() => void> = []
  private inserts: NewFile[] = []

  constructor(
    private readonly repo: AssetIndexRepository,
    private readonly request: ScanRequest,
    private readonly report: Report,
    private readonly now: () => number = Date.now,
    private readonly settleMs = 0,
  ) {}

  /** Checks the root before walking; returns the outcome when the scan must not go on. */
  begin(): ScanOutcome | null {
    const { rootId, rootPath } = this.request
    this.report({ phase: 'checking', ...this.counts })
    const probe = probeRoot(rootPath, this.request.identity)
    if (!probe.ok) return this.aborted(probe.reason)
    const rows = this.repo.rootCounts(rootId)
    this.present = rows.present
    if (probe.empty && this.present > 0 && !this.request.confirmEmpty) {
      return this.aborted(
        `${rootPath} is empty, but the library holds ${this.present} files from it. Nothing was ` +
          `marked missing. If the files were really removed, rescan it with "confirm empty".`,
      )
    }
    // A root with no rows at all (a first scan) has nothing to compare against.
    this.indexed = rows.all
    if (this.indexed === 0) this.rowsBefore = this.repo.countEverything()
    this.before = probe.identity
    this.report({ phase: 'walking', ...this.counts })
    return null
  }

  /** All files found in one folder. */
  folder(dir: string, files: FoundFile[]): void {
    const counts = this.counts
    counts.seen += files.length
    const known =
      files.length > 0 && this.indexed > 0
        ? new Map(this.repo.inFolder(this.request.rootId, dir).map((f) => [f.name, f]))
        : new Map<string, FolderEntry>()
    const now = this.now()
    const settledBefore = now - this.settleMs
    for (const file of files) {
      const old = known.get(file.name)
      if (old) {
        this.seen.add(old.id)
        if (old.status !== 'missing') this.seenPresent++
      }
      if (this.settleMs > 0 && file.mtimeMs > settledBefore) {
        // Probably still being copied: leave it (and what we knew of it) for the next scan.
        this.protectedPaths.push(dir === '' ? file.name : `${dir}/${file.name}`)
        counts.unsettled = (counts.unsettled ?? 0) + 1
        continue
      }
      this.classify(old, file, now)
    }
    if (this.writes.length + this.inserts.length >= (this.bulk ? BULK_BATCH : BATCH)) this.flush()
    this.report({ phase: 'walking', ...counts })
  }

  /**
   * The walker has sent nothing more yet. A first scan writes what it has gathered instead of
   * waiting for a whole batch: while its first batches fill, the database side would otherwise
   * sit idle (later it is the slower side, and batches fill while it commits the last one).
   */
  idle(): void {
    if (this.indexed === 0 && this.inserts.length >= IDLE_MIN) this.flush()
  }

  /** An entry the walk could not read: what the index holds under it is not missing. */
  unreadable(relPath: string): void {
    this.protectedPaths.push(relPath)
  }

  /** The walk stopped on an error of the volume itself. */
  volumeError(code: string): ScanOutcome {
    this.flush()
    return this.aborted(unreachable(this.request.rootPath, code))
  }

  /** The walk completed: check the volume again, pair moves, mark what is gone. */
  finish(): ScanOutcome {
    this.flush()
    const { rootId, rootPath } = this.request
    const after = probeRoot(rootPath, this.request.identity)
    if (!after.ok) return this.aborted(after.reason)
    if (after.identity.device !== this.before?.device) {
      return this.aborted(
        `The volume at ${rootPath} changed during the scan. Nothing was marked missing; it will be rescanned.`,
      )
    }
    this.report({ phase: 'reconciling', ...this.counts })
    const problem = reconcile(this.repo, {
      rootId,
      rootPath,
      scanId: this.request.scanId,
      seen: this.seen,
      allPresentSeen: this.seenPresent === this.present,
      protectedPaths: this.protectedPaths,
      presentBefore: this.present,
      confirmEmpty: this.request.confirmEmpty,
      counts: this.counts,
      now: this.now(),
      fileAt: (f) => join(rootPath, f.dir, f.name),
    })
    if (problem) return this.aborted(problem)
    this.repo.queueDiscovered(rootId, this.now())
    return { status: 'completed', counts: this.counts, identity: after.identity }
  }

  private aborted(reason: string): ScanOutcome {
    return { status: 'aborted', reason, counts: this.counts }
  }

  private flush(): void {
    const { writes, inserts } = this
    if (writes.length === 0 && inserts.length === 0) return
    this.writes = []
    this.inserts = []
    const { rootId, scanId } = this.request
    const now = this.now()
    this.inserted += inserts.length
    if (
      !this.bulk &&
      this.indexed === 0 &&
      this.inserted >= BULK_MIN &&
      this.inserted * 2 >= this.rowsBefore
    ) {
      // The caller builds them again (AssetIndexRepository.restoreIndexes) however the scan ends.
      this.bulk = this.repo.deferIndexes(now)
    }
    const first = this.indexed === 0
    const batch = (): void => {
      writes.forEach((write) => write())
      // A first scan of a root queues what it adds as it adds it: updating every row's status
      // after the walk cost a cold index a third of its database time. Later scans keep
      // queueing after the walk, since a scan of the wrong drive drops what it added.
      this.repo.insertAll(rootId, inserts, scanId, now, first)
    }
    if (first) this.repo.firstScanTransaction(rootId, batch)
    else this.repo.transaction(batch)
  }

  /** Queues the write one found file needs, given what the index knew of its path. */
  private classify(old: FolderEntry | undefined, file: FoundFile, now: number): void {
    const { repo, counts } = this
    if (!old) {
      // Spelled out rather than spread: one object shape for every row keeps the insert's
      // parameter filling monomorphic (the spread cost a cold index ~0.1 s per 100k files).
      this.inserts.push({
        dir: file.dir,
        name: file.name,
        size: file.size,
        mtimeMs: file.mtimeMs,
        inode: file.inode,
        device: file.device,
        ext: extensionOf(file.name),
        type: mediaTypeOf(file.name) ?? 'other',
      })
      return
    }
    // A millisecond of slack: copies and remounts may round sub-millisecond times differently.
    const contentChanged = old.size !== file.size || Math.abs(old.mtimeMs - file.mtimeMs) > 1
    if (old.status === 'missing') {
      counts.restored++
      if (contentChanged) counts.changed++
      this.writes.push(
        contentChanged
          ? () => repo.changed(old.id, file, now)
          : () => repo.restore(old.id, file, now),
      )
    } else if (contentChanged) {
      counts.changed++
      this.writes.push(() => repo.changed(old.id, file, now))
    } else if (old.inode !== file.inode || old.device !== file.device) {
      // A remounted share gives the same files new inodes and a new device: not a change.
      this.writes.push(() => repo.updateIdentity(old.id, file, now))
    }
  }
}

import { join } from 'node:path'
import type { ScanCounts, ScanProgress } from '../../shared/domain'
import type {
  AssetIndexRepository,
  IndexedFile,
  NewFile,
} from '../repositories/asset-index.repository'
import type { VolumeIdentity } from '../repositories/roots.repository'
import { BitSet } from './bitset'
import { extensionOf, mediaTypeOf } from './media-types'
import { reconcile } from './reconcile'
import { probeRoot, unreachable } from './probe'
import { VolumeError, walkTree, type FoundFile } from './walk'

export interface ScanRequest {
  rootId: number
  rootPath: string
  scanId: number
  exclusions: string[]
  indexAllFiles: boolean
  identity: VolumeIdentity
  /** The user confirmed that an empty (or unrecognisable) root really lost its files. */
  confirmEmpty: boolean
}

export type ScanOutcome =
  | { status: 'completed'; counts: ScanCounts & { unsettled?: number }; identity: VolumeIdentity }
  | { status: 'aborted'; reason: string; counts: ScanCounts }

export type Report = (progress: Omit<ScanProgress, 'rootId' | 'rate'>) => void

const BATCH = 500

/**
 * One scan of one root, start to finish, on the scan worker. Filesystem calls happen outside
 * transactions (a hung call never holds the database lock); writes go in short batches; nothing
 * is marked missing unless the walk completed and the volume is still the one we started on.
 */
export function runScan(
  repo: AssetIndexRepository,
  request: ScanRequest,
  report: Report,
  tick: () => void,
  now: () => number = Date.now,
  settleMs = 0,
): ScanOutcome {
  const counts: ScanCounts & { unsettled?: number } = {
    seen: 0,
    added: 0,
    changed: 0,
    moved: 0,
    missing: 0,
    restored: 0,
  }
  const { rootId, rootPath } = request
  const aborted = (reason: string): ScanOutcome => ({ status: 'aborted', reason, counts })

  report({ phase: 'checking', ...counts })
  const before = probeRoot(rootPath, request.identity)
  if (!before.ok) return aborted(before.reason)
  const present = repo.countPresent(rootId)
  if (before.empty && present > 0 && !request.confirmEmpty) {
    return aborted(
      `${rootPath} is empty, but the library holds ${present} files from it. Nothing was marked missing. ` +
        `If the files were really removed, rescan it with "confirm empty".`,
    )
  }

  const seen = new BitSet()
  const protectedPaths: string[] = []
  let writes: Array<() => void> = []
  const flush = (): void => {
    const batch = writes
    writes = []
    if (batch.length > 0) repo.transaction(() => batch.forEach((write) => write()))
  }

  report({ phase: 'walking', ...counts })
  try {
    walkTree({
      root: rootPath,
      exclusions: request.exclusions,
      indexAllFiles: request.indexAllFiles,
      sink: {
        tick,
        unreadable: (relPath) => void protectedPaths.push(relPath),
        folder: (dir, files) => {
          counts.seen += files.length
          const known =
            files.length > 0
              ? new Map(repo.inFolder(rootId, dir).map((f) => [f.name, f]))
              : new Map()
          const settledBefore = now() - settleMs
          for (const file of files) {
            const old = known.get(file.name) as IndexedFile | undefined
            if (settleMs > 0 && file.mtimeMs > settledBefore) {
              // Probably still being copied: leave it (and what we knew of it) for the next scan.
              protectedPaths.push(dir === '' ? file.name : `${dir}/${file.name}`)
              if (old) seen.add(old.id)
              counts.unsettled = (counts.unsettled ?? 0) + 1
              continue
            }
            if (old) seen.add(old.id)
            writes.push(...classify(repo, request, old, file, counts, now()))
          }
          if (writes.length >= BATCH) flush()
          report({ phase: 'walking', ...counts })
        },
      },
    })
  } catch (error) {
    flush()
    if (error instanceof VolumeError) return aborted(unreachable(rootPath, error.code))
    throw error
  }
  flush()

  const after = probeRoot(rootPath, request.identity)
  if (!after.ok) return aborted(after.reason)
  if (after.identity.device !== before.identity.device) {
    return aborted(
      `The volume at ${rootPath} changed during the scan. Nothing was marked missing; it will be rescanned.`,
    )
  }

  report({ phase: 'reconciling', ...counts })
  const outcome = reconcile(repo, {
    rootId,
    rootPath,
    scanId: request.scanId,
    seen,
    protectedPaths,
    presentBefore: present,
    confirmEmpty: request.confirmEmpty,
    counts,
    now: now(),
    fileAt: (f) => join(rootPath, f.dir, f.name),
  })
  if (outcome) return aborted(outcome)
  return { status: 'completed', counts, identity: after.identity }
}

/** The writes one found file needs, given what the index knew of its path. */
function classify(
  repo: AssetIndexRepository,
  request: ScanRequest,
  old: IndexedFile | undefined,
  file: FoundFile,
  counts: ScanCounts,
  now: number,
): Array<() => void> {
  if (!old) {
    const ext = extensionOf(file.name)
    const entry: NewFile = { ...file, ext, type: mediaTypeOf(file.name) ?? 'other' }
    return [() => void repo.insert(request.rootId, entry, request.scanId, now)]
  }
  // A millisecond of slack: copies and remounts may round sub-millisecond times differently.
  const contentChanged = old.size !== file.size || Math.abs(old.mtimeMs - file.mtimeMs) > 1
  if (old.status === 'missing') {
    counts.restored++
    if (contentChanged) counts.changed++
    return [
      contentChanged
        ? () => repo.changed(old.id, file, now)
        : () => repo.restore(old.id, file, now),
    ]
  }
  if (contentChanged) {
    counts.changed++
    return [() => repo.changed(old.id, file, now)]
  }
  // A remounted share gives the same files new inodes and a new device: not a change.
  if (old.inode !== file.inode || old.device !== file.device) {
    return [() => repo.updateIdentity(old.id, file, now)]
  }
  return []
}

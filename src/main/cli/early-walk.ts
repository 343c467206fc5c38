import { dataPaths } from '../paths'
import { LibraryLockRepository } from '../repositories/library-lock.repository'
import { peekRoots } from '../repositories/roots.repository'
import { startEarlyWalk, walkerCount, type WalkTarget } from '../scan/scan-threads'
import type { WorkerSpecs } from '../workers'

/**
 * `scan` of every root: which root it scans first is known before the core has loaded (a
 * read-only look at the library), so the prestarted walkers are given that root at once and
 * list while the core loads, instead of ~70 ms later (docs/indexing.md, "Speed", round 6). Only
 * when this process will hold the library, and only for a local root: a share that hangs would
 * hold a thread the scan may never take. The scan takes the walkers only if they walk what it
 * asks for, as many as it would have started (walkerCount); any left over end with the command.
 */
export function startRescanWalk(specs: WorkerSpecs, dataDir: string): void {
  const walkers = specs('walk').prestarted
  if (!walkers?.length || new LibraryLockRepository(dataDir).holder()) return
  const first = peekRoots(dataPaths(dataDir).databasePath)[0]
  if (first?.kind !== 'local') return
  const target: WalkTarget = {
    root: first.path,
    exclusions: first.exclusions,
    indexAllFiles: first.indexAllFiles,
    statViaFolder: false,
  }
  startEarlyWalk(walkers.slice(0, walkerCount(target, first.lastScanAt !== null)), target)
}

import { dataPaths } from '../paths'
import { LibraryLockRepository } from '../repositories/library-lock.repository'
import { peekRoots } from '../repositories/roots.repository'
import { startEarlyWalk } from '../scan/scan-threads'
import type { WorkerSpecs } from '../workers'

/**
 * `scan` of every root: which root it scans first is known before the core has loaded (a
 * read-only look at the library), so the prestarted walker is given that root at once and lists
 * while the core loads, instead of ~70 ms later (docs/indexing.md, "Speed", round 6). Only when
 * this process will hold the library, and only for a local root: a share that hangs would hold
 * a thread the scan may never take. The scan takes the walker only if it walks what it asks for.
 */
export function startRescanWalk(specs: WorkerSpecs, dataDir: string): void {
  const walker = specs('walk').prestarted?.[0]
  if (!walker || new LibraryLockRepository(dataDir).holder()) return
  const first = peekRoots(dataPaths(dataDir).databasePath)[0]
  if (first?.kind !== 'local') return
  startEarlyWalk(walker, {
    root: first.path,
    exclusions: first.exclusions,
    indexAllFiles: first.indexAllFiles,
    statViaFolder: false,
  })
}

import { join } from 'node:path'
import type { ExistingCopy, ImportUpload } from '../../shared/contract'
import type { ImportFileRow, NewImportFile } from '../repositories/imports.repository'
import type { ImportDeps, RunContext } from './import-run'

/**
 * What the page says of its uploads before sending a byte: each file's SHA-256 (issue 11,
 * point 3, "before copying"). A content already in the library is a duplicate at once —
 * skipped, so never uploaded, unless the user keeps duplicates. Of twins in one drop the first is
 * uploaded; the others wait for it (pending, action `skipped`, never asked for) and become
 * its duplicates once it is in. The claim is only a hint: the bytes that arrive are hashed and a
 * file that does not match its claim fails (`claimMismatch`).
 */
export function applyClaims(
  planned: NewImportFile[],
  uploads: ImportUpload[],
  onDuplicate: 'skip' | 'keep',
  copiesOf: (sha256: string) => ExistingCopy[],
): void {
  const carried = new Set<string>()
  planned.forEach((entry, i) => {
    const sha256 = uploads[i]?.sha256
    if (!sha256 || entry.status !== 'pending') return
    entry.sha256 = sha256
    const existing = copiesOf(sha256)
    if (existing.length > 0) {
      Object.assign(
        entry,
        onDuplicate === 'keep'
          ? { existing, action: 'kept' }
          : { existing, action: 'skipped', status: 'duplicate' },
      )
    } else if (onDuplicate === 'skip' && carried.has(sha256)) {
      // `existing: []` marks a twin for good (it stays when the twin fails or is cancelled).
      Object.assign(entry, { action: 'skipped', existing: [] })
    } else carried.add(sha256)
  })
}

/** A planned upload that waits for its twin in the drop instead of being uploaded. */
export const isWaitingTwin = (f: Pick<ImportFileRow, 'kind' | 'status' | 'action'>): boolean =>
  f.kind === 'upload' && f.status === 'pending' && f.action === 'skipped'

/**
 * An upload settled: the twins that waited for it settle too — as its duplicates when its
 * content is now in the library, else failed with a sentence (it failed, or was cancelled).
 */
export function settleTwins(
  ctx: RunContext,
  deps: ImportDeps,
  carrier: ImportFileRow,
  settle: (fileId: number) => void,
): void {
  const wasTwin = carrier.existing !== null && carrier.existing.length === 0
  if (!carrier.sha256 || wasTwin || ctx.cancelled) return
  const twins = deps.imports
    .files(ctx.row.id)
    .filter((f) => f.sha256 === carrier.sha256 && isWaitingTwin(f))
  if (twins.length === 0) return
  const existing = deps.imports.copiesOf(carrier.sha256, join)
  for (const twin of twins) {
    if (existing.length > 0)
      deps.imports.markDuplicate(twin.id, carrier.sha256, existing, 'skipped', deps.now())
    else
      deps.imports.markFailed(
        twin.id,
        `${twin.relPath} has the same content as ${carrier.relPath} in this drop, which was not imported (see why there): drop it again.`,
        deps.now(),
      )
    settle(twin.id)
  }
}

/** The bytes that arrived are not what the page said it would send. */
export function claimMismatch(relPath: string, claimed: string, arrived: string): string {
  return `${relPath} did not arrive as the page described it: its bytes hash to ${arrived.slice(0, 12)}…, not the ${claimed.slice(0, 12)}… the page announced (the file may have changed on disk during the upload). Nothing was kept; drop it again.`
}

import { join } from 'node:path'
import { isOutOfSpace } from '../errors'
import { JobName, PRIORITY } from '../jobs/job-names'
import { ImportStalled, type FinalFile } from '../repositories/import-files.repository'
import type { ImportFileRow } from '../repositories/imports.repository'
import { extensionOf, mediaTypeOf } from '../scan/media-types'
import { outcomeOf } from './import-plan'
import type { ImportDeps, RunContext } from './import-run'
import { settleTwins } from './import-upload-claims'

/** Where a file of the drop goes: its folder (absolute and relative to the root) and name. */
export function placeOf(
  ctx: RunContext,
  relPath: string,
): { abs: string; dir: string; name: string } {
  const slash = relPath.lastIndexOf('/')
  const inner = slash < 0 ? '' : relPath.slice(0, slash)
  const dir = [ctx.row.targetDir, inner].filter((s) => s !== '').join('/')
  return { abs: join(ctx.root.path, dir), dir, name: relPath.slice(slash + 1) }
}

/** `.marquee-import-<import>-<file>.part` beside where the file goes: a dot name, never indexed. */
export function partOf(ctx: RunContext, file: ImportFileRow): string {
  return join(
    placeOf(ctx, file.relPath).abs,
    `.marquee-import-${ctx.row.id.slice(0, 8)}-${file.id}.part`,
  )
}

/**
 * Copies one dropped file: into its `.part` while hashing, fsynced (and read back on a network
 * root); a source that changed meanwhile is copied once more, then reported. Content already in
 * the library (found now that the hash is known) is dropped when duplicates are skipped. Then
 * the part is renamed into place and the asset recorded.
 */
export async function copyFile(
  ctx: RunContext,
  deps: ImportDeps,
  file: ImportFileRow,
): Promise<void> {
  const controller = new AbortController()
  const signal = AbortSignal.any([ctx.controller.signal, controller.signal])
  ctx.copies.set(file.id, controller)
  const part = partOf(ctx, file)
  const name = placeOf(ctx, file.relPath).name
  try {
    deps.imports.markCopying(file.id, part, deps.now())
    ctx.progress.begin({
      fileId: file.id,
      source: file.source,
      name: file.relPath,
      size: file.size,
    })
    let copied
    for (let attempt = 1; ; attempt++) {
      copied = await ctx.copying.run(() =>
        deps.files.run(
          {
            op: 'copy',
            source: file.source,
            expected: attempt === 1 ? { size: file.size, mtimeMs: file.mtimeMs } : null,
            part,
            verify: ctx.root.kind === 'network',
            // A local disk: the kernel copies while the source is hashed (import-fs-kernel.ts).
            inKernel: ctx.root.kind === 'local',
          },
          { signal, onBytes: (n) => ctx.progress.advance(file.id, n) },
        ),
      )
      if (copied.status !== 'changed' || attempt === 2) break
      ctx.progress.restart(file.id)
    }
    if (copied.status === 'copied') {
      // Outside the copy slot: another file's bytes move while the disk takes this one's.
      if (!copied.synced) await deps.files.syncLocal(part)
      return await place(ctx, deps, file, part, copied)
    }
    if (copied.status === 'stopped') return stopped(ctx, deps, file, controller.signal.aborted)
    fail(
      ctx,
      deps,
      file,
      copied.status === 'changed'
        ? `${name} changed while it was being copied, twice. Import it again once nothing writes to it any more.`
        : `${name} did not read back as it was written to ${ctx.target}: the share may be unreliable. Nothing was kept; import it again.`,
    )
  } catch (error) {
    if (signal.aborted) return stopped(ctx, deps, file, controller.signal.aborted)
    await deps.files.run({ op: 'remove', paths: [part] }).catch(() => undefined)
    fail(ctx, deps, file, copyError(ctx, deps, name, error))
  } finally {
    ctx.copies.delete(file.id)
  }
}

/** A copied part (verified, fsynced): skipped if its content turned out to be there, else placed. */
export async function place(
  ctx: RunContext,
  deps: ImportDeps,
  file: ImportFileRow,
  part: string,
  copied: { sha256: string; fingerprint: string; partInode: string; size: number; mtimeMs: number },
): Promise<void> {
  if (ctx.row.onDuplicate === 'skip' && file.action !== 'kept') {
    // Its twin in the same drop may be being placed right now: once in, it is a copy to find.
    let twin: Promise<void> | undefined
    while ((twin = ctx.placing.get(copied.sha256))) await twin.catch(() => undefined)
    const existing = deps.imports.copiesOf(copied.sha256, join)
    if (existing.length > 0) {
      await deps.files.run({ op: 'remove', paths: [part] })
      deps.imports.markDuplicate(file.id, copied.sha256, existing, 'skipped', deps.now())
      return settle(ctx, deps, file.id, true)
    }
  }
  deps.imports.markCommitting(file.id, copied, deps.now())
  const { abs, name } = placeOf(ctx, file.relPath)
  const placing = deps.files
    .run({ op: 'commit', part, dir: abs, name })
    .then((final) => record(ctx, deps, file.id, final, copied))
  ctx.placing.set(copied.sha256, placing)
  try {
    await placing
  } finally {
    if (ctx.placing.get(copied.sha256) === placing) ctx.placing.delete(copied.sha256)
  }
}

/** The placed file becomes an asset with its hash, queued for processing before anything else. */
export function record(
  ctx: RunContext,
  deps: ImportDeps,
  fileId: number,
  final: FinalFile,
  copied: { sha256: string; fingerprint: string },
): void {
  const file = deps.imports.file(fileId)!
  const { dir } = placeOf(ctx, file.relPath)
  const now = deps.now()
  deps.imports.transaction(() => {
    const assetId = deps.imports.addAsset(
      {
        rootId: ctx.root.id,
        dir,
        name: final.name,
        ext: extensionOf(final.name),
        type: mediaTypeOf(final.name) ?? 'other',
        size: final.size,
        mtimeMs: final.mtimeMs,
        inode: final.inode,
        device: final.device,
        sha256: copied.sha256,
        fingerprint: copied.fingerprint,
      },
      now,
    )
    deps.jobs.enqueue(JobName.AssetIdentify, assetId, PRIORITY.dropped, now)
    deps.imports.markImported(
      fileId,
      dir === '' ? final.name : `${dir}/${final.name}`,
      assetId,
      now,
    )
  })
  deps.wakeQueue()
  settle(ctx, deps, fileId, true)
}

/** Tells the progress (and so every window) where a file ended up. */
export function settle(ctx: RunContext, deps: ImportDeps, fileId: number, copied: boolean): void {
  const row = deps.imports.file(fileId)!
  const outcome = outcomeOf(row, ctx.root.path)
  if (outcome) ctx.progress.settle(outcome, row.size, copied)
  if (row.kind !== 'upload') return
  settleTwins(ctx, deps, row, (twinId) => settle(ctx, deps, twinId, true))
  ctx.nudge()
}

export function fail(ctx: RunContext, deps: ImportDeps, file: ImportFileRow, error: string): void {
  deps.imports.markFailed(file.id, error, deps.now())
  settle(ctx, deps, file.id, true)
}

/** Stopped: cancelled (this file, or the whole import), or Marquee closing (copied again later). */
function stopped(ctx: RunContext, deps: ImportDeps, file: ImportFileRow, alone: boolean): void {
  if (ctx.closing && !alone) return deps.imports.markPending(file.id, deps.now())
  deps.imports.markCancelled(file.id, deps.now())
  settle(ctx, deps, file.id, true)
}

function copyError(ctx: RunContext, deps: ImportDeps, name: string, error: unknown): string {
  const code = (error as { code?: string }).code
  if (isOutOfSpace(error)) {
    ctx.stopRest = `Not copied: ${ctx.target} filled up during the import. Free some space there and drop it again.`
    return `${ctx.target} filled up while ${name} was being copied: its partial copy was removed, and the files copied before it are whole. Free some space there and drop the rest again.`
  }
  if (error instanceof ImportStalled) {
    const reason = `${ctx.root.path} or the dropped files stopped answering (${error.message}): if either is on a NAS or a share, check that it is reachable.`
    ctx.stopRest = `Not copied: ${reason}`
    return `${name} was not copied: ${reason}`
  }
  if (code === 'ENOENT')
    return `${name} is not there any more: it was moved or deleted after it was dropped.`
  if (code === 'EACCES' || code === 'EPERM')
    return `${name} could not be copied: permission denied (${code}). Check the permissions of the file and of ${ctx.target}.`
  deps.logger.warn(`import: copying ${name} failed`, error)
  return `${name} could not be copied (${code ?? (error as Error)?.message ?? 'unknown error'}).`
}

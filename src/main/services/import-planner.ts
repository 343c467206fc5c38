import { join } from 'node:path'
import type { ImportUpload } from '../../shared/contract'
import { AppError } from '../errors'
import { ImportStalled, type ListedFile } from '../repositories/import-files.repository'
import type { NewImportFile } from '../repositories/imports.repository'
import {
  listingProblem,
  marginFor,
  MAX_FILES,
  notEnoughSpace,
  offlineTarget,
  readOnlyTarget,
  refusalOf,
} from './import-plan'
import { applyClaims } from './import-upload-claims'
import type { ImportDeps, RunContext } from './import-run'

/**
 * Everything decided before any byte moves, for dropped paths: the target is online and
 * writable; every file is listed; files that are not media (or inside the data directory) are
 * refused; files whose content is already in the library are found (only files of a size some
 * hashed asset has are hashed: docs/decisions.md, "Imports"); and the target has room for the
 * rest plus a margin. Then the files are recorded, ready to copy.
 */
export async function planSources(ctx: RunContext, deps: ImportDeps): Promise<void> {
  const { row, root, progress } = ctx
  const signal = ctx.controller.signal
  const free = await checkTarget(ctx, deps)
  const listing = await deps.files
    .run({ op: 'list', sources: row.sources, maxFiles: MAX_FILES }, { signal })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'E2BIG') throw stalledSource(error)
      throw new AppError(
        'INVALID_ARGUMENT',
        `The drop holds more than ${MAX_FILES.toLocaleString('en-US')} files: import its folders one by one.`,
      )
    })
  const planned: NewImportFile[] = listing.problems.map(({ source, code }) => ({
    ...fileOf({ source, real: source, relPath: source, size: 0, mtimeMs: 0 }),
    status: 'failed',
    error: listingProblem(source, code),
  }))
  const candidates: Array<{ listed: ListedFile; entry: NewImportFile }> = []
  for (const listed of listing.files) {
    const refusal = refusalOf(listed, root, deps.dataDir)
    const entry: NewImportFile = refusal
      ? { ...fileOf(listed), status: 'failed', error: refusal }
      : fileOf(listed)
    planned.push(entry)
    if (!refusal && deps.imports.anyHashedWithSize(listed.size)) candidates.push({ listed, entry })
  }
  progress.checking(candidates.reduce((sum, c) => sum + c.listed.size, 0))
  for (const { listed, entry } of candidates) {
    signal.throwIfAborted()
    const hashed = await deps.files
      .run(
        { op: 'hash', path: listed.source },
        { signal, onBytes: (n) => progress.advance(null, n) },
      )
      .catch((error: unknown) => {
        if (signal.aborted) throw error
        // Unreadable now: the copy will try again and say what is wrong.
        return null
      })
    if (!hashed || hashed.changed) continue
    const existing = deps.imports.copiesOf(hashed.sha256, join)
    if (existing.length === 0) continue
    Object.assign(entry, {
      sha256: hashed.sha256,
      existing,
      action: row.onDuplicate === 'keep' ? 'kept' : 'skipped',
      status: row.onDuplicate === 'keep' ? 'pending' : 'duplicate',
    })
  }
  checkSpace(ctx, planned, free)
  signal.throwIfAborted()
  deps.imports.transaction(() => {
    deps.imports.addFiles(row.id, planned, deps.now())
    deps.imports.setStatus(row.id, 'copying', deps.now())
  })
}

/**
 * Uploads: the same refusals by name and size; duplicates by the hash the page claims (known
 * before any byte moves), else once the bytes are in.
 */
export async function planUploads(
  ctx: RunContext,
  deps: ImportDeps,
  uploads: ImportUpload[],
): Promise<void> {
  const free = await checkTarget(ctx, deps)
  const now = deps.now()
  const planned = uploads.map((upload): NewImportFile => {
    const relPath = uploadPath(upload.name)
    const base: NewImportFile = {
      kind: 'upload',
      source: upload.name,
      relPath: relPath ?? upload.name,
      size: upload.size,
      mtimeMs: Math.trunc(upload.lastModified ?? now),
      status: 'pending',
    }
    const refusal = relPath
      ? refusalOf({ real: '', relPath, size: upload.size }, ctx.root, deps.dataDir)
      : `"${upload.name}" is not a name Marquee can give a file (hidden, empty or with "..").`
    return refusal ? { ...base, status: 'failed', error: refusal } : base
  })
  applyClaims(planned, uploads, ctx.row.onDuplicate, (sha) => deps.imports.copiesOf(sha, join))
  checkSpace(ctx, planned, free)
  deps.imports.transaction(() => {
    deps.imports.addFiles(ctx.row.id, planned, now)
    deps.imports.setStatus(ctx.row.id, 'copying', now)
  })
}

/** A browser's relative path, checked segment by segment; null when it cannot be a file name. */
export function uploadPath(name: string): string | null {
  const segments = name
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '')
  const bad = (s: string): boolean => s.startsWith('.') || s.includes('\0') || s.length > 255
  if (segments.length === 0 || segments.some(bad)) return null
  return segments.join('/')
}

/** The target is online and writable; answers how much room it has. */
async function checkTarget(ctx: RunContext, deps: ImportDeps): Promise<number> {
  const { root, target } = ctx
  if (root.status === 'offline') throw new AppError('UNAVAILABLE', offlineTarget(root))
  try {
    const probe = await deps.files.run({ op: 'probe', dir: target })
    if (!probe.writable) throw new AppError('INVALID_ARGUMENT', readOnlyTarget(target, probe.code))
    return probe.freeBytes
  } catch (error) {
    if (!(error instanceof ImportStalled)) throw error
    const reason = `${root.path} is not answering (${error.message}): its NAS or share may be asleep or disconnected. Marquee will try it again by itself.`
    deps.roots.setStatus(root.id, 'offline', reason)
    throw new AppError('UNAVAILABLE', offlineTarget({ ...root, statusReason: reason }))
  }
}

function checkSpace(ctx: RunContext, planned: NewImportFile[], free: number): void {
  const bytes = planned
    .filter((f) => f.status === 'pending' && !(f.kind === 'upload' && f.action === 'skipped'))
    .reduce((sum, f) => sum + f.size, 0)
  if (bytes === 0) return
  const needed = bytes + marginFor(bytes)
  if (needed > free) throw new AppError('NO_SPACE', notEnoughSpace(ctx.target, needed, free))
}

function stalledSource(error: unknown): unknown {
  if (!(error instanceof ImportStalled)) return error
  return new AppError(
    'UNAVAILABLE',
    `What was dropped did not answer while Marquee listed it (${error.message}): if it is on a NAS or a share, check it is reachable, then drop again. Nothing was copied.`,
  )
}

function fileOf(listed: ListedFile): NewImportFile {
  return {
    kind: 'path',
    source: listed.source,
    relPath: listed.relPath,
    size: listed.size,
    mtimeMs: listed.mtimeMs,
    status: 'pending',
  }
}

import { isAbsolute, join, relative, sep } from 'node:path'
import type { ImportFileOutcome, ImportResult, ImportTarget } from '../../shared/contract'
import type { Root } from '../../shared/domain'
import { AppError } from '../errors'
import { formatBytes } from '../format'
import { isSameOrInside } from '../paths'
import type { ImportFileRow } from '../repositories/imports.repository'
import { mediaTypeOf } from '../scan/media-types'

/** Room left over after a drop: filesystems misbehave when full, and others write there too. */
export const MARGIN_MIN_BYTES = 16 * 1024 * 1024
export const MARGIN_RATIO = 0.01

/** Drops larger than this are refused (a mistaken drop of a whole disk). */
export const MAX_FILES = 100_000

export const marginFor = (bytes: number): number =>
  Math.max(MARGIN_MIN_BYTES, Math.ceil(bytes * MARGIN_RATIO))

/** `Inbox/2026-05-01`: the inbox's folder of the day, in local time. */
export function inboxFolder(inbox: string, at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${inbox}/${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

/**
 * The root and folder (relative, '/'-separated) a drop lands in: the root's inbox of the day,
 * or the chosen folder, which must lie inside a root.
 */
export function resolveTarget(
  roots: Root[],
  into: ImportTarget,
  at: Date,
): { root: Root; dir: string } {
  if ('rootId' in into) {
    const root = roots.find((r) => r.id === into.rootId)
    if (!root) throw new AppError('NOT_FOUND', `There is no library folder with id ${into.rootId}.`)
    return { root, dir: inboxFolder(root.inbox, at) }
  }
  if (!isAbsolute(into.path))
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${into.path}" is not an absolute path. Give the full path of a folder inside a library folder.`,
    )
  const root = roots.find((r) => isSameOrInside(into.path, r.path))
  if (!root)
    throw new AppError(
      'INVALID_ARGUMENT',
      `${into.path} is not inside a library folder: Marquee imports only into its library folders. 'marquee roots ls' lists them.`,
    )
  const dir = relative(root.path, into.path).split(sep).join('/')
  if (dir.split('/').some((segment) => segment.startsWith('.')))
    throw new AppError(
      'INVALID_ARGUMENT',
      `${into.path} is a hidden folder, which Marquee does not index: choose another folder.`,
    )
  return { root, dir }
}

/** Why a dropped file is refused before anything is copied, or null when it may go. */
export function refusalOf(
  file: { real: string; relPath: string; size: number },
  root: Root,
  dataDir: string,
): string | null {
  const name = file.relPath.slice(file.relPath.lastIndexOf('/') + 1)
  if (isSameOrInside(file.real, dataDir))
    return `${name} is inside Marquee's own data folder (${dataDir}): that is the library's bookkeeping, not media.`
  if (!root.indexAllFiles && !mediaTypeOf(name))
    return `${name} is not a media file Marquee knows (by its extension), and "${root.label}" indexes only media. Turn on "index all files" for it to import anything.`
  if (file.size === 0) return `${name} is empty (0 bytes).`
  return null
}

/** A source Marquee could not read while listing the drop, in a sentence. */
export function listingProblem(source: string, code: string): string {
  switch (code) {
    case 'ENOENT':
      return `${source} is not there any more: it was moved or deleted.`
    case 'EACCES':
    case 'EPERM':
      return `Marquee may not read ${source}: check its permissions.`
    case 'ENOTFILE':
      return `${source} is not a regular file (a device, a socket or a link that leads nowhere).`
    default:
      return `${source} could not be read (${code}).`
  }
}

export function readOnlyTarget(target: string, code: string | null): string {
  return code === 'EROFS'
    ? `${target} is on a read-only drive or share: Marquee cannot import into it. Nothing was copied.`
    : `Marquee may not write to ${target} (${code ?? 'no permission'}): check the folder's permissions. Nothing was copied.`
}

export function notEnoughSpace(target: string, needed: number, free: number): string {
  return `Not enough space in ${target}: the drop needs ${formatBytes(needed)} (with a margin), and ${formatBytes(free)} is free. Free ${formatBytes(needed - free)} there, or drop fewer files — nothing was copied.`
}

export function offlineTarget(root: Root): string {
  return `The library folder "${root.label}" (${root.path}) is offline${root.statusReason ? ` — ${root.statusReason.replace(/\.$/, '')}` : ''}. Nothing was copied; drop the files again once it is back.`
}

/** Where a settled file ended up, for the contract (null while it is still to be copied). */
export function outcomeOf(row: ImportFileRow, rootPath: string): ImportFileOutcome | null {
  const base = { fileId: row.id, source: row.source, name: row.relPath }
  switch (row.status) {
    case 'imported':
      return {
        ...base,
        outcome: 'imported',
        path: join(rootPath, row.dest!),
        assetId: row.assetId!,
        sha256: row.sha256!,
      }
    case 'duplicate':
      return { ...base, outcome: 'duplicate', existing: row.existing ?? [], action: 'skipped' }
    case 'failed':
      return { ...base, outcome: 'failed', error: row.error ?? 'It could not be imported.' }
    case 'cancelled':
      return { ...base, outcome: 'failed', error: 'Not imported: it was cancelled.' }
    default:
      return null
  }
}

/** The CLI's JSON: kept duplicates are listed as imported and as duplicates (action kept). */
export function resultOf(rows: ImportFileRow[], rootPath: string): ImportResult {
  const result: ImportResult = { imported: [], duplicates: [], failed: [] }
  for (const row of rows) {
    const outcome = outcomeOf(row, rootPath)
    if (!outcome) continue
    if (outcome.outcome === 'imported') {
      const { source, path, assetId, sha256 } = outcome
      result.imported.push({ source, path, assetId, sha256 })
      if (row.action === 'kept')
        result.duplicates.push({ source, existing: row.existing ?? [], action: 'kept' })
    } else if (outcome.outcome === 'duplicate')
      result.duplicates.push({
        source: outcome.source,
        existing: outcome.existing,
        action: 'skipped',
      })
    else result.failed.push({ source: outcome.source, error: outcome.error })
  }
  return result
}

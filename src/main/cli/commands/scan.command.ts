import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import type { QueueStatus, Root, ScanResult } from '../../../shared/domain'
import type { Library } from '../library'
import { allowOnly, type ParsedArgs } from '../args'
import type { CliIo } from '../io'
import { UsageError, type CommandOutcome } from '../io'
import { formatCount, progressLine } from '../progress'
import { findRoot, requireRoot } from '../resolve-root'
import { processQueue, someFailed } from './jobs.command'

/**
 * `index <path>...`: adds each path as a root unless it is in one, then scans them; `--wait`
 * also processes them. Exit 0: all scanned (and, with --wait, every file ready); 3: finished,
 * but some files failed; 1: an error (a folder could not be scanned).
 */
export async function indexCommand(
  lib: Library,
  args: ParsedArgs,
  io: CliIo,
): Promise<CommandOutcome> {
  allowOnly(args, 'index', ['json', 'wait', 'confirm-empty'])
  const paths = args.positionals.slice(1)
  if (paths.length === 0) throw new UsageError(`'index' takes one or more folder paths.`)
  const roots: Root[] = []
  for (const path of paths) {
    const absolute = resolve(io.cwd, path)
    const existing = findRoot(await lib.call('roots.list', undefined), realOrSelf(absolute), io.cwd)
    roots.push(existing ?? (await lib.call('roots.add', { path: absolute })))
  }
  const unique = [...new Map(roots.map((r) => [r.id, r])).values()]
  const scans = await scanWithProgress(lib, unique, args, io)
  const processed = args.values.wait ? await processQueue(lib, io, args.values.json === true) : null
  const after = await lib.call('roots.list', undefined)
  const shown = unique.map((r) => after.find((a) => a.id === r.id) ?? r)
  if (args.values.json) {
    const rootsJson = shown.map(({ id, path, label, kind, status }) => ({
      id,
      path,
      label,
      kind,
      status,
    }))
    const assets = processed ? { assets: processed.assets } : {}
    io.stdout(`${JSON.stringify({ roots: rootsJson, scans, ...assets })}\n`)
  } else {
    io.stdout(scans.map((s) => describe(s, shown)).join(''))
    if (processed) io.stdout(describeProcessing(processed))
  }
  if (!scans.every((s) => s.status === 'completed')) return false
  if (!processed) return true
  // Failures of the folders just indexed, not of the rest of the library.
  let failed = 0
  for (const root of unique)
    failed +=
      (await lib.call('assets.list', { rootId: root.id, status: 'failed', limit: 1 })).total ?? 0
  return failed === 0 ? true : someFailed(io, failed)
}

/** `scan [<root id or path>...]`: rescans the named roots, or all of them. */
export async function scanCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'scan', ['json', 'confirm-empty'])
  const all = await lib.call('roots.list', undefined)
  const refs = args.positionals.slice(1)
  const roots = refs.length ? refs.map((ref) => requireRoot(all, ref, io.cwd)) : all
  if (roots.length === 0) {
    throw new UsageError(
      `There are no library folders to scan. Add one with 'marquee index <path>'.`,
    )
  }
  const scans = await scanWithProgress(lib, roots, args, io)
  io.stdout(
    args.values.json
      ? `${JSON.stringify({ scans })}\n`
      : scans.map((s) => describe(s, roots)).join(''),
  )
  return scans.every((s) => s.status === 'completed')
}

async function scanWithProgress(
  lib: Library,
  roots: Root[],
  args: ParsedArgs,
  io: CliIo,
): Promise<ScanResult[]> {
  const line = progressLine(io, args.values.json === true)
  const seen = new Map<number, { seen: number; rate: number }>()
  const stop = lib.subscribe((event, payload) => {
    if (event !== 'scan.progress' || !line.active) return
    const p = payload as { rootId: number; seen: number; rate: number }
    seen.set(p.rootId, p)
    const total = [...seen.values()].reduce((sum, s) => sum + s.seen, 0)
    const rate = [...seen.values()].reduce((sum, s) => sum + s.rate, 0)
    line.update(
      `Scanning ${roots.length === 1 ? roots[0]!.label : `${roots.length} folders`}: ${formatCount(total)} files (${formatCount(rate)}/s)`,
    )
  })
  try {
    return await lib.call('roots.scan', {
      ids: roots.map((r) => r.id),
      confirmEmpty: args.values['confirm-empty'] === true,
    })
  } finally {
    stop()
    line.clear()
  }
}

function describe(scan: ScanResult, roots: Root[]): string {
  const root = roots.find((r) => r.id === scan.rootId)
  const name = root ? `${root.label} (${root.path})` : `root ${scan.rootId}`
  if (scan.status === 'aborted') return `${name}: not scanned. ${scan.reason}\n`
  const parts = (['added', 'changed', 'moved', 'missing', 'restored'] as const)
    .filter((k) => scan[k] > 0)
    .map((k) => `${formatCount(scan[k])} ${k}`)
  return `${name}: ${formatCount(scan.seen)} files, ${parts.length ? parts.join(', ') : 'no changes'} (${(scan.durationMs / 1000).toFixed(1)} s)\n`
}

function describeProcessing(status: QueueStatus): string {
  const ready = status.assets.ready ?? 0
  const failed = status.assets.failed ?? 0
  const hint = failed
    ? ` See them with 'marquee ls --status failed'; 'marquee show <id>' says why.`
    : ''
  return `Processed: ${formatCount(ready)} ready, ${formatCount(failed)} failed.${hint}\n`
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

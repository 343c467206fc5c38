import { resolve } from 'node:path'
import type { ImportProgress, ImportResult, ImportTarget } from '../../../shared/contract'
import { AppError } from '../../errors'
import { formatBytes } from '../../format'
import { allowOnly, choiceOption, stringOption, type ParsedArgs } from '../args'
import { EXIT, UsageError, type CliIo, type CommandOutcome } from '../io'
import type { Library } from '../library'
import { formatCount, progressLine } from '../progress'
import { formatDuration } from './jobs.command'

/**
 * `import <path>... --into <root id | root path | folder inside a root> [--on-duplicate skip|keep]
 * [--json]`, or `import --resume`: copies files and folders into the library (docs/cli.md).
 * Exit 0 when every file was imported or skipped as a duplicate, 3 when some failed.
 */
export async function importCommand(
  lib: Library,
  args: ParsedArgs,
  io: CliIo,
): Promise<CommandOutcome> {
  allowOnly(args, 'import', ['json', 'into', 'on-duplicate', 'resume'])
  const json = args.values.json === true
  const paths = args.positionals.slice(1)
  const line = progressLine(io, json)
  let importIds: string[]
  const follow = followImports(lib, (p) => showProgress(line, p))
  try {
    if (args.values.resume) {
      if (paths.length > 0 || args.values.into !== undefined)
        throw new UsageError(`'import --resume' takes no paths and no --into.`)
      importIds = (await lib.call('import.resume', undefined)).importIds
    } else {
      const into = stringOption(args, 'into')
      if (paths.length === 0 || !into)
        throw new UsageError(
          `'import' needs the files or folders to import and --into <library folder>.`,
        )
      const onDuplicate = choiceOption(args, 'on-duplicate', ['skip', 'keep'] as const)
      const { importId } = await lib.call('import.start', {
        sources: paths.map((p) => resolve(io.cwd, p)),
        into: await target(lib, into, io.cwd),
        ...(onDuplicate ? { onDuplicate } : {}),
      })
      importIds = [importId]
    }
    const results = await follow.until(importIds)
    line.clear()
    const result = merge(results)
    io.stdout(json ? `${JSON.stringify(result)}\n` : summary(result, importIds.length))
    return result.failed.length > 0 ? EXIT.partial : EXIT.ok
  } finally {
    follow.stop()
    line.clear()
  }
}

/** A root by id, or by its own path, means its inbox; any other path is a folder in a root. */
async function target(lib: Library, into: string, cwd: string): Promise<ImportTarget> {
  if (/^\d+$/.test(into)) return { rootId: Number(into) }
  const path = resolve(cwd, into)
  const root = (await lib.call('roots.list', undefined)).find((r) => r.path === path)
  return root ? { rootId: root.id } : { path }
}

/**
 * Listens to import.progress from before the import starts (its first events may come before
 * its id does), and resolves with each import's result once all have ended.
 */
export function followImports(lib: Library, onProgress: (p: ImportProgress) => void) {
  const ends = new Map<string, ImportProgress>()
  let wanted: Set<string> | null = null
  let wake: (() => void) | undefined
  const stop = lib.subscribe((event, payload) => {
    if (event !== 'import.progress') return
    const p = payload as ImportProgress
    if (p.phase === 'done' || p.phase === 'failed' || p.phase === 'cancelled')
      ends.set(p.importId, p)
    else if (wanted?.has(p.importId)) onProgress(p)
    wake?.()
  })
  return {
    stop,
    async until(ids: string[]): Promise<ImportResult[]> {
      wanted = new Set(ids)
      // An import that ended before we listened (a quick one, or one already over) says so here.
      for (const id of ids) {
        if (ends.has(id)) continue
        const status = await lib.call('import.status', { importId: id })
        if (status.phase === 'done' || status.phase === 'cancelled' || status.phase === 'failed')
          ends.set(id, { ...status, settled: [] })
      }
      while (ids.some((id) => !ends.has(id))) await new Promise<void>((r) => (wake = r))
      return ids.map((id) => {
        const end = ends.get(id)!
        if (end.phase === 'failed')
          throw new AppError(end.code ?? 'INTERNAL', end.error ?? 'The import failed.')
        return end.result ?? { imported: [], duplicates: [], failed: [] }
      })
    },
  }
}

function showProgress(line: ReturnType<typeof progressLine>, p: ImportProgress): void {
  if (!line.active) return
  if (p.phase === 'checking') {
    line.update(`Checking for duplicates: ${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)}…`)
    return
  }
  const eta = p.etaMs === null ? '' : `, ${formatDuration(p.etaMs)} left`
  line.update(
    `Importing ${formatCount(p.files)}/${formatCount(p.totalFiles)} files, ${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)} (${formatBytes(p.rate)}/s${eta})`,
  )
}

function merge(results: ImportResult[]): ImportResult {
  return {
    imported: results.flatMap((r) => r.imported),
    duplicates: results.flatMap((r) => r.duplicates),
    failed: results.flatMap((r) => r.failed),
  }
}

function summary(result: ImportResult, imports: number): string {
  if (imports === 0) return 'No import was waiting to be resumed.\n'
  const lines: string[] = []
  const kept = result.duplicates.filter((d) => d.action === 'kept').length
  lines.push(
    `Imported ${result.imported.length} file${result.imported.length === 1 ? '' : 's'}` +
      (kept > 0 ? ` (${kept} of them already in the library, kept as asked)` : '') +
      '.',
  )
  for (const i of result.imported) lines.push(`  ${i.path}`)
  const skipped = result.duplicates.filter((d) => d.action === 'skipped')
  if (skipped.length > 0) lines.push(`Skipped ${skipped.length} already in the library:`)
  for (const d of skipped)
    lines.push(`  ${d.source}: already in ${d.existing.map((e) => e.path).join(', ')}`)
  if (result.failed.length > 0) lines.push(`Could not import ${result.failed.length}:`)
  for (const f of result.failed) lines.push(`  ${f.source}: ${f.error}`)
  return `${lines.join('\n')}\n`
}

import { resolve } from 'node:path'
import type {
  ExportProgress,
  ExportRequest,
  ExportResult,
  ExportSource,
} from '../../../shared/contract'
import { AppError } from '../../errors'
import type { Library } from '../library'
import { collectGarbage, verifyBundle } from '../../export/verify-bundle'
import { allowOnly, stringOption, type ParsedArgs } from '../args'
import type { CliIo } from '../io'
import { UsageError } from '../io'
import { formatCount, progressLine } from '../progress'
import { formatBytes } from '../../format'
import { assetIdsOf } from './collections.command'
import { formatDuration } from './jobs.command'

/** `export (--playlist N | --album N | --query Q | <asset>...) --profile P --out DIR`. */
export async function exportCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'export', [
    'json',
    'playlist',
    'album',
    'query',
    'profile',
    'out',
    'name',
    'verify',
    'no-audio',
  ])
  const refs = args.positionals.slice(1)
  const playlist = stringOption(args, 'playlist')
  const album = stringOption(args, 'album')
  const query = stringOption(args, 'query')
  const chosen = [playlist, album, query, refs.length ? refs : undefined].filter(
    (x) => x !== undefined,
  )
  if (chosen.length !== 1)
    throw new UsageError(`'export' takes one of --playlist, --album, --query, or asset ids/paths.`)
  const out = stringOption(args, 'out')
  // A playlist or album is exported for its own profile (`profiles use`) unless told otherwise.
  const profile =
    stringOption(args, 'profile') ??
    (playlist !== undefined || album !== undefined
      ? (
          await lib.call('collections.get', {
            kind: playlist !== undefined ? 'playlist' : 'album',
            name: (playlist ?? album)!,
          })
        ).profile
      : undefined)
  if (!profile || !out)
    throw new UsageError(
      `'export' needs --profile (fhd-h264, fhd-h264-jpeg, uhd-h264 or a custom one: 'profiles ls') and --out <folder>.`,
    )
  const source: ExportSource =
    playlist !== undefined
      ? { playlist }
      : album !== undefined
        ? { album }
        : query !== undefined
          ? { query }
          : { assetIds: await assetIdsOf(lib, refs, io.cwd) }
  const name = stringOption(args, 'name')
  const json = args.values.json === true
  const line = progressLine(io, json)
  try {
    const request = {
      source,
      profile,
      out: resolve(io.cwd, out),
      verify: args.values.verify === true,
      ...(args.values['no-audio'] ? { keepAudio: false } : {}),
      ...(name !== undefined ? { name } : {}),
    }
    const result = await runExport(lib, request, (p) => {
      if (!line.active) return
      if (p.phase === 'preparing') line.update(`Preparing ${p.files + 1} of ${p.totalFiles}…`)
      else if (p.phase === 'copying' || p.phase === 'verifying') {
        const eta = p.etaMs === null ? '' : `, ${formatDuration(p.etaMs)} left`
        line.update(
          `${p.phase === 'copying' ? 'Copying' : 'Verifying'} ${formatCount(p.files)}/${formatCount(p.totalFiles)} files, ${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)} (${formatBytes(p.rate)}/s${eta})`,
        )
      }
    })
    line.clear()
    io.stdout(
      json
        ? `${JSON.stringify(result)}\n`
        : `Bundle ${result.bundleId} written to ${result.dir}: ${result.objects} objects (${formatBytes(result.bytes)}), ` +
            `${result.copied} copied, ${result.skipped} already there, ${result.transcoded} converted or transcoded` +
            `${result.verified ? ', every object verified' : ''} in ${formatDuration(result.durationMs)}.\n`,
    )
    return true
  } finally {
    line.clear()
  }
}

/**
 * Starts the export where the library is open (here, or in the running app) and follows its
 * progress events until it is done or failed.
 */
async function runExport(
  lib: Library,
  request: ExportRequest,
  onProgress: (p: ExportProgress) => void,
): Promise<ExportResult> {
  let exportId: string | undefined
  const early: ExportProgress[] = []
  let settle: ((p: ExportProgress) => void) | undefined
  const finished = new Promise<ExportProgress>((resolve) => (settle = resolve))
  const follow = (p: ExportProgress): void => {
    if (p.exportId !== exportId) return
    if (p.phase === 'done' || p.phase === 'failed') settle!(p)
    else onProgress(p)
  }
  const stop = lib.subscribe((event, payload) => {
    if (event !== 'export.progress') return
    const p = payload as ExportProgress
    if (exportId === undefined) early.push(p)
    else follow(p)
  })
  try {
    exportId = (await lib.call('export.start', request)).exportId
    early.splice(0).forEach(follow)
    const last = await finished
    if (last.phase === 'failed' || !last.result)
      throw new AppError(last.code ?? 'INTERNAL', last.error ?? 'The export failed.')
    return last.result
  } finally {
    stop()
  }
}

/** `verify-bundle <dir>`: checks a bundle on its own; exit 1 on any problem. */
export async function verifyBundleCommand(
  _lib: Library | null,
  args: ParsedArgs,
  io: CliIo,
): Promise<boolean> {
  allowOnly(args, 'verify-bundle', ['json'])
  const dir = args.positionals[1]
  if (!dir || args.positionals.length > 2)
    throw new UsageError(`'verify-bundle' takes one bundle folder.`)
  const report = await verifyBundle(resolve(io.cwd, dir))
  if (args.values.json) io.stdout(`${JSON.stringify(report)}\n`)
  else {
    for (const p of report.problems)
      io.stdout(`${p.severity === 'error' ? 'ERROR' : 'warning'}  ${p.file}: ${p.problem}\n`)
    io.stdout(
      report.ok
        ? `OK: ${report.objects} objects, ${formatBytes(report.bytes)}, every hash matches.\n`
        : `The bundle has problems; a player may not play it.\n`,
    )
  }
  return report.ok
}

/** `bundle gc <dir>`: removes objects the manifest no longer references. */
export async function bundleCommand(
  _lib: Library | null,
  args: ParsedArgs,
  io: CliIo,
): Promise<boolean> {
  allowOnly(args, 'bundle', ['json'])
  const [, sub, dir] = args.positionals
  if (sub !== 'gc' || !dir) throw new UsageError(`Use 'marquee bundle gc <dir>'.`)
  const result = await collectGarbage(resolve(io.cwd, dir))
  io.stdout(
    args.values.json
      ? `${JSON.stringify(result)}\n`
      : `Removed ${result.removed.length} unreferenced objects (${formatBytes(result.bytesFreed)}).\n`,
  )
  return true
}

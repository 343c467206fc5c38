import type { VerifyReport } from '../../../shared/domain'
import { formatBytes } from '../../format'
import { allowOnly, stringOption, type ParsedArgs } from '../args'
import { EXIT, UsageError, type CliIo, type CommandOutcome } from '../io'
import type { Library } from '../library'
import { requireRoot } from '../resolve-root'
import { assetIdsOf } from './collections.command'

/**
 * `marquee verify [--root R] [--json]`: the bitrot check, now. Exit 1 when a file's bytes changed
 * while its size and mtime did not; edited and unreadable files are reported, not failures.
 * `marquee verify --accept <asset id|path>...`: those flagged files' new bytes are right; they
 * are processed again as they are now.
 */
export async function verifyCommand(
  lib: Library,
  args: ParsedArgs,
  io: CliIo,
): Promise<CommandOutcome> {
  allowOnly(args, 'verify', ['json', 'root', 'accept'])
  if (args.values.accept === true) return accept(lib, args, io)
  if (args.positionals.length > 1) throw new UsageError(`'verify' takes no arguments; use --root.`)
  const ref = stringOption(args, 'root')
  const rootId =
    ref === undefined
      ? undefined
      : requireRoot(await lib.call('roots.list', undefined), ref, io.cwd).id
  const report = await lib.call('assets.verify', rootId === undefined ? {} : { rootId })
  io.stdout(args.values.json === true ? `${JSON.stringify(report)}\n` : formatReport(report))
  return report.changed.length > 0 ? EXIT.failure : true
}

function formatReport(report: VerifyReport): string {
  const lines = [
    `Checked ${report.checked} file(s), ${formatBytes(report.bytes)} in ${(report.durationMs / 1000).toFixed(1)} s.`,
  ]
  for (const f of report.changed)
    lines.push(
      `CHANGED  ${f.path}: its bytes differ from when it was indexed, but its size and date do not (disk damage?). Restore it from a backup.`,
    )
  for (const f of report.modified) lines.push(`edited   ${f.path}: ${f.reason}`)
  for (const f of report.unreadable) lines.push(`skipped  ${f.path}: ${f.reason}`)
  if (report.changed.length === 0) lines.push('No silent changes found.')
  return `${lines.join('\n')}\n`
}

async function accept(lib: Library, args: ParsedArgs, io: CliIo): Promise<CommandOutcome> {
  const refs = args.positionals.slice(1)
  if (refs.length === 0)
    throw new UsageError(`'verify --accept' takes the flagged files: asset ids or paths.`)
  const ids = await assetIdsOf(lib, refs, io.cwd)
  const { accepted } = await lib.call('assets.acceptBytes', { ids })
  io.stdout(
    args.values.json === true
      ? `${JSON.stringify({ accepted })}\n`
      : accepted === 0
        ? 'None of these files was flagged by the bitrot check: nothing to accept.\n'
        : `Accepted the new bytes of ${accepted} file(s): they are being processed again.\n`,
  )
  return accepted === ids.length ? true : EXIT.failure
}

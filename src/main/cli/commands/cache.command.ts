import { formatBytes } from '../../format'
import { allowOnly, stringOption, type ParsedArgs } from '../args'
import type { Library } from '../library'
import { UsageError, type CliIo } from '../io'

/** `marquee cache optimize|validate`: the integration media cache (docs/cli.md). */
export async function cacheCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  const [, sub, ...rest] = args.positionals
  const json = args.values.json === true
  if (rest.length) throw new UsageError(`'cache ${sub}' takes options only.`)
  if (sub === 'optimize') {
    allowOnly(args, 'cache optimize', ['json', 'max-age-days', 'dry-run'])
    const raw = stringOption(args, 'max-age-days')
    if (raw !== undefined && !/^\d+(\.\d+)?$/.test(raw))
      throw new UsageError(`--max-age-days must be a number of days; got "${raw}".`)
    const dryRun = args.values['dry-run'] === true
    const result = await lib.call('integrations.cacheOptimize', {
      dryRun,
      ...(raw !== undefined ? { maxAgeDays: Number(raw) } : {}),
    })
    io.stdout(
      json
        ? `${JSON.stringify(result)}\n`
        : `${dryRun ? 'Would remove' : 'Removed'} ${result.removed} cached item(s) (${formatBytes(result.freedBytes)}); ${result.kept} kept.\n`,
    )
    return true
  }
  if (sub === 'validate') {
    allowOnly(args, 'cache validate', ['json'])
    const result = await lib.call('integrations.cacheValidate', undefined)
    io.stdout(
      json
        ? `${JSON.stringify(result)}\n`
        : `${result.ok} of ${result.checked} source address(es) answer.\n${result.failed.map((f) => `  ${f.url}: ${f.error}\n`).join('')}`,
    )
    return result.failed.length === 0
  }
  throw new UsageError(
    sub
      ? `Unknown 'cache' command "${sub}". Use optimize or validate.`
      : `'cache' needs a command: optimize or validate.`,
  )
}

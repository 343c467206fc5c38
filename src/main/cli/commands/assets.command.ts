import { isAbsolute, resolve } from 'node:path'
import type { AssetQuery } from '../../../shared/contract'
import { ASSET_STATUSES, ASSET_TYPES, type Asset } from '../../../shared/domain'
import type { Core } from '../../app'
import { allowOnly, choiceOption, integerOption, stringOption, type ParsedArgs } from '../args'
import { call } from '../call'
import type { CliIo } from '../io'
import { UsageError } from '../io'
import { requireRoot } from '../resolve-root'

/** `ls`: assets matching the filters; JSON Lines with --json. */
export async function lsCommand(core: Core, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'ls', ['json', 'root', 'status', 'type', 'query', 'limit', 'offset'])
  if (args.positionals.length > 1)
    throw new UsageError(
      `'ls' takes no arguments; filter with --root, --status, --type or --query.`,
    )
  const query: AssetQuery = {
    limit: integerOption(args, 'limit', 1, 10_000) ?? 100,
    offset: integerOption(args, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
  }
  const rootRef = stringOption(args, 'root')
  if (rootRef !== undefined)
    query.rootId = requireRoot(await call(core, 'roots.list', undefined), rootRef, io.cwd).id
  const status = choiceOption(args, 'status', ASSET_STATUSES)
  if (status) query.status = status
  const type = choiceOption(args, 'type', ASSET_TYPES)
  if (type) query.type = type
  const text = stringOption(args, 'query')
  if (text !== undefined) query.query = text
  const { items, total } = await call(core, 'assets.list', query)
  if (args.values.json) {
    io.stdout(items.map((a) => `${JSON.stringify(a)}\n`).join(''))
  } else {
    io.stdout(
      items
        .map(
          (a) =>
            `${String(a.id).padStart(7)}  ${a.status.padEnd(10)}  ${a.type.padEnd(8)}  ${formatBytes(a.size).padStart(9)}  ${a.path}\n`,
        )
        .join(''),
    )
    const shown = (query.offset ?? 0) + items.length
    if (total > shown) io.stderr(`${shown} of ${total} shown; use --offset ${shown} for more.\n`)
    if (total === 0) io.stderr('No assets match.\n')
  }
  return true
}

/** `show <asset id | absolute path>`: one asset, whole. */
export async function showCommand(core: Core, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'show', ['json'])
  const ref = args.positionals[1]
  if (!ref || args.positionals.length > 2)
    throw new UsageError(`'show' takes one asset id or file path.`)
  const asset = /^\d+$/.test(ref)
    ? await call(core, 'assets.get', { id: Number(ref) })
    : core.services.assets.byPath(isAbsolute(ref) ? ref : resolve(io.cwd, ref))
  io.stdout(args.values.json ? `${JSON.stringify(asset)}\n` : describeAsset(asset))
  return true
}

function describeAsset(a: Asset): string {
  const rows: Array<[string, unknown]> = [
    ['id', a.id],
    ['path', a.path],
    ['status', a.status + (a.error ? ` — ${a.error}` : '')],
    ['type', a.mime ? `${a.type} (${a.mime})` : a.type],
    ['size', formatBytes(a.size)],
    ['modified', new Date(a.mtimeMs).toISOString()],
    ['dimensions', a.width && a.height ? `${a.width}×${a.height} (${a.orientation})` : null],
    ['duration', a.durationMs !== null ? `${(a.durationMs / 1000).toFixed(1)} s` : null],
    ['sha256', a.sha256],
    ['duplicates', a.duplicates.length ? a.duplicates.join(', ') : null],
    ['similar', a.similar.length ? a.similar.join(', ') : null],
    ['derivatives', a.derivatives.length ? a.derivatives.map((d) => d.variant).join(', ') : null],
  ]
  return rows
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k.padEnd(12)} ${String(v)}\n`)
    .join('')
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}

import { isAbsolute, resolve } from 'node:path'
import type { AssetQuery } from '../../../shared/contract'
import { ASSET_STATUSES, ASSET_TYPES, type Asset } from '../../../shared/domain'
import { formatBytes } from '../../format'
import type { Library } from '../library'
import { allowOnly, choiceOption, integerOption, stringOption, type ParsedArgs } from '../args'
import type { CliIo } from '../io'
import { UsageError } from '../io'
import { requireRoot } from '../resolve-root'

/** Rows fetched per call when streaming: small enough for constant memory, big enough to be fast. */
const STREAM_PAGE = 1000
/** What the human table shows unless --limit says otherwise. */
const TABLE_PAGE = 100

/**
 * `ls`: assets matching the filters. `--json` streams every match as JSON Lines (keyset pages,
 * constant memory at any library size) unless --limit/--offset ask for a window; the table for
 * people shows a page and says how to see more.
 */
export async function lsCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'ls', ['json', 'root', 'status', 'type', 'query', 'limit', 'offset'])
  if (args.positionals.length > 1)
    throw new UsageError(
      `'ls' takes no arguments; filter with --root, --status, --type or --query.`,
    )
  const filter: AssetQuery = {}
  const rootRef = stringOption(args, 'root')
  if (rootRef !== undefined)
    filter.rootId = requireRoot(await lib.call('roots.list', undefined), rootRef, io.cwd).id
  const status = choiceOption(args, 'status', ASSET_STATUSES)
  if (status) filter.status = status
  const type = choiceOption(args, 'type', ASSET_TYPES)
  if (type) filter.type = type
  const text = stringOption(args, 'query')
  if (text !== undefined) filter.query = text
  const limit = integerOption(args, 'limit', 1, Number.MAX_SAFE_INTEGER)
  const offset = integerOption(args, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0

  if (args.values.json) {
    await streamAssets(lib, filter, offset, limit ?? Infinity, async (page) => {
      io.stdout(page.map((asset) => `${JSON.stringify(asset)}\n`).join(''))
      await io.flush?.()
    })
    return true
  }
  const shownLimit = limit ?? TABLE_PAGE
  let shown = 0
  await streamAssets(lib, filter, offset, shownLimit, (page) => {
    shown += page.length
    io.stdout(
      page
        .map(
          (a) =>
            `${String(a.id).padStart(7)}  ${a.status.padEnd(10)}  ${a.type.padEnd(8)}  ${formatBytes(a.size).padStart(9)}  ${a.path}\n`,
        )
        .join(''),
    )
  })
  const total = (await lib.call('assets.list', { ...filter, limit: 1 })).total ?? 0
  const upTo = offset + shown
  if (total > upTo) io.stderr(`${upTo} of ${total} shown; use --offset ${upTo} for more.\n`)
  if (total === 0) io.stderr('No assets match.\n')
  return true
}

/**
 * Pages through the matches by id (an offset is skipped once, then keyset paging takes over),
 * handing each page over (written at once, one write per page) before fetching the next.
 */
async function streamAssets(
  lib: Library,
  filter: AssetQuery,
  offset: number,
  limit: number,
  each: (page: Asset[]) => void | Promise<void>,
): Promise<void> {
  let left = limit
  let afterId: number | undefined
  let skip = offset
  while (left > 0) {
    const size = Math.min(STREAM_PAGE, left)
    const { items } = await lib.call('assets.list', {
      ...filter,
      ...(afterId === undefined ? { offset: skip } : { afterId }),
      limit: size,
      count: false,
    })
    skip = 0
    if (items.length > 0) await each(items)
    left -= items.length
    if (items.length < size) return
    afterId = items[items.length - 1]!.id
  }
}

/** `show <asset id | absolute path>`: one asset, whole. */
export async function showCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'show', ['json'])
  const ref = args.positionals[1]
  if (!ref || args.positionals.length > 2)
    throw new UsageError(`'show' takes one asset id or file path.`)
  const asset = /^\d+$/.test(ref)
    ? await lib.call('assets.get', { id: Number(ref) })
    : await lib.call('assets.byPath', { path: isAbsolute(ref) ? ref : resolve(io.cwd, ref) })
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

import type {
  FeedHeaderInput,
  Integration,
  MediaField,
  MediaVariant,
} from '../../../shared/integrations'
import { MEDIA_VARIANTS } from '../../../shared/integrations'
import { BrowserRepository } from '../../repositories/browser.repository'
import { allowOnly, integerOption, listOption, stringOption, type ParsedArgs } from '../args'
import type { Library } from '../library'
import { UsageError, type CliIo } from '../io'

const SUBCOMMANDS = 'add, auth, ls, fetch, pause, resume or rm'

/** `marquee integrations …`: Spotify accounts and JSON feeds (docs/cli.md). */
export async function integrationsCommand(
  lib: Library,
  args: ParsedArgs,
  io: CliIo,
): Promise<boolean> {
  const [, sub, ...rest] = args.positionals
  const json = args.values.json === true
  const out = (value: unknown, text: string): void =>
    io.stdout(json ? `${JSON.stringify(value)}\n` : text)
  switch (sub) {
    case 'add':
      return add(lib, args, rest, out)
    case 'auth': {
      allowOnly(args, 'integrations auth', ['json', 'no-browser'])
      return auth(lib, idOf(rest, 'auth'), args.values['no-browser'] === true, io, json)
    }
    case 'ls':
    case 'list': {
      allowOnly(args, 'integrations ls', ['json'])
      if (rest.length) throw new UsageError(`'integrations ls' takes no arguments.`)
      const list = await lib.call('integrations.list', undefined)
      out(list.map(summary), formatList(list))
      const { warning } = await lib.call('integrations.status', undefined)
      if (warning) io.stderr(`marquee: warning: ${warning}\n`)
      return true
    }
    case 'fetch': {
      allowOnly(args, 'integrations fetch', ['json'])
      const result = await lib.call('integrations.poll', { id: idOf(rest, 'fetch') })
      const integration = (await lib.call('integrations.list', undefined)).find(
        (i) => i.id === result.id,
      )
      out(result, describeFetch(result.status, result.retryAfterMs, integration))
      return result.status === 'connected'
    }
    case 'pause':
    case 'resume': {
      allowOnly(args, `integrations ${sub}`, ['json'])
      const updated = await lib.call('integrations.update', {
        id: idOf(rest, sub),
        paused: sub === 'pause',
      })
      out(summary(updated), `${updated.name} (${updated.id}) is ${updated.status}.\n`)
      return true
    }
    case 'rm':
    case 'remove': {
      allowOnly(args, 'integrations rm', ['json', 'yes'])
      // Without --yes the core refuses one whose items playlists hold, saying which.
      const removed = await lib.call('integrations.remove', {
        id: idOf(rest, 'rm'),
        confirm: args.values.yes === true,
      })
      out(removed, `Removed integration ${removed.id}.\n`)
      return true
    }
    default:
      throw new UsageError(
        sub
          ? `Unknown 'integrations' command "${sub}". Use ${SUBCOMMANDS}.`
          : `'integrations' needs a command: ${SUBCOMMANDS}.`,
      )
  }
}

async function add(
  lib: Library,
  args: ParsedArgs,
  rest: string[],
  out: (value: unknown, text: string) => void,
): Promise<boolean> {
  const [kind, ...extra] = rest
  if (extra.length)
    throw new UsageError(`'integrations add ${kind}' takes options, not "${extra[0]}".`)
  const name = stringOption(args, 'name')
  const seconds = integerOption(args, 'interval', 1, 86_400)
  const common = {
    ...(name !== undefined ? { name } : {}),
    ...(seconds !== undefined ? { intervalMs: seconds * 1000 } : {}),
  }
  let added: Integration
  if (kind === 'spotify') {
    allowOnly(args, 'integrations add spotify', [
      'json',
      'client-id',
      'name',
      'interval',
      'redirect-port',
    ])
    const clientId = stringOption(args, 'client-id')
    if (!clientId)
      throw new UsageError(`'integrations add spotify' needs --client-id (from your Spotify app).`)
    const port = integerOption(args, 'redirect-port', 1024, 65535)
    added = await lib.call('integrations.add', {
      kind: 'spotify',
      clientId,
      ...common,
      ...(port !== undefined ? { redirectPort: port } : {}),
    })
  } else if (kind === 'feed') {
    allowOnly(args, 'integrations add feed', [
      'json',
      'url',
      'name',
      'interval',
      'header',
      'secret-header',
      'media-field',
    ])
    const url = stringOption(args, 'url')
    if (!url) throw new UsageError(`'integrations add feed' needs --url.`)
    const headers = [
      ...listOption(args, 'header').map((h) => parseHeader(h, false)),
      ...listOption(args, 'secret-header').map((h) => parseHeader(h, true)),
    ]
    added = await lib.call('integrations.add', {
      kind: 'feed',
      url,
      ...common,
      headers,
      mediaFields: listOption(args, 'media-field').map(parseMediaField),
    })
  } else {
    throw new UsageError(`'integrations add' takes spotify or feed.`)
  }
  out(
    { id: added.id, kind: added.kind, status: added.status },
    added.kind === 'spotify'
      ? `Added ${added.name} (id ${added.id}). Connect it with: marquee integrations auth ${added.id}\n`
      : `Added ${added.name} (id ${added.id}); it is fetched every ${added.intervalMs / 1000} s while the app or serve runs.\n`,
  )
  return true
}

/**
 * Prints the address at once, opens the browser unless told not to, and waits (as long as the
 * loopback listener does) for the outcome, which comes as an integrations.changed event.
 */
async function auth(
  lib: Library,
  id: number,
  noBrowser: boolean,
  io: CliIo,
  json: boolean,
): Promise<boolean> {
  let seenPending = false
  let done: (integration: Integration | null) => void = () => undefined
  const outcome = new Promise<Integration | null>((resolve) => (done = resolve))
  const stop = lib.subscribe((event, payload) => {
    if (event !== 'integrations.changed') return
    const integration = (payload as { integrations: Integration[] }).integrations.find(
      (i) => i.id === id,
    )
    if (!integration) return done(null)
    if (integration.pendingAuthUrl) seenPending = true
    else if (seenPending) done(integration)
  })
  try {
    const start = await lib.call('integrations.auth', { id, openBrowser: false })
    seenPending = true
    io.stdout(`Open this address to connect: ${start.url}\n`)
    if (!noBrowser) await new BrowserRepository().open(start.url)
    const timer = setTimeout(() => done(null), Math.max(0, start.expiresAt - Date.now()) + 5_000)
    const result = await outcome.finally(() => clearTimeout(timer))
    const status = result?.status ?? 'needs-auth'
    const ok = status === 'connected'
    if (json) io.stdout(`${JSON.stringify({ id, status })}\n`)
    else
      io.stdout(
        ok
          ? `Connected ${result!.name} (id ${id}).\n`
          : `Not connected: ${result?.error ?? 'no answer came from the browser in time.'}\n`,
      )
    return ok
  } finally {
    stop()
  }
}

function idOf(rest: string[], command: string): number {
  if (rest.length !== 1 || !/^\d+$/.test(rest[0]!))
    throw new UsageError(
      `'integrations ${command}' takes the numeric id shown by 'integrations ls'.`,
    )
  return Number(rest[0])
}

function parseHeader(raw: string, secret: boolean): FeedHeaderInput {
  const at = raw.indexOf(':')
  if (at <= 0) throw new UsageError(`A header is NAME:VALUE; got "${raw.slice(0, 40)}".`)
  return { name: raw.slice(0, at).trim(), value: raw.slice(at + 1).trim(), secret }
}

/** PATH=OUTPUT[:variant,…] */
export function parseMediaField(raw: string): MediaField {
  const eq = raw.indexOf('=')
  if (eq <= 0) throw new UsageError(`A media field is PATH=OUTPUT[:variant,…]; got "${raw}".`)
  const path = raw.slice(0, eq)
  let output = raw.slice(eq + 1)
  let variants: MediaVariant[] = []
  const colon = output.lastIndexOf(':')
  if (colon >= 0) {
    const names = output
      .slice(colon + 1)
      .split(',')
      .filter(Boolean)
    for (const v of names)
      if (!MEDIA_VARIANTS.includes(v as MediaVariant))
        throw new UsageError(`Unknown variant "${v}"; use ${MEDIA_VARIANTS.join(', ')}.`)
    variants = names as MediaVariant[]
    output = output.slice(0, colon)
  }
  if (!output) throw new UsageError(`A media field needs an output path: "${raw}".`)
  return { path, outputPath: output, variants }
}

/** The fields `integrations ls --json` prints (docs/cli.md); never a credential. */
function summary(i: Integration) {
  return {
    id: i.id,
    kind: i.kind,
    name: i.name,
    status: i.status,
    lastFetchAt: i.lastFetchAt,
    nextFetchAt: i.nextFetchAt,
    error: i.error,
    tokenExpiresAt: i.tokenExpiresAt,
    rateLimitedUntil: i.rateLimitedUntil,
    cacheBytes: i.cacheBytes,
  }
}

function formatList(list: Integration[]): string {
  if (list.length === 0)
    return 'No integrations yet. Add one with: marquee integrations add spotify --client-id ID\n'
  const time = (at: number | null): string => (at ? new Date(at).toLocaleString() : '-')
  const rows = list.map((i) => [
    String(i.id),
    i.kind,
    i.status,
    i.name,
    time(i.lastFetchAt),
    time(i.nextFetchAt),
  ])
  const header = ['ID', 'KIND', 'STATUS', 'NAME', 'LAST FETCH', 'NEXT FETCH']
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)))
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd()
  const errors = list
    .filter((i) => i.error)
    .map(
      (i) =>
        `${i.id}: ${i.error}${i.staleSince ? ` (data stale since ${time(i.staleSince)})` : ''}`,
    )
  return `${[header, ...rows].map(line).join('\n')}\n${errors.length ? `\n${errors.join('\n')}\n` : ''}`
}

function describeFetch(
  status: Integration['status'],
  retryAfterMs: number | null,
  integration: Integration | undefined,
): string {
  if (status === 'rate-limited')
    return `Rate limited: the service accepts requests again in ${Math.ceil((retryAfterMs ?? 0) / 1000)} s.\n`
  if (status !== 'connected')
    return `${status}: ${integration?.error ?? 'the fetch did not work.'}\n`
  const data = integration?.data ?? {}
  if (integration?.kind === 'spotify')
    return data.artist_name
      ? `${String(data.track_name)} — ${String(data.artist_name)} (${String(data.progress_formatted)} / ${String(data.duration_formatted)})\n`
      : `${String(data.track_name)}\n`
  const problems = integration?.problems.length ?? 0
  return `Fetched ${integration?.name}${problems ? `; ${problems} media field problem(s): marquee integrations ls --json` : ''}.\n`
}

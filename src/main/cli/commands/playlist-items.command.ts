import type { VirtualItemInput } from '../../../shared/contract'
import type { Library } from '../library'
import { allowOnly, stringOption, type ParsedArgs } from '../args'
import type { CliIo } from '../io'
import { UsageError } from '../io'

/**
 * `playlist add-url <name> <url>... [--duration S]` and `playlist add-integration <name>
 * <integration id>... [--duration S]`: web pages and integrations as playlist items
 * (docs/cli.md). One call, so a bad address leaves the playlist as it was.
 */
export async function addPlaylistItems(
  lib: Library,
  args: ParsedArgs,
  io: CliIo,
  kind: VirtualItemInput['kind'],
): Promise<boolean> {
  const sub = kind === 'url' ? 'add-url' : 'add-integration'
  allowOnly(args, `playlist ${sub}`, ['json', 'duration'])
  const [, , name, ...refs] = args.positionals
  if (!name) throw new UsageError(`'playlist ${sub}' needs the playlist's name.`)
  if (refs.length === 0)
    throw new UsageError(
      kind === 'url'
        ? `'playlist add-url' needs one or more addresses after the name, e.g. https://example.com/menu.`
        : `'playlist add-integration' needs integration ids after the name ('marquee integrations ls').`,
    )
  const seconds = stringOption(args, 'duration')
  if (seconds !== undefined && !(Number(seconds) > 0))
    throw new UsageError(`--duration is in seconds, e.g. 8 or 12.5; got "${seconds}".`)
  const durationMs = seconds === undefined ? {} : { durationMs: Math.round(Number(seconds) * 1000) }
  const items = refs.map((ref): VirtualItemInput => {
    if (kind === 'url') return { kind, url: ref, ...durationMs }
    if (!/^[1-9]\d*$/.test(ref))
      throw new UsageError(`"${ref}" is not an integration id ('marquee integrations ls').`)
    return { kind, integrationId: Number(ref), ...durationMs }
  })
  const detail = await lib.call('collections.addItems', { name, items })
  io.stdout(
    args.values.json === true
      ? `${JSON.stringify(detail)}\n`
      : `Playlist "${detail.name}" now holds ${detail.itemCount} items.\n`,
  )
  return true
}

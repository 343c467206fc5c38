import { isAbsolute, resolve } from 'node:path'
import type { CollectionDetail, CollectionKind } from '../../../shared/domain'
import type { Library } from '../library'
import { allowOnly, stringOption, type ParsedArgs } from '../args'
import type { CliIo } from '../io'
import { UsageError } from '../io'
import { coverCommand, moveAlbumCommand } from './album-tree.command'
import { formatDuration } from './jobs.command'
import { addPlaylistItems } from './playlist-items.command'

/** `playlist …` and `album …`: create, add, ls, show, rm. */
export function collectionCommand(kind: CollectionKind) {
  return async (lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> => {
    const [, sub, name, ...refs] = args.positionals
    const json = args.values.json === true
    const needName = (): string => {
      if (!name) throw new UsageError(`'${kind} ${sub}' needs the ${kind}'s name.`)
      return name
    }
    switch (sub) {
      case 'create': {
        allowOnly(args, `${kind} create`, ['json'])
        const created = await lib.call('collections.create', { kind, name: needName() })
        io.stdout(json ? `${JSON.stringify(created)}\n` : `Created ${kind} "${created.name}".\n`)
        return true
      }
      case 'add': {
        allowOnly(args, `${kind} add`, ['json', 'duration'])
        if (refs.length === 0)
          throw new UsageError(`'${kind} add' needs asset ids or file paths after the name.`)
        const seconds = stringOption(args, 'duration')
        if (seconds !== undefined && kind === 'album')
          throw new UsageError('Albums have no durations; only playlist items do.')
        if (seconds !== undefined && !(Number(seconds) > 0))
          throw new UsageError(`--duration is in seconds, e.g. 8 or 12.5; got "${seconds}".`)
        const assetIds = await assetIdsOf(lib, refs, io.cwd)
        const detail = await lib.call('collections.add', {
          kind,
          name: needName(),
          assetIds,
          ...(seconds !== undefined ? { durationMs: Math.round(Number(seconds) * 1000) } : {}),
        })
        io.stdout(
          json
            ? `${JSON.stringify(detail)}\n`
            : `${kind === 'album' ? 'Album' : 'Playlist'} "${detail.name}" now holds ${detail.itemCount} items.\n`,
        )
        return true
      }
      case 'add-url':
      case 'add-integration':
        if (kind === 'album') throw new UsageError('Albums hold library files only.')
        return addPlaylistItems(lib, args, io, sub === 'add-url' ? 'url' : 'integration')
      case 'ls':
      case 'list': {
        allowOnly(args, `${kind} ls`, ['json'])
        const list = await lib.call('collections.list', { kind })
        if (json) io.stdout(`${JSON.stringify(list)}\n`)
        else if (list.length === 0)
          io.stdout(`No ${kind}s yet. Create one with 'marquee ${kind} create <name>'.\n`)
        else
          io.stdout(
            list
              .map(
                (c) =>
                  `${c.name}  (${c.itemCount} items${kind === 'playlist' ? `, ${formatDuration(c.durationMs)}` : ''})\n`,
              )
              .join(''),
          )
        return true
      }
      case 'show': {
        allowOnly(args, `${kind} show`, ['json'])
        const detail = await lib.call('collections.get', { kind, name: needName() })
        io.stdout(json ? `${JSON.stringify(detail)}\n` : describe(detail))
        return true
      }
      case 'rm':
      case 'remove': {
        allowOnly(args, `${kind} rm`, ['json', 'yes'])
        // Without --yes the core refuses one whose media went into bundles, saying which.
        const removed = await lib.call('collections.remove', {
          kind,
          name: needName(),
          confirm: args.values.yes === true,
        })
        io.stdout(
          json
            ? `${JSON.stringify(removed)}\n`
            : `Removed ${kind} "${name}". Its media stay in the library.\n`,
        )
        return true
      }
      case 'move':
        if (kind !== 'album') throw new UsageError('Only albums nest; a playlist plays on its own.')
        return moveAlbumCommand(lib, args, io)
      case 'cover':
        return coverCommand(kind)(lib, args, io)
      default:
        throw new UsageError(
          kind === 'playlist'
            ? `'playlist' takes create, add, add-url, add-integration, ls, show, rm or cover.`
            : `'album' takes create, add, ls, show, rm, move or cover.`,
        )
    }
  }
}

/** An asset id, or the path of an indexed file. */
async function assetIdOf(lib: Library, ref: string, cwd: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref)
  return (await lib.call('assets.byPath', { path: isAbsolute(ref) ? ref : resolve(cwd, ref) })).id
}

/** Asset ids for ids or file paths, in order. */
export async function assetIdsOf(lib: Library, refs: string[], cwd: string): Promise<number[]> {
  const ids: number[] = []
  for (const ref of refs) ids.push(await assetIdOf(lib, ref, cwd))
  return ids
}

function describe(detail: CollectionDetail): string {
  const lines = detail.items.map((item, i) => {
    const duration =
      detail.kind === 'playlist'
        ? `  ${(item.effectiveDurationMs / 1000).toFixed(1)} s${item.durationMs === null ? '' : ' (set)'}`
        : ''
    const what =
      item.kind === 'asset'
        ? `${item.type}, id ${item.assetId}, ${item.status}`
        : item.kind === 'url'
          ? 'web page'
          : `integration ${item.integration!.id}, ${item.integration!.status}`
    return `${String(i + 1).padStart(3)}. ${item.name}  [${what}]${duration}\n`
  })
  const total = detail.kind === 'playlist' ? `, ${formatDuration(detail.durationMs)}` : ''
  return `${detail.kind === 'album' ? 'Album' : 'Playlist'} "${detail.name}" — ${detail.itemCount} items${total}\n${lines.join('')}`
}

/** `rm <asset id|path>... [--yes]`: forgets assets; asks first when collections or bundles use them. */
export async function removeAssetsCommand(
  lib: Library,
  args: ParsedArgs,
  io: CliIo,
): Promise<boolean> {
  allowOnly(args, 'rm', ['json', 'yes'])
  const refs = args.positionals.slice(1)
  if (refs.length === 0) throw new UsageError(`'rm' takes asset ids or file paths.`)
  const ids = await assetIdsOf(lib, refs, io.cwd)
  const result = await lib.call('assets.remove', { ids, confirm: args.values.yes === true })
  if (args.values.json) {
    io.stdout(`${JSON.stringify(result)}\n`)
    return result.removed.length > 0 || result.heldBy.length === 0
  }
  if (result.removed.length === 0 && result.heldBy.length > 0) {
    for (const held of result.heldBy) {
      const where = [
        ...held.collections.map((c) => `${c.kind} "${c.name}"`),
        ...held.bundles.map((b) => `bundle "${b.name}" (${b.dir})`),
      ].join(', ')
      io.stderr(`Asset ${held.assetId} is used by ${where}.\n`)
    }
    io.stderr(
      `Nothing was removed. Run again with --yes to remove them from the library and from those collections (bundles already written keep their copies).\n`,
    )
    return false
  }
  io.stdout(
    `Removed ${result.removed.length} asset(s) from the library. No file was touched; a file still on disk comes back at the next scan.\n`,
  )
  return true
}

import type { CollectionKind } from '../../../shared/domain'
import { allowOnly, type ParsedArgs } from '../args'
import type { CliIo } from '../io'
import { UsageError } from '../io'
import type { Library } from '../library'
import { assetIdsOf } from './collections.command'

/** `album move <name> [<parent>]`: inside another album, or (no parent) at the top level. */
export async function moveAlbumCommand(
  lib: Library,
  args: ParsedArgs,
  io: CliIo,
): Promise<boolean> {
  allowOnly(args, 'album move', ['json'])
  const [, , name, parent, ...rest] = args.positionals
  if (!name) throw new UsageError(`'album move' needs the album's name, then the parent album's.`)
  if (rest.length) throw new UsageError(`'album move' takes an album and at most one parent.`)
  const moved = await lib.call('collections.move', { name, parent: parent ?? null })
  io.stdout(
    args.values.json
      ? `${JSON.stringify(moved)}\n`
      : parent
        ? `Album "${moved.name}" is now inside "${parent}".\n`
        : `Album "${moved.name}" is now at the top level.\n`,
  )
  return true
}

/** `<kind> cover <name> [<asset id|path>]`: its cover; without an asset, the first item again. */
export function coverCommand(kind: CollectionKind) {
  return async (lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> => {
    allowOnly(args, `${kind} cover`, ['json'])
    const [, , name, ref, ...rest] = args.positionals
    if (!name) throw new UsageError(`'${kind} cover' needs the ${kind}'s name, then an asset.`)
    if (rest.length) throw new UsageError(`'${kind} cover' takes one asset id or path.`)
    const assetId = ref === undefined ? null : (await assetIdsOf(lib, [ref], io.cwd))[0]!
    const changed = await lib.call('collections.setCover', { kind, name, assetId })
    io.stdout(
      args.values.json
        ? `${JSON.stringify(changed)}\n`
        : assetId === null
          ? `"${changed.name}" shows its first item as its cover.\n`
          : `"${changed.name}" has a new cover.\n`,
    )
    return true
  }
}

import { relative, resolve, sep } from 'node:path'
import { allowOnly, listOption, type ParsedArgs } from '../args'
import { UsageError, type CliIo } from '../io'
import type { Library } from '../library'
import { requireRoot } from '../resolve-root'

/**
 * `folder-tag <folder> [--tag T]... [--untag T]... [--json]`: tags a folder of a library folder;
 * its files, and those that arrive later, carry the tag (docs/cli.md).
 */
export async function folderTagCommand(
  lib: Library,
  args: ParsedArgs,
  io: CliIo,
): Promise<boolean> {
  allowOnly(args, 'folder-tag', ['json', 'tag', 'untag'])
  const [, folder, extra] = args.positionals
  if (!folder || extra !== undefined) throw new UsageError(`'folder-tag' takes one folder path.`)
  const add = listOption(args, 'tag')
  const remove = listOption(args, 'untag')
  if (add.length === 0 && remove.length === 0)
    throw new UsageError(`'folder-tag' needs --tag T or --untag T.`)
  const root = requireRoot(await lib.call('roots.list', undefined), folder, io.cwd)
  const inside = relative(root.path, resolve(io.cwd, folder)).split(sep).join('/')
  const result = await lib.call('tags.folder', {
    rootId: root.id,
    folder: inside,
    ...(add.length ? { add } : {}),
    ...(remove.length ? { remove } : {}),
  })
  const name = inside === '' ? `"${root.label}"` : `${inside} in "${root.label}"`
  io.stdout(
    args.values.json
      ? `${JSON.stringify(result)}\n`
      : `${name} hands down ${result.tags.length ? result.tags.join(', ') : 'no tags'}; ` +
          `${result.changed} file(s) changed.\n`,
  )
  return true
}

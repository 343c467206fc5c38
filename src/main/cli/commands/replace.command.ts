import { dirname, isAbsolute, resolve } from 'node:path'
import type { MethodResult } from '../../../shared/contract'
import { AppError } from '../../errors'
import { allowOnly, stringOption, type ParsedArgs } from '../args'
import { UsageError, type CliIo } from '../io'
import type { Library } from '../library'
import { followImports } from './import.command'

/**
 * `replace <old asset> <new asset|path> [--note T] [--json]`: the new asset takes the old one's
 * place in every playlist and album. A file that is not in the library yet is imported next to
 * the old one first (through the import pipeline: no overwrite, duplicates found by content).
 */
export async function replaceCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'replace', ['json', 'note'])
  const [, oldRef, newRef, extra] = args.positionals
  if (!oldRef || !newRef || extra !== undefined)
    throw new UsageError(`'replace' takes the old asset and the new asset (an id or a file path).`)
  const old = await assetOf(lib, oldRef, io.cwd)
  const newId = /^\d+$/.test(newRef)
    ? Number(newRef)
    : await indexedOrImported(lib, absolute(newRef, io.cwd), old.path)
  const note = stringOption(args, 'note')
  const result = await lib.call('assets.replace', {
    oldId: old.id,
    newId,
    ...(note !== undefined ? { note } : {}),
  })
  io.stdout(args.values.json ? `${JSON.stringify(result)}\n` : describe(result))
  return true
}

function absolute(ref: string, cwd: string): string {
  return isAbsolute(ref) ? ref : resolve(cwd, ref)
}

async function assetOf(lib: Library, ref: string, cwd: string) {
  return /^\d+$/.test(ref)
    ? lib.call('assets.get', { id: Number(ref) })
    : lib.call('assets.byPath', { path: absolute(ref, cwd) })
}

/** The asset at `path`, or the one importing it into the old asset's folder makes. */
async function indexedOrImported(lib: Library, path: string, oldPath: string): Promise<number> {
  try {
    return (await lib.call('assets.byPath', { path })).id
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error
  }
  const follow = followImports(lib, () => {})
  try {
    const { importId } = await lib.call('import.start', {
      sources: [path],
      into: { path: dirname(oldPath) },
    })
    const [result] = await follow.until([importId])
    const settled = [
      ...result!.imported.map((i) => i.assetId),
      ...result!.duplicates.map((d) => d.existing[0]!.assetId),
    ]
    if (result!.failed.length > 0)
      throw new AppError(
        'INVALID_ARGUMENT',
        `${path} could not be imported next to ${oldPath}: ${result!.failed[0]!.error}`,
      )
    if (settled.length !== 1)
      throw new UsageError(`'replace' takes one file as the new content; ${path} is not one.`)
    return settled[0]!
  } finally {
    follow.stop()
  }
}

function describe(result: MethodResult<'assets.replace'>): string {
  const where = result.collections.map(
    (c) => `  ${c.kind} "${c.name}" (${c.items} item${c.items === 1 ? '' : 's'})\n`,
  )
  const head = `asset:${result.newId} replaces asset:${result.oldId}`
  if (where.length === 0)
    return `${head}; no playlist or album held it. The old file is untouched.\n`
  return `${head} in ${where.length} collection(s); the old file is untouched:\n${where.join('')}`
}

import { isAbsolute, resolve } from 'node:path'
import type { MethodResult } from '../../../shared/contract'
import type { GraphDirection } from '../../../shared/graph'
import type { Library } from '../library'
import { allowOnly, integerOption, listOption, stringOption, type ParsedArgs } from '../args'
import { UsageError, type CliIo } from '../io'

// Anything shaped like `kind:` is a node name (the core says what is wrong with a bad one); a
// file whose name looks like that is given as ./name.
const NAMED = /^[a-z]+:/

/** A node as the user typed it: a node name, an asset id, or a file path (relative to cwd). */
function nodeArg(value: string | undefined, what: string, cwd: string): string {
  if (!value) throw new UsageError(`'${what}' needs a node (asset:<id>, folder:<root>:<path>, …).`)
  if (NAMED.test(value) || isAbsolute(value)) return value
  if (/^\d+$/.test(value)) return `asset:${value}`
  return resolve(cwd, value)
}

function relationsOf(args: ParsedArgs): { relations?: string[] } {
  const relations = listOption(args, 'relation')
  return relations.length > 0 ? { relations } : {}
}

/** `graph neighbours|path|impact …`: walks the relationship graph. */
export async function graphCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  const [, sub, a, b] = args.positionals
  const json = args.values.json === true
  const print = (value: unknown, text: string) =>
    io.stdout(json ? `${JSON.stringify(value)}\n` : text)
  switch (sub) {
    case 'neighbours':
    case 'neighbors': {
      allowOnly(args, 'graph neighbours', ['json', 'depth', 'relation', 'direction', 'limit'])
      const direction = stringOption(args, 'direction')
      if (direction !== undefined && !['out', 'in', 'both'].includes(direction))
        throw new UsageError(`--direction is out, in or both; got "${direction}".`)
      const depth = integerOption(args, 'depth', 1, 4)
      const limit = integerOption(args, 'limit', 1, 10_000)
      const result = await lib.call('graph.neighbours', {
        node: nodeArg(a, 'graph neighbours', io.cwd),
        ...relationsOf(args),
        ...(direction ? { direction: direction as GraphDirection } : {}),
        ...(depth !== undefined ? { depth } : {}),
        ...(limit !== undefined ? { limit } : {}),
      })
      print(result, describeNeighbours(result))
      return true
    }
    case 'path': {
      allowOnly(args, 'graph path', ['json', 'relation', 'max-depth'])
      const maxDepth = integerOption(args, 'max-depth', 1, 6)
      const result = await lib.call('graph.path', {
        from: nodeArg(a, 'graph path', io.cwd),
        to: nodeArg(b, 'graph path', io.cwd),
        ...relationsOf(args),
        ...(maxDepth !== undefined ? { maxDepth } : {}),
      })
      print(result, describePath(result))
      return result.steps !== null
    }
    case 'impact': {
      allowOnly(args, 'graph impact', ['json'])
      const result = await lib.call('graph.impact', { node: nodeArg(a, 'graph impact', io.cwd) })
      print(result, describeImpact(result))
      return true
    }
    case 'rebuild': {
      allowOnly(args, 'graph rebuild', ['json'])
      const result = await lib.call('graph.rebuild', undefined)
      print(
        result,
        `Graph rebuilt in ${result.ms} ms: ${result.orphanLinks} orphan link(s) removed, ` +
          `${result.links} kept; ${result.folderTagsAdded} tag(s) handed down by folders ` +
          `(${result.folderTagsRemoved} before).\n`,
      )
      return true
    }
    default:
      throw new UsageError(`'graph' takes neighbours, path, impact or rebuild.`)
  }
}

/** `link <a> <b> --relation R [--note T]`. */
export async function linkCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'link', ['json', 'relation', 'note'])
  const [, a, b] = args.positionals
  const relations = listOption(args, 'relation')
  if (relations.length !== 1) throw new UsageError(`'link' needs one --relation (e.g. related_to).`)
  const note = stringOption(args, 'note')
  const link = await lib.call('graph.link', {
    from: nodeArg(a, 'link', io.cwd),
    to: nodeArg(b, 'link', io.cwd),
    relation: relations[0]!,
    ...(note !== undefined ? { note } : {}),
  })
  io.stdout(
    args.values.json
      ? `${JSON.stringify(link)}\n`
      : `Linked ${link.source} ${link.relation} ${link.target}.\n`,
  )
  return true
}

/** `unlink <a> <b> [--relation R]`. */
export async function unlinkCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  allowOnly(args, 'unlink', ['json', 'relation'])
  const [, a, b] = args.positionals
  const relations = listOption(args, 'relation')
  if (relations.length > 1) throw new UsageError(`'unlink' takes at most one --relation.`)
  const result = await lib.call('graph.unlink', {
    from: nodeArg(a, 'unlink', io.cwd),
    to: nodeArg(b, 'unlink', io.cwd),
    ...(relations[0] ? { relation: relations[0] } : {}),
  })
  io.stdout(
    args.values.json ? `${JSON.stringify(result)}\n` : `Removed ${result.removed} link(s).\n`,
  )
  return true
}

function describeNeighbours(result: MethodResult<'graph.neighbours'>): string {
  if (result.neighbours.length === 0) return `${result.node} has no neighbours.\n`
  const lines = result.neighbours.map(
    (n) =>
      `${String(n.depth).padStart(2)}  ${n.from} ${n.direction === 'out' ? `-${n.relation}->` : `<-${n.relation}-`} ${n.node}\n`,
  )
  const more = result.truncated ? 'More lie beyond the limit (--limit N).\n' : ''
  return `${lines.join('')}${more}`
}

function describePath(result: MethodResult<'graph.path'>): string {
  if (result.steps === null) return `No path from ${result.from} to ${result.to}.\n`
  const parts = [result.from]
  for (const step of result.steps)
    parts.push(
      step.direction === 'out'
        ? `-${step.relation}-> ${step.to}`
        : `<-${step.relation}- ${step.to}`,
    )
  return `${parts.join(' ')}\n`
}

function describeImpact(result: MethodResult<'graph.impact'>): string {
  const lines = [
    ...result.collections.map((c) => `  ${c.kind} "${c.name}" (collection:${c.id})\n`),
    ...result.bundles.map(
      (b) => `  bundle ${b.dir} (bundle:${b.id}, ${new Date(b.createdAt).toISOString()})\n`,
    ),
    ...result.assets.map((a) => `  asset:${a.id} (${a.relation.replace('_', ' ')} it)\n`),
  ]
  const { counts } = result
  if (lines.length === 0) return `Nothing uses ${result.node}.\n`
  const more = counts.assets > result.assets.length ? `  … ${counts.assets} assets in all\n` : ''
  return `${result.node} is used by ${counts.collections} collection(s) and ${counts.bundles} bundle(s); ${counts.assets} asset(s) replace or duplicate it:\n${lines.join('')}${more}`
}

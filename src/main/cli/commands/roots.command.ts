import { resolve } from 'node:path'
import type { Root } from '../../../shared/domain'
import { ROOT_KINDS, type RootKind } from '../../../shared/domain'
import type { Library } from '../library'
import { allowOnly, stringOption, type ParsedArgs } from '../args'
import type { CliIo } from '../io'
import { UsageError } from '../io'

export async function rootsCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  const [, sub, ...rest] = args.positionals
  const json = args.values.json === true
  switch (sub) {
    case 'ls':
    case 'list': {
      allowOnly(args, 'roots ls', ['json'])
      if (rest.length) throw new UsageError(`'roots ls' takes no arguments.`)
      const roots = await lib.call('roots.list', undefined)
      io.stdout(json ? `${JSON.stringify(roots)}\n` : formatRoots(roots))
      return true
    }
    case 'add': {
      allowOnly(args, 'roots add', ['json', 'label', 'kind'])
      if (rest.length !== 1) throw new UsageError(`'roots add' takes one folder path.`)
      const kind = stringOption(args, 'kind')
      if (kind !== undefined && !ROOT_KINDS.includes(kind as RootKind)) {
        throw new UsageError(`--kind must be one of ${ROOT_KINDS.join(', ')}; got "${kind}".`)
      }
      const label = stringOption(args, 'label')
      const root = await lib.call('roots.add', {
        path: resolve(io.cwd, rest[0]!),
        ...(label !== undefined ? { label } : {}),
        ...(kind !== undefined ? { kind: kind as RootKind } : {}),
      })
      io.stdout(
        json
          ? `${JSON.stringify(root)}\n`
          : `Added ${root.path} as "${root.label}" (id ${root.id}).\n`,
      )
      return true
    }
    case 'rm':
    case 'remove': {
      allowOnly(args, 'roots rm', ['json', 'yes'])
      if (rest.length !== 1 || !/^\d+$/.test(rest[0]!)) {
        throw new UsageError(`'roots rm' takes the numeric id shown by 'roots ls'.`)
      }
      // Without --yes the core refuses a root that collections or bundles use, saying which.
      const removed = await lib.call('roots.remove', {
        id: Number(rest[0]),
        confirm: args.values.yes === true,
      })
      io.stdout(
        json
          ? `${JSON.stringify(removed)}\n`
          : `Removed library folder ${removed.id}. No files were touched.\n`,
      )
      return true
    }
    case 'set': {
      allowOnly(args, 'roots set', ['json', 'label', 'kind', 'inbox', 'virus-scan'])
      if (rest.length !== 1 || !/^\d+$/.test(rest[0]!)) {
        throw new UsageError(`'roots set' takes the numeric id shown by 'roots ls'.`)
      }
      const label = stringOption(args, 'label')
      const kind = stringOption(args, 'kind')
      const inbox = stringOption(args, 'inbox')
      const virusScan = onOff(args, 'virus-scan')
      if (kind !== undefined && !ROOT_KINDS.includes(kind as RootKind)) {
        throw new UsageError(`--kind must be one of ${ROOT_KINDS.join(', ')}; got "${kind}".`)
      }
      if (
        label === undefined &&
        kind === undefined &&
        inbox === undefined &&
        virusScan === undefined
      )
        throw new UsageError(
          `'roots set' needs --label, --kind or --inbox (or --virus-scan on|off).`,
        )
      const root = await lib.call('roots.update', {
        id: Number(rest[0]),
        ...(label !== undefined ? { label } : {}),
        ...(kind !== undefined ? { kind: kind as RootKind } : {}),
        ...(inbox !== undefined ? { inbox } : {}),
        ...(virusScan !== undefined ? { virusScan } : {}),
      })
      io.stdout(
        json
          ? `${JSON.stringify(root)}\n`
          : `"${root.label}" (id ${root.id}): ${root.kind}, imports land in ${root.inbox}/${root.virusScan ? ', virus scan on' : ''}.\n`,
      )
      return true
    }
    default:
      throw new UsageError(
        sub
          ? `Unknown 'roots' command "${sub}". Use add, ls, set or rm.`
          : `'roots' needs a command: add, ls, set or rm.`,
      )
  }
}

/** An on|off option as a boolean (undefined when not given). */
function onOff(args: ParsedArgs, name: 'virus-scan'): boolean | undefined {
  const value = stringOption(args, name)
  if (value === undefined) return undefined
  if (value === 'on' || value === 'off') return value === 'on'
  throw new UsageError(`--${name} takes on or off; got "${value}".`)
}

function formatRoots(roots: Root[]): string {
  if (roots.length === 0) return 'No library folders yet. Add one with: marquee roots add <path>\n'
  const rows = roots.map((r) => [String(r.id), r.status, r.kind, r.label, r.path])
  const header = ['ID', 'STATUS', 'KIND', 'LABEL', 'PATH']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')
  return `${[header, ...rows].map(line).join('\n')}\n`
}

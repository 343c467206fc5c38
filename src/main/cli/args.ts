import { parseArgs } from 'node:util'
import { UsageError } from './io'

/** Every option the CLI knows, across commands; each command says which of them it accepts. */
const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  label: { type: 'string' },
  kind: { type: 'string' },
  wait: { type: 'boolean' },
  failed: { type: 'boolean' },
  similar: { type: 'boolean' },
  duration: { type: 'string' },
  playlist: { type: 'string' },
  album: { type: 'string' },
  profile: { type: 'string' },
  out: { type: 'string' },
  name: { type: 'string' },
  verify: { type: 'boolean' },
  'no-audio': { type: 'boolean' },
  yes: { type: 'boolean' },
  'confirm-empty': { type: 'boolean' },
  root: { type: 'string' },
  status: { type: 'string' },
  type: { type: 'string' },
  query: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  into: { type: 'string' },
  inbox: { type: 'string' },
  'on-duplicate': { type: 'string' },
  resume: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'client-id': { type: 'string' },
  interval: { type: 'string' },
  url: { type: 'string' },
  header: { type: 'string', multiple: true },
  'secret-header': { type: 'string', multiple: true },
  'media-field': { type: 'string', multiple: true },
  'redirect-port': { type: 'string' },
  'no-browser': { type: 'boolean' },
  'max-age-days': { type: 'string' },
  'dry-run': { type: 'boolean' },
  depth: { type: 'string' },
  'max-depth': { type: 'string' },
  direction: { type: 'string' },
  relation: { type: 'string', multiple: true },
  note: { type: 'string' },
  'max-resolution': { type: 'string' },
  level: { type: 'string' },
  'max-bitrate': { type: 'string' },
  'image-format': { type: 'string' },
  tag: { type: 'string', multiple: true },
  untag: { type: 'string', multiple: true },
  'virus-scan': { type: 'string' },
  accept: { type: 'boolean' },
} as const

export type OptionName = keyof typeof OPTIONS

export interface ParsedArgs {
  positionals: string[]
  values: Partial<Record<OptionName, string | boolean | string[]>>
}

export function parseCliArgs(argv: string[]): ParsedArgs {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    })
    return { positionals, values }
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** Refuses options a command does not take (global ones are always allowed). */
export function allowOnly(args: ParsedArgs, command: string, allowed: OptionName[]): void {
  const global: OptionName[] = ['data-dir', 'help']
  for (const name of Object.keys(args.values) as OptionName[]) {
    if (!global.includes(name) && !allowed.includes(name)) {
      throw new UsageError(`'${command}' does not take --${name}.`)
    }
  }
}

export function stringOption(args: ParsedArgs, name: OptionName): string | undefined {
  const value = args.values[name]
  return typeof value === 'string' ? value : undefined
}

/** Every value of an option that may be given more than once. */
export function listOption(args: ParsedArgs, name: OptionName): string[] {
  const value = args.values[name]
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
}

export function integerOption(
  args: ParsedArgs,
  name: OptionName,
  min: number,
  max: number,
): number | undefined {
  const raw = stringOption(args, name)
  if (raw === undefined) return undefined
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got "${raw}".`)
  }
  return Number(raw)
}

/** A value that must be one of a fixed list. */
export function choiceOption<T extends string>(
  args: ParsedArgs,
  name: OptionName,
  choices: readonly T[],
): T | undefined {
  const raw = stringOption(args, name)
  if (raw !== undefined && !choices.includes(raw as T)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got "${raw}".`)
  }
  return raw as T | undefined
}

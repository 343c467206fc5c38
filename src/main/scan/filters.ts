import ignore, { type Ignore } from 'ignore'

/** NAS and OS litter that is never media, compared case-insensitively. Dot names are excluded too. */
const LITTER = new Set(
  [
    '@eaDir',
    '#recycle',
    '#snapshot',
    'Thumbs.db',
    'desktop.ini',
    '$RECYCLE.BIN',
    'System Volume Information',
  ].map((n) => n.toLowerCase()),
)

/** True for names excluded everywhere: dotfiles and dot folders (`.DS_Store`, `._x`), NAS litter. */
export function isDefaultExcluded(name: string): boolean {
  return name.startsWith('.') || LITTER.has(name.toLowerCase())
}

export const IGNORE_FILE = '.marqueeignore'

/** gitignore-syntax rules that apply below `base` ('' for the root). */
export interface RuleSet {
  base: string
  rules: Ignore
  /** What `rules` was made from: another walker rebuilds the set from it (walk-share.ts). */
  patterns: string[]
}

export function ruleSet(base: string, patterns: string | readonly string[]): RuleSet | null {
  const list = typeof patterns === 'string' ? patterns.split(/\r?\n/) : [...patterns]
  const meaningful = list.filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
  if (meaningful.length === 0) return null
  return { base, rules: ignore().add(list), patterns: list }
}

/**
 * Whether `relPath` (root-relative, '/'-separated) is excluded by any rule set that covers it.
 * Names `ignore` cannot test (it refuses some odd paths) are kept: indexing too much is
 * recoverable, silently skipping a user's file is not.
 */
export function isIgnored(sets: readonly RuleSet[], relPath: string, isDir: boolean): boolean {
  for (const set of sets) {
    const local = set.base === '' ? relPath : relPath.slice(set.base.length + 1)
    try {
      if (set.rules.ignores(isDir ? `${local}/` : local)) return true
    } catch {
      continue
    }
  }
  return false
}

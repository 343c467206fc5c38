/**
 * SHA256SUMS in the format of coreutils' `sha256sum`, so `sha256sum -c SHA256SUMS` run in the
 * bundle folder checks every object with no Marquee at hand (docs/bundle-format.md).
 */

export interface Sha256Entry {
  sha256: string
  /** Relative to the bundle, with `/`. */
  path: string
}

export interface ParsedSha256Sums {
  entries: Sha256Entry[]
  /** One sentence per line that is not `<64 hex>  <path>`, with its line number. */
  errors: string[]
}

/**
 * One `<sha256>  <path>` line per object (two spaces: text mode), sorted by path, LF, with a
 * final newline. The same object listed twice is written once.
 */
export function formatSha256Sums(entries: readonly Sha256Entry[]): string {
  const byPath = new Map<string, string>()
  for (const { sha256, path } of entries) {
    if (!/^[0-9a-f]{64}$/.test(sha256))
      throw new RangeError(`Not a lower-case SHA-256: "${sha256}".`)
    // sha256sum escapes such names with a leading backslash; object paths never need it.
    if (path === '' || /[\n\r\\]/.test(path) || path.startsWith('/')) {
      throw new RangeError(`Not a bundle-relative path for SHA256SUMS: ${JSON.stringify(path)}.`)
    }
    const known = byPath.get(path)
    if (known !== undefined && known !== sha256) {
      throw new RangeError(`${path} is listed with two different hashes.`)
    }
    byPath.set(path, sha256)
  }
  // Code-unit order, as `LC_ALL=C sort` gives: the same bytes on every machine.
  const paths = [...byPath.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return paths.map((path) => `${byPath.get(path)}  ${path}\n`).join('')
}

/** `sha256sum` writes ` *` before the name in binary mode; both modes mean the same bytes here. */
const LINE = /^([0-9a-fA-F]{64}) [ *](.+)$/

/**
 * The entries of a SHA256SUMS file, lower-cased, in file order. Malformed lines are reported, not
 * thrown, so a verifier can list them beside everything else it finds.
 */
export function parseSha256Sums(text: string): ParsedSha256Sums {
  const entries: Sha256Entry[] = []
  const errors: string[] = []
  const lines = text.split('\n')
  // The final newline leaves one empty string behind; it is not a line.
  if (lines[lines.length - 1] === '') lines.pop()
  lines.forEach((line, index) => {
    const number = index + 1
    if (line.endsWith('\r')) {
      errors.push(`line ${number}: ends in CR LF; sha256sum would look for a name ending in CR`)
      return
    }
    const match = LINE.exec(line)
    if (!match) {
      errors.push(
        `line ${number}: expected "<64 hex digits>  <path>", found ${JSON.stringify(clip(line))}`,
      )
      return
    }
    const [, sha256 = '', path = ''] = match
    entries.push({ sha256: sha256.toLowerCase(), path })
  })
  return { entries, errors }
}

function clip(line: string): string {
  return line.length > 80 ? `${line.slice(0, 77)}…` : line
}

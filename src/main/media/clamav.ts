/**
 * ClamAV's command lines and answers (docs/processing.md, "Virus scan"). Pure: the repository
 * runs them.
 */

/** `clamscan` on one file; `database` replaces the system's signatures (a test's own `.hdb`). */
export function clamscanArgs(path: string, database: string | undefined): string[] {
  return [
    '--no-summary',
    '--stdout',
    ...(database ? [`--database=${database}`] : []),
    // Scans what the file holds however large; an archive bomb is ClamAV's own limits' business.
    '--',
    path,
  ]
}

/**
 * `clamdscan` hands the open file to clamd (`--fdpass`): the daemon usually runs as its own user,
 * which may not be allowed to open the library's files itself.
 */
export function clamdscanArgs(path: string, config: string): string[] {
  return ['--no-summary', '--stdout', '--fdpass', `--config-file=${config}`, '--', path]
}

export type ClamVerdict = { infected: false } | { infected: true; signature: string }

/**
 * What clamscan/clamdscan said about one file: `<path>: <signature> FOUND` when infected (exit
 * code 1), `<path>: OK` when clean (0). Null when neither is there (an error, exit code 2).
 */
export function parseClamOutput(stdout: string, exitCode: number): ClamVerdict | null {
  const found = /: (.+) FOUND$/m.exec(stdout)
  if (exitCode === 1 && found) return { infected: true, signature: found[1]!.trim() }
  if (exitCode === 0 && /: OK$/m.test(stdout)) return { infected: false }
  return null
}

/** The `LocalSocket` a clamd.conf names (null when clamd listens on TCP only, or not at all). */
export function clamdSocketOf(config: string): string | null {
  const line = /^\s*LocalSocket\s+(\S+)/m.exec(config)
  return line ? line[1]! : null
}

/** The reason ClamAV gives on stderr, without its `LibClamAV Error:`/`ERROR:` tags. */
export function clamErrorOf(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.replace(/^(LibClamAV )?(Error|ERROR|WARNING):\s*/, '').trim())
    .filter(Boolean)
  return (
    lines.find((l) => /database|No such file|Can't|cannot|failed/i.test(l)) ?? lines.at(-1) ?? ''
  )
}

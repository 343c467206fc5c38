import { inspect } from 'node:util'
import { formatLine } from './logger'

/** What the handlers need of `process` (tests pass an EventEmitter). */
export interface ProcessEvents {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown
}

/** Where the details of an unexpected error go (`LogFileRepository`). */
export interface DetailsFile {
  readonly path: string
  /** Never throws; false when the text could not be written. */
  append(text: string): boolean
}

export interface UnexpectedOptions {
  stderr(text: string): void
  /** The log file; none before the CLI knows its data directory (the details go to stderr). */
  logFile?: DetailsFile | undefined
  /** MARQUEE_LOG_LEVEL=debug: the stack goes to stderr too. */
  debug?: boolean
  /** The face goes on after the error (serve, the app); a one-shot command ends with it. */
  goesOn: boolean
}

/**
 * Says that something failed that nobody expected: the details (with the stack) go to the log
 * file, and stderr gets one line that says what happened and where the details are. Only when
 * the log file cannot take them (or with MARQUEE_LOG_LEVEL=debug) does the stack follow on stderr.
 */
export function reportUnexpected(
  error: unknown,
  options: UnexpectedOptions & { what: string },
): void {
  const logged = options.logFile?.append(formatLine('error', `${options.what}:`, error)) === true
  const path = options.logFile?.path
  let line = `marquee: an unexpected error happened (${summary(error)}).`
  if (options.goesOn)
    line += logged ? ` Marquee goes on; the details are in ${path}.` : ' Marquee goes on.'
  else if (logged) line += ` The details are in ${path}.`
  if (!logged) line += ' The details follow.'
  const stack = logged && !options.debug ? '' : `${details(error)}\n`
  try {
    options.stderr(`${line}\n${stack}`)
  } catch {
    // A closed stderr: the log file has it, or nothing can.
  }
}

export interface ProcessGuard {
  /** Where details go and whether the face goes on (the CLI knows once its args are parsed). */
  update(options: Partial<Omit<UnexpectedOptions, 'stderr'>>): void
  /** Resolves at the first error nobody caught in a face that does not go on: it must end. */
  readonly ended: Promise<void>
  hasEnded(): boolean
}

/**
 * Installs the process-level handlers of an entry point. An uncaught exception or an unhandled
 * rejection is reported (`reportUnexpected`); serve and the app go on (docs/decisions.md, "Errors
 * nobody caught"), a one-shot CLI command ends (`ended`), after which further errors only reach
 * the log file, so stderr keeps its one line.
 */
export function installProcessHandlers(
  target: ProcessEvents,
  initial: UnexpectedOptions,
): ProcessGuard {
  let options = initial
  let hasEnded = false
  let end = (): void => undefined
  const ended = new Promise<void>((resolve) => (end = resolve))
  const handle =
    (what: string) =>
    (error: unknown): void => {
      try {
        if (hasEnded) {
          options.logFile?.append(formatLine('error', `${what} (while ending):`, error))
          return
        }
        reportUnexpected(error, { ...options, what })
        if (!options.goesOn) {
          hasEnded = true
          end()
        }
      } catch {
        // Reporting must never throw back into the handler it runs in.
      }
    }
  target.on('uncaughtException', handle('uncaught exception'))
  target.on('unhandledRejection', handle('unhandled promise rejection'))
  return {
    update: (changes) => void (options = { ...options, ...changes }),
    ended,
    hasEnded: () => hasEnded,
  }
}

/** The error's message on one short line. */
function summary(error: unknown): string {
  const text =
    error instanceof Error
      ? error.message || error.name
      : typeof error === 'string'
        ? error
        : inspect(error, { breakLength: Infinity, depth: 2 })
  const line = text.split('\n', 1)[0]!.trim() || 'no message'
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}

function details(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : inspect(error)
}

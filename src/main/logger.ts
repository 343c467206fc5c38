export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string, detail?: unknown): void
  info(message: string, detail?: unknown): void
  warn(message: string, detail?: unknown): void
  error(message: string, detail?: unknown): void
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/** Logs to a writable stream (stderr by default), so stdout stays clean for command output. */
export function createLogger(
  minLevel: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const log = (level: LogLevel, message: string, detail?: unknown): void => {
    if (ORDER[level] < ORDER[minLevel]) return
    const suffix =
      detail === undefined
        ? ''
        : ` ${detail instanceof Error ? (detail.stack ?? detail.message) : JSON.stringify(detail)}`
    write(`${new Date().toISOString()} ${level.padEnd(5)} ${message}${suffix}\n`)
  }
  return {
    debug: (m, d) => log('debug', m, d),
    info: (m, d) => log('info', m, d),
    warn: (m, d) => log('warn', m, d),
    error: (m, d) => log('error', m, d),
  }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

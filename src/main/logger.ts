export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string, detail?: unknown): void
  info(message: string, detail?: unknown): void
  warn(message: string, detail?: unknown): void
  error(message: string, detail?: unknown): void
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/** One log line: time, level, message, and the detail (an error's stack, else JSON). */
export function formatLine(level: LogLevel, message: string, detail?: unknown): string {
  let suffix = ''
  if (detail instanceof Error) suffix = ` ${detail.stack ?? detail.message}`
  else if (detail !== undefined) {
    try {
      suffix = ` ${JSON.stringify(detail)}`
    } catch {
      suffix = ` ${String(detail)}`
    }
  }
  return `${new Date().toISOString()} ${level.padEnd(5)} ${message}${suffix}\n`
}

/**
 * Logs to a write function: stderr by default (stdout stays clean for command output), or a log
 * file (`LogFileRepository.append`). Logging never throws: a line that cannot be written (a full
 * disk, a closed pipe) is dropped, and the caller goes on.
 */
export function createLogger(
  minLevel: LogLevel = 'info',
  write: (line: string) => unknown = (line) => process.stderr.write(line),
): Logger {
  const log = (level: LogLevel, message: string, detail?: unknown): void => {
    if (ORDER[level] < ORDER[minLevel]) return
    try {
      write(formatLine(level, message, detail))
    } catch {
      // Nowhere left to say it: the work matters more than the line.
    }
  }
  return {
    debug: (m, d) => log('debug', m, d),
    info: (m, d) => log('info', m, d),
    warn: (m, d) => log('warn', m, d),
    error: (m, d) => log('error', m, d),
  }
}

/** One logger that writes to several, each at its own level: a face's stderr and its log file. */
export function teeLogger(...loggers: Logger[]): Logger {
  return {
    debug: (m, d) => loggers.forEach((logger) => logger.debug(m, d)),
    info: (m, d) => loggers.forEach((logger) => logger.info(m, d)),
    warn: (m, d) => loggers.forEach((logger) => logger.warn(m, d)),
    error: (m, d) => loggers.forEach((logger) => logger.error(m, d)),
  }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

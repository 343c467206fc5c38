import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface LogFileLimits {
  /** A file that would pass this size is set aside first. */
  maxBytes: number
  /** How many set-aside files are kept, at least 1 (marquee.1.log is the newest). */
  keep: number
}

export const DEFAULT_LOG_LIMITS: LogFileLimits = { maxBytes: 5 * 1024 * 1024, keep: 2 }

/**
 * The library's log: `<dataDir>/logs/marquee.log`, appended a line at a time. Each append opens,
 * writes and closes the file (O_APPEND), so the CLI and a running serve can share it, and a file
 * set aside by one of them is seen by the other at once. When the file would pass
 * `maxBytes` it becomes marquee.1.log, marquee.1.log becomes marquee.2.log, and so on up to
 * `keep`. The data directory must exist: only `logs/` is created, so a mistyped `--data-dir` does
 * not leave a folder behind.
 *
 * Never throws: a line that cannot be written (a full disk, a read-only volume, a missing folder)
 * is dropped and `append` answers false. Logging must not become the failure.
 */
export class LogFileRepository {
  readonly path: string
  private readonly dir: string
  /** Bytes in the file as this process counts them; read from the file when unknown. */
  private size: number | undefined

  constructor(
    dataDir: string,
    private readonly limits: LogFileLimits = DEFAULT_LOG_LIMITS,
  ) {
    this.dir = join(dataDir, 'logs')
    this.path = join(this.dir, 'marquee.log')
  }

  /** Appends `text` (whole lines); false when it could not be written. */
  append(text: string): boolean {
    try {
      const bytes = Buffer.byteLength(text)
      let size = this.size ?? this.currentSize()
      if (size > 0 && size + bytes > this.limits.maxBytes) {
        // Another process on the same library may have set it aside already.
        size = this.currentSize()
        if (size > 0 && size + bytes > this.limits.maxBytes) {
          this.rotate()
          size = 0
        }
      }
      appendFileSync(this.path, text, { mode: 0o600 })
      this.size = size + bytes
      return true
    } catch {
      this.size = undefined
      return false
    }
  }

  private currentSize(): number {
    try {
      return statSync(this.path).size
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      try {
        mkdirSync(this.dir, { mode: 0o700 })
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code !== 'EEXIST') throw again
      }
      return 0
    }
  }

  private rotate(): void {
    const nth = (n: number): string => join(this.dir, `marquee.${n}.log`)
    for (let n = this.limits.keep - 1; n >= 1; n--) renameIfThere(nth(n), nth(n + 1))
    renameIfThere(this.path, nth(1))
  }
}

function renameIfThere(from: string, to: string): void {
  try {
    renameSync(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

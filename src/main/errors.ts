import type { ApiError, ErrorCode } from '../shared/domain'

/** An error whose code and message are meant for the user; anything else is INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return { code: error.code, message: error.message }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Marquee. The details were written to the log.',
  }
}

/** Another live process owns the library (see repositories/library-lock.repository.ts). */
export class LibraryLockedError extends AppError {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; startedAt: number; face: string; socket: string },
  ) {
    const who = holder.face === 'electron' ? 'the Marquee app' : `marquee ${holder.face}`
    super(
      'CONFLICT',
      `The library in ${dataDir} is open in ${who} (process ${holder.pid}, since ${new Date(holder.startedAt).toLocaleString()}).`,
    )
    this.name = 'LibraryLockedError'
  }
}

/**
 * A write that failed because its volume is full (or the user's quota is used up): a state to
 * wait out, not a failure of the file being processed.
 */
export function isOutOfSpace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return true
  const message = error instanceof Error ? error.message : String(error)
  // sharp, ffmpeg and exiftool report it in words, without an errno code.
  return /no space left on device|disk quota exceeded|database or disk is full/i.test(message)
}

/**
 * A write that failed, as it should be told. libvips keeps one error buffer for all its threads,
 * so a failed save sometimes reaches us with its words lost ("Unknown error", "Warning treated
 * as error…"): when the volume had less room than the bytes being written, it is a full disk.
 */
export function asWriteFailure(error: unknown, freeBytes: number, neededBytes: number): Error {
  if (isOutOfSpace(error)) return error instanceof Error ? error : new Error(String(error))
  const words = error instanceof Error ? error.message : String(error)
  if (freeBytes < neededBytes) {
    return Object.assign(new Error(`No space left on device (${words.split('\n')[0]})`), {
      code: 'ENOSPC',
    })
  }
  return Object.assign(new Error(`The thumbnail could not be written: ${words.split('\n')[0]}`), {
    code: 'EIO',
  })
}

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

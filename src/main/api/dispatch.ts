import { z } from 'zod'
import type { ApiResponse, Handlers, MethodName } from '../../shared/contract'
import { AppError, toApiError } from '../errors'
import type { Logger } from '../logger'
import { argSchemas } from './schemas'

export type Dispatch = (method: string, args: unknown) => Promise<ApiResponse<unknown>>

const isMethod = (method: string): method is MethodName => Object.hasOwn(argSchemas, method)

/**
 * The single entry point of every transport: checks the method exists, validates the arguments,
 * calls the handler, and turns any failure into `{ code, message }`.
 */
export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (method, args) => {
    try {
      if (typeof method !== 'string' || !isMethod(method)) {
        throw new AppError('UNKNOWN_METHOD', `Marquee has no method called "${String(method)}".`)
      }
      const parsed = argSchemas[method].safeParse(args)
      if (!parsed.success) {
        throw new AppError('INVALID_ARGUMENT', `${method}: ${z.prettifyError(parsed.error)}`)
      }
      const handler = handlers[method] as (args: unknown) => unknown
      return { ok: true, result: await handler(parsed.data) }
    } catch (error) {
      if (!(error instanceof AppError)) logger.error(`${String(method)} failed`, error)
      return { ok: false, error: toApiError(error) }
    }
  }
}

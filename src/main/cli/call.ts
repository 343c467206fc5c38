import type { MethodArgs, MethodName, MethodResult } from '../../shared/contract'
import type { Core } from '../app'
import { AppError } from '../errors'

/** Calls the core through the same validated dispatcher the UI uses; failures throw AppError. */
export async function call<M extends MethodName>(
  core: Core,
  method: M,
  args: MethodArgs<M>,
): Promise<MethodResult<M>> {
  const response = await core.dispatch(method, args)
  if (!response.ok) throw new AppError(response.error.code, response.error.message)
  return response.result as MethodResult<M>
}

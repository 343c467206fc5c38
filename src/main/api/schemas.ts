import { z } from 'zod'
import type { MethodArgs, MethodName } from '../../shared/contract'
import { ROOT_KINDS } from '../../shared/domain'

const none = z.undefined().or(z.null()).transform(() => undefined)
const id = z.number().int().positive()
const label = z.string().max(200)
const kind = z.enum(ROOT_KINDS)
const path = z
  .string()
  .min(1, 'A path is required.')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'A path cannot contain a NUL byte.')

/**
 * One argument schema per contract method. The mapped type makes a missing method a compile
 * error and ties each schema's output to the argument type the contract declares.
 */
export const argSchemas: { [M in MethodName]: z.ZodType<MethodArgs<M>> } = {
  'app.info': none,
  'roots.list': none,
  'roots.add': z.strictObject({ path, label: label.optional(), kind: kind.optional() }),
  'roots.remove': z.strictObject({ id }),
  'roots.update': z.strictObject({ id, label: label.optional(), kind: kind.optional() }),
}

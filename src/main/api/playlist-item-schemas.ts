import { z } from 'zod'
import type { MethodArgs, PlaylistItemsMethods } from '../../shared/contract'

const durationMs = z
  .number()
  .int()
  .min(100)
  .max(24 * 3600_000)
  .optional()

// The URL's scheme and shape are checked by the service, which says what is wrong in a sentence.
const item = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('url'), url: z.string().min(1).max(4096), durationMs }),
  z.strictObject({
    kind: z.literal('integration'),
    integrationId: z.number().int().positive(),
    durationMs,
  }),
])

export const playlistItemSchemas: {
  [M in keyof PlaylistItemsMethods]: z.ZodType<MethodArgs<M>>
} = {
  'collections.addItems': z.strictObject({
    name: z.string().min(1).max(200),
    items: z.array(item).min(1).max(1000),
  }),
}

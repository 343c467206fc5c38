import { z } from 'zod'
import type { IntegrationsMethods, MethodArgs } from '../../shared/contract'
import { MEDIA_VARIANTS } from '../../shared/integrations'

const none = z
  .undefined()
  .or(z.null())
  .transform(() => undefined)
const id = z.number().int().positive()
const name = z.string().trim().min(1).max(200)
/** From 1 s (tests, a local feed) to a day. Spotify asks for no less than a few seconds. */
const intervalMs = z.number().int().min(1_000).max(86_400_000)
const httpUrl = z
  .string()
  .max(8192)
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      return false
    }
  }, 'An http:// or https:// address is required.')
// Header names as RFC 9110 tokens; values without line breaks (no header injection).
const header = z.strictObject({
  name: z.string().regex(/^[!#$%&'*+.^_`|~\w-]{1,100}$/, 'Not a valid header name.'),
  value: z
    .string()
    .max(8192)
    .refine((v) => !/[\r\n\0]/.test(v), 'A header value is one line.'),
  secret: z.boolean().optional(),
})
const mediaField = z.strictObject({
  path: z.string().min(1).max(500),
  outputPath: z.string().min(1).max(500),
  variants: z.array(z.enum(MEDIA_VARIANTS)).max(3),
})

export const integrationSchemas: {
  [M in keyof IntegrationsMethods]: z.ZodType<MethodArgs<M>>
} = {
  'integrations.list': none,
  'integrations.status': none,
  'integrations.add': z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('spotify'),
      clientId: z
        .string()
        .trim()
        .regex(/^[\w-]{1,200}$/, 'A Spotify client id is letters and digits.'),
      name: name.optional(),
      intervalMs: intervalMs.optional(),
      redirectPort: z.number().int().min(1024).max(65535).optional(),
    }),
    z.strictObject({
      kind: z.literal('feed'),
      url: httpUrl,
      name: name.optional(),
      intervalMs: intervalMs.optional(),
      headers: z.array(header).max(20).optional(),
      mediaFields: z.array(mediaField).max(50).optional(),
    }),
  ]),
  'integrations.update': z.strictObject({
    id,
    name: name.optional(),
    intervalMs: intervalMs.optional(),
    paused: z.boolean().optional(),
  }),
  'integrations.remove': z.strictObject({ id, confirm: z.boolean().optional() }),
  'integrations.impact': z.strictObject({ id }),
  'integrations.auth': z.strictObject({ id, openBrowser: z.boolean().optional() }),
  'integrations.poll': z.strictObject({ id }),
  'integrations.cacheOptimize': z.strictObject({
    maxAgeDays: z.number().min(0).max(3650).optional(),
    dryRun: z.boolean().optional(),
  }),
  'integrations.cacheValidate': none,
}

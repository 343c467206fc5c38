import { z } from 'zod'
import type { MethodArgs, ProfilesMethods } from '../../shared/contract'

const id = z.number().int().positive()
const profileName = z.string().min(1).max(50)

/**
 * `profiles.add` is only bounded here: ProfilesService checks each field and answers one
 * sentence per bad one, the same for the form and the CLI.
 */
export const profileSchemas: {
  [M in keyof ProfilesMethods]: z.ZodType<MethodArgs<M>>
} = {
  'profiles.list': z
    .undefined()
    .or(z.null())
    .transform(() => undefined),
  'profiles.add': z.strictObject({
    name: z.string().max(200),
    maxResolution: z.string().max(50),
    level: z.string().max(10),
    maxBitRateMbps: z.number(),
    imageFormat: z.string().max(20),
  }),
  'profiles.remove': z.strictObject({ name: profileName }),
  'collections.setProfile': z.strictObject({ collectionId: id, profile: profileName }),
  'export.compliance': z.strictObject({ collectionId: id, profile: profileName.optional() }),
}

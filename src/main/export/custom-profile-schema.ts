/**
 * Checks a custom profile as the operator typed it (the Profiles page's form, `profiles add`)
 * and answers one sentence per bad field, so the form can show each beside its field.
 */
import { z } from 'zod'
import type { CustomProfileRequest } from '../../shared/profiles'
import { H264_LEVEL_NAMES, IMAGE_FORMATS } from '../../shared/profiles'
import type { CustomProfileSpec } from './custom-profile'

const MIN_SIDE = 64
const MAX_SIDE = 8192
const MAX_MBITS = 100

const name = z
  .string({ error: 'Name: give the profile a name.' })
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,39}$/,
    'Name: use 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit (e.g. lobby-720p).',
  )

const resolution = z
  .string({ error: 'Maximum resolution: give it as width×height, e.g. 1920x1080.' })
  .trim()
  .transform((text, ctx) => {
    const match = /^(\d{1,5})\s*[x×*]\s*(\d{1,5})$/i.exec(text)
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `Maximum resolution: "${text}" is not width×height — write it like 1920x1080.`,
      })
      return z.NEVER
    }
    const [width, height] = [Number(match[1]), Number(match[2])]
    if ([width, height].some((side) => side < MIN_SIDE || side > MAX_SIDE)) {
      ctx.addIssue({
        code: 'custom',
        message: `Maximum resolution: each side must be between ${MIN_SIDE} and ${MAX_SIDE} pixels.`,
      })
      return z.NEVER
    }
    if (width % 2 !== 0 || height % 2 !== 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'Maximum resolution: H.264 in yuv420p needs even sides (e.g. 1280x720).',
      })
      return z.NEVER
    }
    return { width, height }
  })

const level = z.enum(H264_LEVEL_NAMES, {
  error: `H.264 level: use one of ${H264_LEVEL_NAMES.join(', ')}.`,
})

const bitRate = z
  .number({ error: 'Maximum bit rate: give a number of Mbit/s, e.g. 12.' })
  .min(1, 'Maximum bit rate: at least 1 Mbit/s — below that a video has no room for its picture.')
  .max(MAX_MBITS, `Maximum bit rate: at most ${MAX_MBITS} Mbit/s.`)

const imageFormat = z.enum(IMAGE_FORMATS, {
  error: `Image format: use one of ${IMAGE_FORMATS.join(', ')}.`,
})

const schema = z.object({
  name,
  maxResolution: resolution,
  level,
  maxBitRateMbps: bitRate,
  imageFormat,
})

export type ProfileCheck = { ok: true; spec: CustomProfileSpec } | { ok: false; problems: string[] }

export function checkCustomProfile(request: CustomProfileRequest): ProfileCheck {
  const parsed = schema.safeParse(request)
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => i.message) }
  const { maxResolution, maxBitRateMbps, ...rest } = parsed.data
  return {
    ok: true,
    spec: {
      ...rest,
      maxWidth: maxResolution.width,
      maxHeight: maxResolution.height,
      maxBitRate: Math.round(maxBitRateMbps * 1e6),
    },
  }
}

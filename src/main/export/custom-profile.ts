/**
 * Custom player profiles (docs/profiles.md): an operator names a player's limits — largest
 * picture, H.264 level, bit rate, image format — and gets a profile the export and the
 * compliance check use like a built-in one. Everything else (H.264 High encodes, yuv420p,
 * AAC-LC, MP4 with faststart) is what every H.264 player decodes, so it is not asked.
 */
import { createHash } from 'node:crypto'
import { H264_PROFILES, type ImageFormat, type PlayerProfile } from './profiles'

export interface CustomProfileSpec {
  name: string
  /** The player's screen, landscape; a portrait picture fits it turned. */
  maxWidth: number
  maxHeight: number
  /** As H.264 writes it: "4.1". */
  level: string
  /** Whole file, audio included. */
  maxBitRate: number
  imageFormat: ImageFormat
}

/**
 * Macroblocks per second each level decodes (ITU-T H.264 Table A-1). The level caps the frame
 * rate a custom profile allows at its largest picture; a transcode never exceeds it.
 */
export const H264_LEVELS: Readonly<Record<string, number>> = {
  '3.0': 40_500,
  '3.1': 108_000,
  '3.2': 216_000,
  '4.0': 245_760,
  '4.1': 245_760,
  '4.2': 522_240,
  '5.0': 589_824,
  '5.1': 983_040,
  '5.2': 2_073_600,
}

const MAX_FRAME_RATE = 60
const IMAGE_QUALITY: Record<ImageFormat, number> = { webp: 85, jpeg: 90, png: 100 }

/** The frame rate the level sustains at the profile's largest picture, at most 60 fps. */
export function maxFrameRateFor(level: string, width: number, height: number): number {
  const perFrame = Math.ceil(width / 16) * Math.ceil(height / 16)
  return Math.min(MAX_FRAME_RATE, Math.floor(H264_LEVELS[level]! / perFrame))
}

export function customProfile(spec: CustomProfileSpec): PlayerProfile {
  const long = Math.max(spec.maxWidth, spec.maxHeight)
  const short = Math.min(spec.maxWidth, spec.maxHeight)
  const mbits = Number((spec.maxBitRate / 1e6).toFixed(1))
  return {
    id: spec.name,
    label: `${spec.maxWidth}×${spec.maxHeight} H.264 L${spec.level} ≤ ${mbits} Mbit/s, ${IMAGE_NAMES[spec.imageFormat]} images`,
    maxLongEdge: long,
    maxShortEdge: short,
    video: {
      codec: 'h264',
      profiles: H264_PROFILES,
      encodeProfile: 'High',
      // One level for every frame rate: the frame rate is capped to what the level holds.
      level: spec.level,
      levelAbove30fps: spec.level,
      pixelFormat: 'yuv420p',
      maxFrameRate: maxFrameRateFor(spec.level, long, short),
      maxBitRate: spec.maxBitRate,
    },
    audio: { codec: 'aac', profile: 'LC', sampleRate: 48_000, channels: 2 },
    container: 'mp4',
    faststart: true,
    image: { format: spec.imageFormat, quality: IMAGE_QUALITY[spec.imageFormat] },
    keepAudio: true,
    revision: createHash('sha256')
      .update(JSON.stringify([long, short, spec.level, spec.maxBitRate, spec.imageFormat]))
      .digest('hex')
      .slice(0, 8),
  }
}

export const IMAGE_NAMES: Record<ImageFormat, string> = { webp: 'WebP', jpeg: 'JPEG', png: 'PNG' }

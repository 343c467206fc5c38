/**
 * Player profiles: what a signage player accepts (docs/bundle-format.md, "Player profiles").
 * The planners in video-plan.ts decide against these numbers, and the manifest records them so
 * a player (or a person) can see what the bundle was made for.
 */

export type ProfileId = 'fhd-h264' | 'fhd-h264-jpeg' | 'uhd-h264'

/** What a playlist is checked and exported against until its operator picks another. */
export const DEFAULT_PROFILE_ID: ProfileId = 'fhd-h264'

export type ImageFormat = 'webp' | 'jpeg' | 'png'

/** H.264 profiles a player must decode; ffprobe's spelling. */
export const H264_PROFILES = ['Constrained Baseline', 'Baseline', 'Main', 'High'] as const

export interface PlayerProfile {
  /** A built-in ProfileId, or the name of a custom profile (custom-profile.ts). */
  id: string
  label: string
  /** Bounds for either orientation: a portrait 1080×1920 fits a 1920×1080 profile. */
  maxLongEdge: number
  maxShortEdge: number
  video: {
    codec: 'h264'
    /** Accepted as they are; a transcode always encodes High. */
    profiles: readonly string[]
    encodeProfile: 'High'
    /**
     * Highest level, as H.264 writes it ("4.1"), for up to 30 fps and above. A frame rate above
     * 30 needs the next level's macroblock rate at the profile's largest frame size.
     */
    level: string
    levelAbove30fps: string
    pixelFormat: 'yuv420p'
    maxFrameRate: number
    /** Bits per second for the whole file, audio included, as ffprobe's format bit_rate. */
    maxBitRate: number
  }
  audio: { codec: 'aac'; profile: 'LC'; sampleRate: number; channels: number }
  container: 'mp4'
  faststart: true
  image: { format: ImageFormat; quality: number }
  /** Overridden per export (`--no-audio`, `keepAudio: false`). */
  keepAudio: boolean
  /** Custom profiles: a digest of their settings, part of the rendition cache key. */
  revision?: string
}

const FHD_VIDEO: PlayerProfile['video'] = {
  codec: 'h264',
  profiles: H264_PROFILES,
  encodeProfile: 'High',
  level: '4.1',
  // 1080p at 60 fps is 489,600 macroblocks/s: above 4.1's 245,760, within 4.2's 522,240.
  levelAbove30fps: '4.2',
  pixelFormat: 'yuv420p',
  maxFrameRate: 60,
  maxBitRate: 20_000_000,
}

const AUDIO: PlayerProfile['audio'] = {
  codec: 'aac',
  profile: 'LC',
  sampleRate: 48_000,
  channels: 2,
}

const FHD = { maxLongEdge: 1920, maxShortEdge: 1080, audio: AUDIO, keepAudio: true } as const

export const PROFILES: Readonly<Record<ProfileId, PlayerProfile>> = {
  'fhd-h264': {
    id: 'fhd-h264',
    label: '1080p H.264, WebP images',
    ...FHD,
    video: FHD_VIDEO,
    container: 'mp4',
    faststart: true,
    image: { format: 'webp', quality: 85 },
  },
  'fhd-h264-jpeg': {
    id: 'fhd-h264-jpeg',
    label: '1080p H.264, JPEG images',
    ...FHD,
    video: FHD_VIDEO,
    container: 'mp4',
    faststart: true,
    image: { format: 'jpeg', quality: 90 },
  },
  'uhd-h264': {
    id: 'uhd-h264',
    label: '4K H.264, WebP images',
    maxLongEdge: 3840,
    maxShortEdge: 2160,
    video: {
      ...FHD_VIDEO,
      level: '5.1',
      // 2160p at 60 fps is 1,944,000 macroblocks/s: above 5.1's 983,040, within 5.2's 2,073,600.
      // Labelling it 5.1 would promise a player something the stream breaks.
      levelAbove30fps: '5.2',
      maxBitRate: 40_000_000,
    },
    audio: AUDIO,
    container: 'mp4',
    faststart: true,
    image: { format: 'webp', quality: 85 },
    keepAudio: true,
  },
}

export const PROFILE_IDS = Object.keys(PROFILES) as ProfileId[]

export function isProfileId(id: string): id is ProfileId {
  return Object.hasOwn(PROFILES, id)
}

/** The profile for a user-supplied id; the error lists the valid ones. */
export function profileById(id: string): PlayerProfile {
  if (isProfileId(id)) return PROFILES[id]
  throw new RangeError(`Unknown player profile "${id}" — use one of: ${PROFILE_IDS.join(', ')}.`)
}

/** The profile as the plain JSON object written into the manifest's `profile` field. */
export type ProfileLimits = Omit<PlayerProfile, 'video'> & {
  video: Omit<PlayerProfile['video'], 'profiles'> & { profiles: string[] }
}

/**
 * A deep copy, so a manifest never shares (or freezes) the table above. `keepAudio` is this
 * export's choice, which may differ from the profile's default.
 */
export function profileLimits(
  profile: PlayerProfile,
  keepAudio: boolean = profile.keepAudio,
): ProfileLimits {
  return {
    id: profile.id,
    label: profile.label,
    maxLongEdge: profile.maxLongEdge,
    maxShortEdge: profile.maxShortEdge,
    video: { ...profile.video, profiles: [...profile.video.profiles] },
    audio: { ...profile.audio },
    container: profile.container,
    faststart: profile.faststart,
    image: { ...profile.image },
    keepAudio,
  }
}

/** "4.1" → 41, ffprobe's number for an H.264 level (level_idc). */
export function levelIdc(level: string): number {
  return Math.round(Number(level) * 10)
}

/** The level a stream at this frame rate must stay within; unknown rates get the higher one. */
export function levelFor(profile: PlayerProfile, frameRate: number | null): string {
  return frameRate !== null && frameRate <= 30 ? profile.video.level : profile.video.levelAbove30fps
}

/** The profile's box turned to the picture's orientation; a square gets the landscape box. */
export function boundsFor(width: number, height: number, profile: PlayerProfile): [number, number] {
  return height > width
    ? [profile.maxShortEdge, profile.maxLongEdge]
    : [profile.maxLongEdge, profile.maxShortEdge]
}

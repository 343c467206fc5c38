/** Player profiles and the compliance check, as they cross the contract (docs/profiles.md). */

export const IMAGE_FORMATS = ['jpeg', 'png', 'webp'] as const
export type ImageFormatName = (typeof IMAGE_FORMATS)[number]

/** H.264 levels a custom profile can name. */
export const H264_LEVEL_NAMES = [
  '3.0',
  '3.1',
  '3.2',
  '4.0',
  '4.1',
  '4.2',
  '5.0',
  '5.1',
  '5.2',
] as const

/** What a player profile accepts, for the Profiles page and `profiles ls`. */
export interface ProfileInfo {
  id: string
  label: string
  builtIn: boolean
  containers: string[]
  videoCodecs: string[]
  /** H.264 profiles copied as they are. */
  h264Profiles: string[]
  level: string
  levelAbove30fps: string
  maxWidth: number
  maxHeight: number
  maxFrameRate: number
  /** Bits per second, whole file. */
  maxBitRate: number
  audio: string
  imageFormat: ImageFormatName
  /** Playlists and albums set to this profile. */
  usedBy: string[]
}

/** `profiles.add`: checked by the core, which answers one sentence per bad field. */
export interface CustomProfileRequest {
  name: string
  /** `1280x720` (or `1280×720`), landscape. */
  maxResolution: string
  level: string
  maxBitRateMbps: number
  imageFormat: string
}

export type ComplianceOutcome =
  'plays' | 'remuxed' | 'transcoded' | 'converted' | 'cannot' | 'pending'

export const COMPLIANCE_OUTCOMES: readonly ComplianceOutcome[] = [
  'plays',
  'remuxed',
  'transcoded',
  'converted',
  'cannot',
  'pending',
]

export interface ItemCompliance {
  itemId: number
  assetId: number
  outcome: ComplianceOutcome
  /** "plays as is", "will be transcoded: HEVC → H.264", "cannot play: …". */
  label: string
  /** Why it is not copied as is, in an operator's words. */
  reasons: string[]
}

export interface ComplianceReport {
  collectionId: number
  profile: string
  profileLabel: string
  items: ItemCompliance[]
  counts: Record<ComplianceOutcome, number>
  /** "38 play as is, 2 will be transcoded, 1 cannot play". */
  summary: string
}

/**
 * ffmpeg argument lists that carry out a `VideoPlan` (video-plan.ts). Pure, like
 * media/ffmpeg-args.ts: the repository that spawns ffmpeg passes these through unchanged.
 */
import type { VideoFacts } from '../media/ffprobe-facts'
import { boundsFor, levelFor, type PlayerProfile } from './profiles'
import type { VideoPlan } from './video-plan'

export interface ExportVideoRequest {
  input: string
  /** Written as MP4 whatever its extension, so a `.part` name is fine. */
  output: string
  /** From `planVideo`; it already holds the keep-or-drop-audio decision. */
  plan: VideoPlan
  /** The source's facts, as given to `planVideo`. */
  facts: VideoFacts
  profile: PlayerProfile
}

/**
 * Visually transparent for signage at 1080p and 4K; the VBV cap below only bites on grain and
 * confetti, where CRF alone would blow through the player's bit rate.
 */
const CRF = 20
/**
 * `medium` is x264's default trade: an export is made once and cached by source hash + profile,
 * so the extra time over `fast` is paid once for smaller files on every stick.
 */
const PRESET = 'medium'
export const AUDIO_BIT_RATE = 192_000
/**
 * The profile's limit is for the whole file, as the copy check reads it (ffprobe's format bit
 * rate), so the video's cap leaves room for the AAC track and the MP4 boxes around it.
 */
const VIDEO_HEADROOM = 500_000

/** Frame rates players are built for; a source near one is resampled to exactly it. */
const STANDARD_RATES: ReadonlyArray<readonly [string, number]> = [
  ['24000/1001', 24000 / 1001],
  ['24', 24],
  ['25', 25],
  ['30000/1001', 30000 / 1001],
  ['30', 30],
  ['50', 50],
  ['60000/1001', 60000 / 1001],
  ['60', 60],
]
/** Within 5 %, the nearest standard wins: a phone's 28.6 fps average (nominally 30) → 29.97. */
const SNAP_TOLERANCE = 0.05

/**
 * Arguments (without the binary) for a remux or a transcode. A copied plan has nothing to run:
 * the caller copies the file itself.
 */
export function exportVideoArgs({
  input,
  output,
  plan,
  facts,
  profile,
}: ExportVideoRequest): string[] {
  if (plan.handling === 'copied') {
    throw new RangeError('A copied video needs no ffmpeg run: copy the source file as it is.')
  }
  const withAudio = plan.audio === 'copy' || plan.audio === 'encode'
  return [
    ...QUIET,
    '-i',
    fileUrl(input),
    // V (not v) skips cover art, the same stream parseFfprobe describes; only the first audio
    // goes, so a commentary track or a timecode stream never reaches the player.
    '-map',
    '0:V:0',
    ...(withAudio ? ['-map', '0:a:0'] : []),
    ...(plan.video === 'encode' ? videoEncodeArgs(facts, profile) : ['-c:v', 'copy']),
    ...(plan.audio === 'copy' ? ['-c:a', 'copy'] : []),
    ...(plan.audio === 'encode' ? audioEncodeArgs(profile) : []),
    ...(withAudio ? [] : ['-an']),
    // The index before the data: a player can start without seeking to the end of the file.
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    fileUrl(output),
  ]
}

function videoEncodeArgs(facts: VideoFacts, profile: PlayerProfile): string[] {
  const rate = outputFrameRate(facts.frameRate, profile.video.maxFrameRate)
  const maxRate = Math.round((profile.video.maxBitRate - VIDEO_HEADROOM) / 1000)
  return [
    // ffmpeg's autorotate has already turned the picture upright, so the box matches the
    // displayed size in VideoFacts. yuv420p needs even sides; with "decrease" the rounding goes
    // down, staying inside the box.
    '-vf',
    `scale=${scaleBox(facts, profile)}:force_original_aspect_ratio=decrease:force_divisible_by=2`,
    // Duplicates or drops frames onto an even clock: players stutter on variable frame rates.
    '-fps_mode',
    'cfr',
    ...(rate === null ? [] : ['-r', rate]),
    '-c:v',
    'libx264',
    '-preset',
    PRESET,
    '-crf',
    String(CRF),
    '-maxrate',
    `${maxRate}k`,
    // Two seconds of the cap: room for a keyframe, well inside every level's buffer.
    '-bufsize',
    `${maxRate * 2}k`,
    '-profile:v',
    profile.video.encodeProfile.toLowerCase(),
    '-level:v',
    levelFor(profile, rate === null ? null : rateValue(rate)),
    '-pix_fmt',
    profile.video.pixelFormat,
  ]
}

/** AAC-LC (ffmpeg's default AAC profile); surround is downmixed, mono duplicated. */
function audioEncodeArgs(profile: PlayerProfile): string[] {
  const audio = profile.audio
  return [
    '-c:a',
    'aac',
    '-b:a',
    `${AUDIO_BIT_RATE / 1000}k`,
    '-ac',
    String(audio.channels),
    '-ar',
    String(audio.sampleRate),
  ]
}

/**
 * The profile's box in the picture's orientation, clamped to the picture so
 * force_original_aspect_ratio can only shrink. Unknown sizes let ffmpeg apply the same rule.
 */
function scaleBox(facts: VideoFacts, profile: PlayerProfile): string {
  const { width, height } = facts
  if (width === null || height === null) {
    const long = profile.maxLongEdge
    const short = profile.maxShortEdge
    return (
      `w='if(gt(ih,iw),min(${short},iw),min(${long},iw))'` +
      `:h='if(gt(ih,iw),min(${long},ih),min(${short},ih))'`
    )
  }
  const [boundWidth, boundHeight] = boundsFor(width, height, profile)
  return `w=${Math.min(boundWidth, width)}:h=${Math.min(boundHeight, height)}`
}

/**
 * The output's constant rate: the source's (average) rate, capped at the profile's, snapped to
 * the standard rate it is near. Always stated: without -r, ffmpeg takes the stream's guessed
 * r_frame_rate, which for variable-rate files can be 90 000.
 */
export function outputFrameRate(sourceRate: number | null, maxRate: number): string | null {
  if (sourceRate === null) return null
  const capped = Math.min(sourceRate, maxRate)
  let best: readonly [string, number] | null = null
  for (const standard of STANDARD_RATES) {
    const distance = Math.abs(capped - standard[1])
    if (
      distance <= standard[1] * SNAP_TOLERANCE &&
      (!best || distance < Math.abs(capped - best[1]))
    ) {
      best = standard
    }
  }
  return best ? best[0] : String(Number(capped.toFixed(3)))
}

function rateValue(rate: string): number {
  const [numerator, denominator = '1'] = rate.split('/')
  return Number(numerator) / Number(denominator)
}

/** Errors only, and never read stdin (see media/ffmpeg-args.ts). */
const QUIET = ['-hide_banner', '-loglevel', 'error', '-nostdin']

/** Paths taken literally: not a protocol (`clip:1.mov`), not an option (`-x.mp4`). */
function fileUrl(path: string): string {
  return `file:${path}`
}

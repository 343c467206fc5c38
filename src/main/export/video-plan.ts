/**
 * What an export does with each video and image for a player profile (docs/bundle-format.md,
 * "For each video Marquee decides…"). Pure: the exporter reads the facts, these functions decide,
 * and every decision is a unit test instead of a surprise on a player in a lobby.
 */
import type { VideoFacts } from '../media/ffprobe-facts'
import { boundsFor, levelFor, levelIdc, type ImageFormat, type PlayerProfile } from './profiles'
import type { ContainerName, SourceFacts } from './source-facts'

export { exportVideoArgs, type ExportVideoRequest } from './video-args'
export { containerOf, sourceFacts, type ContainerName, type SourceFacts } from './source-facts'

export type VideoHandling = 'copied' | 'remuxed' | 'transcoded'

export interface VideoPlan {
  handling: VideoHandling
  /** Why it is not copied as is, in words an operator understands; empty when copied. */
  reasons: string[]
  /** `encode` only when the picture itself breaks the profile. */
  video: 'copy' | 'encode'
  /** `none`: the source has no audio; `drop`: it has, and the export leaves it out. */
  audio: 'copy' | 'encode' | 'drop' | 'none'
}

/**
 * Copied when everything complies; remuxed when only the container (or dropping audio) needs a
 * new file; transcoded when a stream must be re-encoded, and then only that stream.
 * Unknown facts count against copying: a bundle's point is that it plays.
 */
export function planVideo(
  facts: VideoFacts,
  source: SourceFacts,
  profile: PlayerProfile,
  keepAudio: boolean,
): VideoPlan {
  if (!facts.hasVideo) throw new RangeError('planVideo needs a file with a video stream.')
  const videoReasons = videoProblems(facts, source, profile)
  const audioReasons = keepAudio && facts.hasAudio ? audioProblems(facts, source, profile) : []
  const containerReasons = containerProblems(source)

  const video = videoReasons.length > 0 ? 'encode' : 'copy'
  const audio = !facts.hasAudio
    ? 'none'
    : !keepAudio
      ? 'drop'
      : audioReasons.length > 0
        ? 'encode'
        : 'copy'
  const reasons = [
    ...videoReasons,
    ...audioReasons,
    ...containerReasons,
    ...(audio === 'drop' ? ['audio dropped'] : []),
  ]
  const handling =
    video === 'encode' || audio === 'encode'
      ? 'transcoded'
      : reasons.length > 0
        ? 'remuxed'
        : 'copied'
  return { handling, reasons, video, audio }
}

function videoProblems(facts: VideoFacts, source: SourceFacts, profile: PlayerProfile): string[] {
  const limits = profile.video
  const problems: string[] = []
  if (facts.videoCodec !== limits.codec) {
    problems.push(`${codecName(facts.videoCodec)} video`)
  } else {
    if (facts.profile === null) problems.push('unknown H.264 profile')
    else if (!limits.profiles.includes(facts.profile))
      problems.push(`H.264 ${facts.profile} profile`)
    const maxLevel = levelFor(profile, facts.frameRate)
    if (facts.level === null) problems.push('unknown H.264 level')
    else if (facts.level > levelIdc(maxLevel)) {
      problems.push(`H.264 level ${(facts.level / 10).toFixed(1)} is above ${maxLevel}`)
    }
  }
  if (facts.pixelFormat !== limits.pixelFormat) problems.push(pixelProblem(facts.pixelFormat))

  if (facts.width === null || facts.height === null) problems.push('unknown picture size')
  else if (!fits(facts.width, facts.height, profile)) {
    const [boundWidth, boundHeight] = boundsFor(facts.width, facts.height, profile)
    problems.push(`${facts.width}×${facts.height} is larger than ${boundWidth}×${boundHeight}`)
  }

  if (facts.frameRate === null) problems.push('unknown frame rate')
  else {
    if (facts.frameRate > limits.maxFrameRate) {
      problems.push(`${fps(facts.frameRate)} fps is above ${limits.maxFrameRate} fps`)
    }
    if (source.constantFrameRate === false) {
      problems.push(`${fps(facts.frameRate)} fps variable frame rate`)
    } else if (source.constantFrameRate === null) problems.push('frame rate may vary')
  }

  if (facts.bitRate === null) problems.push('unknown bit rate')
  else if (facts.bitRate > limits.maxBitRate) {
    const [rate, limit] = mbits(facts.bitRate, limits.maxBitRate)
    problems.push(`${rate} Mbit/s is above ${limit} Mbit/s`)
  }
  // Many players ignore the display matrix and would show a phone's upright clip on its side;
  // re-encoding applies the turn to the pixels.
  if (facts.rotation !== 0) problems.push(`turned ${facts.rotation}° by metadata`)
  return problems
}

/**
 * AAC-LC plays everywhere; the profile's 48 kHz stereo is what a re-encode makes, while 44.1 kHz
 * and mono sources are decoded by every player and are copied.
 */
function audioProblems(facts: VideoFacts, source: SourceFacts, profile: PlayerProfile): string[] {
  const limits = profile.audio
  const problems: string[] = []
  if (facts.audioCodec !== limits.codec) problems.push(`${codecName(facts.audioCodec)} audio`)
  else if (source.audioProfile !== limits.profile) {
    problems.push(source.audioProfile ? `${source.audioProfile} audio` : 'AAC of unknown profile')
  }
  if (facts.audioChannels === null) problems.push('unknown audio channels')
  else if (facts.audioChannels > limits.channels) {
    problems.push(`${facts.audioChannels}-channel audio`)
  }
  if (facts.audioSampleRate === null) problems.push('unknown audio sample rate')
  else if (facts.audioSampleRate > limits.sampleRate) {
    problems.push(`${facts.audioSampleRate / 1000} kHz audio`)
  }
  return problems
}

function containerProblems(source: SourceFacts): string[] {
  if (source.container !== 'mp4') return [`${CONTAINER_NAMES[source.container]} container`]
  return source.faststart ? [] : ['no faststart']
}

export interface ImagePlan {
  width: number
  height: number
  format: ImageFormat
  quality: number
}

/** The image's displayed size fitted inside the profile's bounds, never enlarged. */
export function planImage(width: number, height: number, profile: PlayerProfile): ImagePlan {
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) {
    throw new RangeError(`An image size must be whole pixels above zero, got ${width}×${height}.`)
  }
  const [boundWidth, boundHeight] = boundsFor(width, height, profile)
  const scale = Math.min(1, boundWidth / width, boundHeight / height)
  return {
    // The limiting side lands exactly on its bound; the other rounds to at most its own.
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    format: profile.image.format,
    quality: profile.image.quality,
  }
}

function fits(width: number, height: number, profile: PlayerProfile): boolean {
  const [boundWidth, boundHeight] = boundsFor(width, height, profile)
  return width <= boundWidth && height <= boundHeight
}

const CONTAINER_NAMES: Record<ContainerName, string> = {
  mp4: 'MP4',
  mov: 'MOV',
  '3gp': '3GP',
  matroska: 'MKV',
  avi: 'AVI',
  mpegts: 'MPEG-TS',
  other: 'non-MP4',
}

const CODEC_NAMES: Record<string, string> = {
  hevc: 'HEVC',
  h264: 'H.264',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  mpeg4: 'MPEG-4 Part 2',
  mpeg2video: 'MPEG-2',
  mpeg1video: 'MPEG-1',
  prores: 'ProRes',
  mjpeg: 'Motion JPEG',
  dnxhd: 'DNxHD',
  wmv3: 'WMV',
  aac: 'AAC',
  opus: 'Opus',
  vorbis: 'Vorbis',
  mp3: 'MP3',
  mp2: 'MP2',
  ac3: 'AC-3',
  eac3: 'E-AC-3',
  dts: 'DTS',
  flac: 'FLAC',
  alac: 'ALAC',
}

export function codecName(codec: string | null): string {
  if (codec === null) return 'unknown'
  if (codec.startsWith('pcm_')) return 'PCM'
  return CODEC_NAMES[codec] ?? codec.toUpperCase()
}

/** yuv420p10le → "10-bit colour"; yuv422p → "yuv422p pixels"; an 8-bit 4:2:0 name is fine. */
function pixelProblem(pixelFormat: string | null): string {
  if (pixelFormat === null) return 'unknown pixel format'
  const depth = /p(9|10|12|14|16)(le|be)?$/.exec(pixelFormat)?.[1]
  return depth ? `${depth}-bit colour` : `${pixelFormat} pixels`
}

/** 29.97002997 → "29.97"; 30 → "30". */
function fps(rate: number): string {
  return String(Number(rate.toFixed(2)))
}

/**
 * Both rates in Mbit/s: 25_000_000 → "25", 20_480_000 → "20.5", with as many decimals as it takes
 * (up to three) for a rate just over the limit not to read as equal to it.
 */
function mbits(rate: number, limit: number): [string, string] {
  const show = (value: number, digits: number) => String(Number((value / 1e6).toFixed(digits)))
  let digits = 1
  while (digits < 3 && show(rate, digits) === show(limit, digits)) digits++
  return [show(rate, digits), show(limit, digits)]
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0
}

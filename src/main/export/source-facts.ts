/**
 * What the export plan needs from ffprobe beyond `VideoFacts`: the container as MP4 or MOV (both
 * are `mov,mp4,…` to ffprobe; only the major brand tells them apart), whether the frame rate is
 * constant (avg_frame_rate against r_frame_rate) and the AAC profile. Read from the same JSON
 * `parseFfprobe` reads, so the library's stored facts need not change.
 */

import { rate, record, text } from '../media/ffprobe-facts'

export type ContainerName = 'mp4' | 'mov' | '3gp' | 'matroska' | 'avi' | 'mpegts' | 'other'

export interface SourceFacts {
  /** The index (moov) comes before the data (mdat). Only asked of MP4s; read by the caller. */
  faststart: boolean
  container: ContainerName
  /** Null when ffprobe gives no average or no nominal rate to compare. */
  constantFrameRate: boolean | null
  /** ffprobe's spelling: `LC`, `HE-AAC`, `HE-AACv2`; null when there is no audio or none given. */
  audioProfile: string | null
}

/**
 * An average more than 1 % away from the nominal rate means frames arrive unevenly: phones
 * drop to 15–25 fps in the dark while still claiming 30. A constant 29.97 against a nominal 30
 * differs by 0.1 %.
 */
const VARIABLE_RATE_TOLERANCE = 0.01

/** `faststart` comes from the file's box layout, which ffprobe does not print. */
export function sourceFacts(ffprobe: unknown, faststart: boolean): SourceFacts {
  const root = record(ffprobe)
  const format = record(root?.format)
  const streams = Array.isArray(root?.streams) ? root.streams.map(record) : []
  // The same streams parseFfprobe picks: the first video that is not cover art, the first audio.
  const video =
    streams.find((s) => s?.codec_type === 'video' && record(s.disposition)?.attached_pic !== 1) ??
    null
  const audio = streams.find((s) => s?.codec_type === 'audio') ?? null
  const average = rate(video?.avg_frame_rate)
  const nominal = rate(video?.r_frame_rate)
  return {
    faststart,
    container: containerOf(text(format?.format_name), text(record(format?.tags)?.major_brand)),
    constantFrameRate:
      average === null || nominal === null
        ? null
        : Math.abs(average - nominal) <= nominal * VARIABLE_RATE_TOLERANCE,
    audioProfile: text(audio?.profile),
  }
}

/** ffprobe's format_name plus, for the QuickTime family, the major brand of the `ftyp` box. */
export function containerOf(formatName: string | null, majorBrand: string | null): ContainerName {
  const names = formatName?.split(',') ?? []
  if (names.includes('mov') || names.includes('mp4')) {
    const brand = majorBrand?.trim() ?? ''
    // Files from before ftyp existed have no brand at all; they are QuickTime too.
    if (brand === '' || brand === 'qt') return 'mov'
    if (brand.startsWith('3g')) return '3gp'
    return 'mp4'
  }
  if (names.includes('matroska') || names.includes('webm')) return 'matroska'
  if (names.includes('avi')) return 'avi'
  if (names.includes('mpegts')) return 'mpegts'
  return 'other'
}

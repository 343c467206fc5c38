/**
 * The facts Marquee keeps about an audio or video file, read from `ffprobe -print_format json
 * -show_format -show_streams` output. Unknown values are null, never guessed.
 */
export interface VideoFacts {
  durationMs: number | null
  /** Displayed size: swapped when the file says to rotate by a quarter turn. */
  width: number | null
  height: number | null
  /** Clockwise degrees a player turns the stored picture (the legacy `rotate` tag's sense). */
  rotation: 0 | 90 | 180 | 270
  videoCodec: string | null
  profile: string | null
  level: number | null
  pixelFormat: string | null
  /** Whole-file bits per second (Matroska gives no per-stream rate). */
  bitRate: number | null
  frameRate: number | null
  /** False when the only picture is cover art (an MP3's or M4A's attached picture). */
  hasVideo: boolean
  hasAudio: boolean
  audioCodec: string | null
  audioChannels: number | null
  audioSampleRate: number | null
  /** ffprobe's format_name, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  container: string | null
}

type Json = Record<string, unknown>

/**
 * Typed facts from ffprobe's JSON. The video stream is the first one that is not an attached
 * picture, the same stream `-map 0:V:0` picks for the poster and preview.
 */
export function parseFfprobe(json: unknown): VideoFacts {
  const root = record(json)
  const format = record(root?.format)
  const streams = Array.isArray(root?.streams) ? root.streams.map(record) : []
  const video = streams.find((s) => s?.codec_type === 'video' && !isAttachedPicture(s)) ?? null
  const audio = streams.find((s) => s?.codec_type === 'audio') ?? null

  const rotation = video ? rotationOf(video) : 0
  const storedWidth = positive(video?.width)
  const storedHeight = positive(video?.height)
  const quarterTurn = rotation === 90 || rotation === 270

  return {
    durationMs: durationMs(format, video ?? audio),
    width: quarterTurn ? storedHeight : storedWidth,
    height: quarterTurn ? storedWidth : storedHeight,
    rotation,
    videoCodec: text(video?.codec_name),
    profile: text(video?.profile),
    // ffprobe prints -99 when a codec has no level (VP9, MJPEG).
    level: nonNegative(video?.level),
    pixelFormat: text(video?.pix_fmt),
    bitRate: positive(format?.bit_rate),
    frameRate: video ? (rate(video.avg_frame_rate) ?? rate(video.r_frame_rate)) : null,
    hasVideo: video !== null,
    hasAudio: audio !== null,
    audioCodec: text(audio?.codec_name),
    audioChannels: positive(audio?.channels),
    audioSampleRate: positive(audio?.sample_rate),
    container: text(format?.format_name),
  }
}

function isAttachedPicture(stream: Json): boolean {
  return number(record(stream.disposition)?.attached_pic) === 1
}

/**
 * ffmpeg 5+ reports the display matrix's counter-clockwise angle in side data (-90 for a phone
 * held upright); older versions and some files carry a clockwise `rotate` tag instead.
 */
function rotationOf(stream: Json): VideoFacts['rotation'] {
  const sideData = Array.isArray(stream.side_data_list) ? stream.side_data_list.map(record) : []
  const matrix = sideData.find((d) => d?.side_data_type === 'Display Matrix')
  const counterClockwise = number(matrix?.rotation)
  if (counterClockwise !== null) return quarterTurns(-counterClockwise)
  const clockwise = number(record(stream.tags)?.rotate)
  return clockwise === null ? 0 : quarterTurns(clockwise)
}

function quarterTurns(degrees: number): VideoFacts['rotation'] {
  const turns = (((Math.round(degrees / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3
  return ([0, 90, 180, 270] as const)[turns]
}

/** The container's duration first; Matroska streams often only carry a DURATION tag. */
function durationMs(format: Json | null, stream: Json | null): number | null {
  const seconds =
    nonNegative(format?.duration) ??
    nonNegative(stream?.duration) ??
    clockSeconds(record(stream?.tags)?.DURATION)
  return seconds === null ? null : Math.round(seconds * 1000)
}

/** "00:00:02.007000000" → 2.007 */
function clockSeconds(value: unknown): number | null {
  const match = typeof value === 'string' ? /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value) : null
  if (!match) return null
  const [, hours, minutes, secs] = match
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(secs)
}

/** "30000/1001" → 29.97…; "0/0" (no rate, as for audio and cover art) → null. */
export function rate(value: unknown): number | null {
  if (typeof value !== 'string') return positive(value)
  const [numerator, denominator = '1'] = value.split('/')
  const result = Number(numerator) / Number(denominator)
  return Number.isFinite(result) && result > 0 ? result : null
}

export function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

/** ffprobe prints most numbers as strings ("48000", "3.003000"). */
function number(value: unknown): number | null {
  const result = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof result === 'number' && Number.isFinite(result) ? result : null
}

function nonNegative(value: unknown): number | null {
  const result = number(value)
  return result !== null && result >= 0 ? result : null
}

function positive(value: unknown): number | null {
  const result = number(value)
  return result !== null && result > 0 ? result : null
}

/**
 * ffmpeg argument lists for the video steps of processing (ARCHITECTURE §5). Pure functions: the
 * media repository spawns the binary with these, so every flag is covered by a unit test
 * instead of being discovered in a failing transcode.
 */

// Reading ffprobe's answer lives beside the arguments that ask for it.
export { parseFfprobe, type VideoFacts } from './ffprobe-facts'

/** Where the poster frame is taken: far enough in to skip a black first frame. */
const POSTER_SECONDS = 1
/** Clips shorter than this get their poster from the middle: 1 s may be past the end. */
const SHORT_CLIP_SECONDS = 2

/** The viewer's preview fits inside this box (swapped for portrait); 720p keeps it light. */
const PREVIEW_LONG_EDGE = 1280
const PREVIEW_SHORT_EDGE = 720
/** Above this the preview is resampled: 120/240 fps phone clips cost much and show no more. */
const PREVIEW_MAX_FPS = 60

/**
 * Seconds into the video for the poster frame: 1 s, or the middle of a clip shorter than 2 s,
 * or 0 when the duration is unknown.
 */
export function posterTimeSeconds(durationSeconds: number | null): number {
  if (durationSeconds === null || !Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    return 0
  }
  return durationSeconds < SHORT_CLIP_SECONDS ? durationSeconds / 2 : POSTER_SECONDS
}

export interface PosterRequest {
  input: string
  output: string
  atSeconds: number
}

/**
 * Arguments (without the binary) that write one frame as an 8-bit RGB PNG, a lossless handoff to
 * sharp. When the seek lands past the last frame ffmpeg exits 0 and writes nothing: the caller
 * must check that `output` exists and retry with `atSeconds: 0`.
 */
export function posterArgs({ input, output, atSeconds }: PosterRequest): string[] {
  return [
    ...QUIET,
    // Before -i the seek jumps to the nearest keyframe, then decodes to the exact time.
    '-ss',
    seconds(atSeconds),
    '-i',
    fileUrl(input),
    // V (not v) skips attached pictures, so a cover image is never taken for the video.
    '-map',
    '0:V:0',
    '-frames:v',
    '1',
    '-an',
    '-sn',
    // Rotation is applied by ffmpeg's default autorotate. Anamorphic sources (DV, DVD, broadcast)
    // store non-square pixels; sharp ignores the aspect flag, so stretch to square pixels here.
    '-vf',
    'scale=w=round(iw*sar):h=ih,setsar=1',
    // 8-bit RGB: the thumbnails are 8-bit WebP anyway, and 10-bit sources would give 16-bit PNGs.
    '-pix_fmt',
    'rgb24',
    '-c:v',
    'png',
    // Named explicitly so the caller may write to a temporary name without a .png extension;
    // -update silences newer ffmpeg's warning about a single-image output without a pattern.
    '-f',
    'image2',
    '-update',
    '1',
    '-y',
    fileUrl(output),
  ]
}

export interface PreviewRequest {
  input: string
  output: string
  hasAudio: boolean
  /** Displayed size (after rotation), as `parseFfprobe` reports it; null when unknown. */
  width: number | null
  height: number | null
  /** Frames per second when known; above 60 the preview is resampled to 60. */
  frameRate?: number | null
}

/**
 * Arguments for the viewer's preview: H.264 High/yuv420p MP4 inside 1280×720 (720×1280 for
 * portrait), never upscaled, with AAC stereo when the source has sound.
 */
export function previewArgs(request: PreviewRequest): string[] {
  const { input, output, hasAudio, frameRate } = request
  const filters = [
    ...(frameRate != null && frameRate > PREVIEW_MAX_FPS ? [`fps=${PREVIEW_MAX_FPS}`] : []),
    // yuv420p needs even sides; with "decrease" force_divisible_by rounds down, staying inside.
    `scale=${previewBox(request.width, request.height)}:force_original_aspect_ratio=decrease:force_divisible_by=2`,
  ]
  return [
    ...QUIET,
    '-i',
    fileUrl(input),
    // First real video stream (not cover art) and the first audio stream if there is one.
    '-map',
    '0:V:0',
    ...(hasAudio ? ['-map', '0:a:0?'] : []),
    '-vf',
    filters.join(','),
    // H.264 High + yuv420p is what every browser and signage player decodes; CRF 28 at veryfast
    // is a small, quick preview, not an archival copy.
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '28',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    // AAC-LC stereo 48 kHz plays everywhere; surround is downmixed, mono duplicated.
    ...(hasAudio ? ['-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-ar', '48000'] : ['-an']),
    // The index goes first so the viewer can start playing before the whole file has arrived.
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    fileUrl(output),
  ]
}

/**
 * The box the preview is fitted into, clamped to the source so force_original_aspect_ratio can
 * only shrink, never enlarge. Computed here when the size is known (the argument then shows the
 * box); otherwise ffmpeg evaluates the same rule on the decoded frame.
 */
function previewBox(width: number | null, height: number | null): string {
  if (width === null || height === null || !isPositive(width) || !isPositive(height)) {
    const long = PREVIEW_LONG_EDGE
    const short = PREVIEW_SHORT_EDGE
    return (
      `w='if(gt(ih,iw),min(${short},iw),min(${long},iw))'` +
      `:h='if(gt(ih,iw),min(${long},ih),min(${short},ih))'`
    )
  }
  const portrait = height > width
  const boxWidth = Math.min(portrait ? PREVIEW_SHORT_EDGE : PREVIEW_LONG_EDGE, Math.round(width))
  const boxHeight = Math.min(portrait ? PREVIEW_LONG_EDGE : PREVIEW_SHORT_EDGE, Math.round(height))
  return `w=${boxWidth}:h=${boxHeight}`
}

/** Arguments for ffprobe's JSON description of a file's container and streams. */
export function ffprobeArgs(input: string): string[] {
  return ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', fileUrl(input)]
}

/**
 * Errors only, and never read stdin: a spawned ffmpeg otherwise treats stray input as commands
 * and can stop waiting for a terminal.
 */
const QUIET = ['-hide_banner', '-loglevel', 'error', '-nostdin']

/**
 * The file: protocol makes ffmpeg take the path literally: a name such as `clip:1.mov` would
 * otherwise be read as a protocol, and one starting with `-` as an option.
 */
function fileUrl(path: string): string {
  return `file:${path}`
}

/** Millisecond precision is enough to pick a frame and keeps the argument readable. */
function seconds(value: number): string {
  return Number.isFinite(value) && value > 0 ? String(Number(value.toFixed(3))) : '0'
}

function isPositive(value: number): boolean {
  return Number.isFinite(value) && value > 0
}

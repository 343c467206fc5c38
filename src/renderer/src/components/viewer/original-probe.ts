/**
 * Why an original could not be shown. An <img>, <video> or <audio> only says "error"; the media
 * route says more with its status: 503 while the root's share cannot be reached, 404 when the
 * file is gone.
 */
export type OriginalTrouble = 'offline' | 'missing' | 'unreadable'

export async function probeOriginal(url: string): Promise<OriginalTrouble> {
  try {
    const response = await fetch(url, { method: 'HEAD' })
    if (response.status === 503) return 'offline'
    if (response.status === 404) return 'missing'
    return 'unreadable'
  } catch {
    // No answer at all: the connection to Marquee, not the file, is the problem.
    return 'unreadable'
  }
}

/** Originals a browser can draw as they are; others (RAW, HEIC, TIFF, PSD) stay on `large`. */
const DRAWABLE = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/x-icon',
])

export const browserCanDraw = (mime: string | null): boolean => mime !== null && DRAWABLE.has(mime)

/** Sound formats Chromium cannot decode; every other audio type it plays. */
const SILENT = new Set(['audio/x-ms-wma', 'audio/aiff', 'audio/x-aiff', 'audio/amr'])

/** Videos and sounds a browser plays without a transcode. */
export const browserCanPlay = (mime: string | null): boolean =>
  mime !== null &&
  (/^video\/(mp4|webm|ogg)$/.test(mime) || (mime.startsWith('audio/') && !SILENT.has(mime)))

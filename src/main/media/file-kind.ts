import { CONTAINER_MIMES, FORMAT_BY_EXTENSION, MEDIA_FORMATS, type MediaType } from './formats'

/**
 * What a file is, in words and in Marquee's asset types, from its bytes and MIME type
 * (ARCHITECTURE §5, Identify). The MIME strings are the ones file-type 21 reports; which of them
 * each extension may hold comes from the one format table (./formats).
 */

export type { MediaType }

const SIGNATURES: ReadonlyArray<readonly [bytes: readonly number[], words: string]> = [
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (Linux ELF executable)'],
  [[0x4d, 0x5a], 'a Windows program (EXE)'],
  [[0x23, 0x21], 'a script'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x50, 0x4b, 0x05, 0x06], 'a ZIP archive'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [
    [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74],
    'a database (SQLite)',
  ],
]

/**
 * Plain words for a file that file-type could not identify as media, given its first bytes
 * (about 4 KB), to finish a sentence such as "holiday.jpg is a text file, not an image".
 */
export function describeNonMedia(head: Uint8Array): string {
  if (head.length === 0) return 'an empty file'
  const signature = SIGNATURES.find(([bytes]) => bytes.every((byte, i) => head[i] === byte))
  if (signature) return signature[1]
  if (!isText(head)) return 'not a media file (unrecognised bytes)'
  const start = new TextDecoder().decode(head.subarray(0, 512)).trimStart().toLowerCase()
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'an HTML page'
  if (start.startsWith('<?xml') || start.startsWith('<svg')) return 'an XML/SVG document'
  return 'a text file'
}

/**
 * Text when it has no NUL and hardly any control bytes (compressed or encoded data has one byte in
 * eight below 0x20), and is either valid UTF-8 or mostly ASCII (a Latin-1 or Windows-1252 file
 * with accented letters).
 */
function isText(head: Uint8Array): boolean {
  let control = 0
  let ascii = 0
  for (const byte of head) {
    if (byte === 0) return false
    const whitespace = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d
    if ((byte < 0x20 && !whitespace && byte !== 0x1b) || byte === 0x7f) control++
    else if (byte < 0x80) ascii++
  }
  if (control > head.length / 100) return false
  return isUtf8(head) || ascii >= head.length * 0.7
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    // stream: a character cut in half at the end of the head is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}

/** Canonical MIME types of the format table; a name two formats share has one type. */
const TYPE_BY_MIME = new Map(MEDIA_FORMATS.map((format) => [format.mime, format.type]))

/**
 * The asset type a MIME type is processed as, or null when Marquee does not handle it: the
 * table's type for its canonical names, else the top-level type, else video for the generic
 * containers (ffprobe tells video from audio there).
 */
export function mediaTypeForMime(mime: string): MediaType | null {
  const essence = essenceOf(mime)
  const known = TYPE_BY_MIME.get(essence)
  if (known) return known
  const [top] = essence.split('/')
  if (top === 'image' || top === 'video' || top === 'audio') return top
  return CONTAINER_MIMES.has(essence) ? 'video' : null
}

/**
 * Whether the detected MIME type is what the extension promises: the format's canonical MIME
 * type or one of its aliases. Extensions not in the table match a MIME type whose subtype is the
 * extension itself (jxl ↔ image/jxl, xcf ↔ image/x-xcf).
 */
export function extensionMatchesMime(ext: string, mime: string): boolean {
  const extension = ext.replace(/^\./, '').toLowerCase()
  const essence = essenceOf(mime)
  const format = FORMAT_BY_EXTENSION.get(extension)
  if (format) return format.mime === essence || format.aliases.includes(essence)
  const subtype = essence.split('/')[1] ?? ''
  return extension !== '' && (subtype === extension || subtype === `x-${extension}`)
}

/** "Audio/Ogg; codecs=opus" → "audio/ogg": parameters and case do not change the format. */
function essenceOf(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase()
}

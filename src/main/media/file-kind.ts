import type { AssetType } from '../../shared/domain'

/**
 * What a file is, in words and in Marquee's asset types, from its bytes and MIME type
 * (ARCHITECTURE §5, Identify). The MIME strings are the ones file-type 21 reports.
 */

export type MediaType = Exclude<AssetType, 'other'>

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

/**
 * Generic containers file-type reports when it cannot see the streams inside (an Ogg starting
 * with a Skeleton track, an ASF without stream headers up front). They go down the video path,
 * where ffprobe's `hasVideo` tells video from audio.
 */
const CONTAINERS = new Set([
  'application/mp4',
  'application/ogg',
  'application/vnd.ms-asf',
  'application/mxf',
])

/** The asset type a MIME type is processed as, or null when Marquee does not handle it. */
export function mediaTypeForMime(mime: string): MediaType | null {
  const essence = essenceOf(mime)
  const [top] = essence.split('/')
  if (top === 'image' || top === 'video' || top === 'audio') return top
  if (essence === 'application/pdf') return 'document'
  return CONTAINERS.has(essence) ? 'video' : null
}

const JPEG = ['image/jpeg']
const HEIF = ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']
/** One container, several names: the `ftyp` brand, not the content, picks the one reported. */
const MP4 = ['video/mp4', 'video/x-m4v', 'audio/mp4', 'audio/x-m4a']
const MATROSKA = ['video/matroska', 'video/x-matroska', 'audio/matroska', 'audio/x-matroska']
/** file-type names an ASF after its first stream, so a WMV may be reported as audio. */
const ASF = [
  'video/x-ms-asf',
  'audio/x-ms-asf',
  'application/vnd.ms-asf',
  'video/x-ms-wmv',
  'audio/x-ms-wma',
]
const MPEG_PS = ['video/mpeg', 'video/mp1s', 'video/mp2p']
const OGG = ['audio/ogg', 'video/ogg', 'application/ogg']
/** Most camera RAW formats are TIFF inside; file-type reports many of them as plain TIFF. */
const tiffRaw = (mime: string): string[] => [mime, 'image/tiff']

/** MIME types that are no surprise for each extension (lower case, without the dot). */
const EXPECTED: Record<string, readonly string[]> = {
  jpg: JPEG,
  jpeg: JPEG,
  jpe: JPEG,
  jfif: JPEG,
  // An animated PNG is still a .png.
  png: ['image/png', 'image/apng'],
  apng: ['image/apng', 'image/png'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  avif: ['image/avif'],
  heic: HEIF,
  heif: HEIF,
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  bmp: ['image/bmp'],
  // file-type does not read SVG; an SVG with an XML declaration comes back as XML.
  svg: ['image/svg+xml', 'application/xml'],
  cr2: tiffRaw('image/x-canon-cr2'),
  cr3: ['image/x-canon-cr3'],
  nef: tiffRaw('image/x-nikon-nef'),
  nrw: tiffRaw('image/x-nikon-nrw'),
  arw: tiffRaw('image/x-sony-arw'),
  dng: tiffRaw('image/x-adobe-dng'),
  orf: ['image/x-olympus-orf'],
  rw2: ['image/x-panasonic-rw2'],
  raf: ['image/x-fujifilm-raf'],
  srw: tiffRaw('image/x-samsung-srw'),
  pef: tiffRaw('image/x-pentax-pef'),
  mp4: MP4,
  m4v: MP4,
  m4a: MP4,
  m4b: MP4,
  // QuickTime is MP4's parent; editors often write .mov files with an MP4 brand.
  mov: ['video/quicktime', 'video/mp4'],
  qt: ['video/quicktime'],
  '3gp': ['video/3gpp'],
  '3g2': ['video/3gpp2'],
  mkv: MATROSKA,
  mka: MATROSKA,
  webm: ['video/webm', 'audio/webm'],
  avi: ['video/vnd.avi', 'video/x-msvideo', 'video/avi'],
  wmv: ASF,
  wma: ASF,
  asf: ASF,
  mpg: MPEG_PS,
  mpeg: MPEG_PS,
  vob: MPEG_PS,
  ts: ['video/mp2t'],
  mts: ['video/mp2t'],
  m2ts: ['video/mp2t'],
  flv: ['video/x-flv'],
  ogv: ['video/ogg', 'application/ogg'],
  // .ogg predates the split into .oga/.ogv and is used for both.
  ogg: OGG,
  oga: ['audio/ogg', 'application/ogg'],
  opus: ['audio/ogg', 'audio/opus'],
  mp3: ['audio/mpeg'],
  mp2: ['audio/mpeg'],
  aac: ['audio/aac'],
  wav: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  flac: ['audio/flac', 'audio/x-flac'],
  aif: ['audio/aiff', 'audio/x-aiff'],
  aiff: ['audio/aiff', 'audio/x-aiff'],
  pdf: ['application/pdf'],
}

/**
 * Whether the detected MIME type is what the extension promises. Extensions not listed match a
 * MIME type whose subtype is the extension itself (jxl ↔ image/jxl, xcf ↔ image/x-xcf).
 */
export function extensionMatchesMime(ext: string, mime: string): boolean {
  const extension = ext.replace(/^\./, '').toLowerCase()
  const essence = essenceOf(mime)
  const expected = EXPECTED[extension]
  if (expected) return expected.includes(essence)
  const subtype = essence.split('/')[1] ?? ''
  return extension !== '' && (subtype === extension || subtype === `x-${extension}`)
}

/** "Audio/Ogg; codecs=opus" → "audio/ogg": parameters and case do not change the format. */
function essenceOf(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase()
}

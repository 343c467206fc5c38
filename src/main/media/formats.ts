import type { AssetType } from '../../shared/domain'

/**
 * The one table of media formats Marquee knows (documented in docs/indexing.md). The scanner
 * indexes these extensions, identify checks detected MIME types against them, and the media
 * route serves them with their canonical MIME type. Types and data only: no I/O here.
 */

export type MediaType = Exclude<AssetType, 'other'>

export interface MediaFormat {
  /** What a person calls it, for docs and messages. */
  readonly name: string
  readonly type: MediaType
  /** Lower case, without the dot. An extension belongs to one format only. */
  readonly extensions: readonly string[]
  /** What the media route serves these files as. */
  readonly mime: string
  /** Other MIME types the bytes of such a file may be reported as (file-type, SVG sniffing). */
  readonly aliases: readonly string[]
  /**
   * Chromium (the app's renderer, serve mode's browser) shows the original itself in an
   * <img>, <video> or <audio>, so the viewer needs no derivative. A container can still hold
   * a codec it cannot play (HEVC in an MP4); ffprobe has the last word on those.
   */
  readonly browserSafe: boolean
  /** Can carry script when opened as a page (SVG): served only with a sandboxing policy. */
  readonly activeContent?: true
}

const HEIF = ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']
/** One container, several names: the `ftyp` brand, not the content, picks the one reported. */
const MP4 = ['video/mp4', 'video/x-m4v', 'audio/mp4', 'audio/x-m4a']
const MATROSKA = ['video/x-matroska', 'video/matroska', 'audio/x-matroska', 'audio/matroska']
/** file-type names an ASF after its first stream, so a WMV may be reported as audio. */
const ASF = ['video/x-ms-wmv', 'audio/x-ms-wma', 'video/x-ms-asf', 'audio/x-ms-asf']
/** Most camera RAW formats are TIFF inside; file-type reports many of them as plain TIFF. */
const TIFF = ['image/tiff']

/** Readable column values for `browserSafe`. */
const NATIVE = true
const DERIVED = false

/**
 * One row: name, extensions (space-separated), canonical MIME, browserSafe, and the aliases
 * (a family of names may include the canonical one; it is not repeated).
 */
const row =
  (type: MediaType) =>
  (
    name: string,
    extensions: string,
    mime: string,
    browserSafe: boolean,
    aliases: readonly string[] = [],
  ): MediaFormat => ({
    name,
    type,
    extensions: extensions.split(' '),
    mime,
    aliases: aliases.filter((alias) => alias !== mime),
    browserSafe,
  })
const image = row('image')
const video = row('video')
const audio = row('audio')
const document = row('document')

export const MEDIA_FORMATS: readonly MediaFormat[] = [
  image('JPEG', 'jpg jpeg jpe jfif', 'image/jpeg', NATIVE),
  // An animated PNG is still a .png.
  image('PNG', 'png apng', 'image/png', NATIVE, ['image/apng']),
  image('GIF', 'gif', 'image/gif', NATIVE),
  image('WebP', 'webp', 'image/webp', NATIVE),
  image('AVIF', 'avif', 'image/avif', NATIVE),
  image('HEIC', 'heic', 'image/heic', DERIVED, HEIF),
  image('HEIF', 'heif', 'image/heif', DERIVED, HEIF),
  image('TIFF', 'tif tiff', 'image/tiff', DERIVED),
  image('BMP', 'bmp', 'image/bmp', NATIVE),
  // file-type does not read SVG; an SVG with an XML declaration comes back as XML.
  { ...image('SVG', 'svg', 'image/svg+xml', NATIVE, ['application/xml']), activeContent: true },
  image('Canon RAW 2', 'cr2', 'image/x-canon-cr2', DERIVED, TIFF),
  image('Canon RAW 3', 'cr3', 'image/x-canon-cr3', DERIVED),
  image('Nikon RAW', 'nef', 'image/x-nikon-nef', DERIVED, TIFF),
  image('Nikon RAW (Coolpix)', 'nrw', 'image/x-nikon-nrw', DERIVED, TIFF),
  image('Sony RAW', 'arw', 'image/x-sony-arw', DERIVED, TIFF),
  image('Adobe DNG', 'dng', 'image/x-adobe-dng', DERIVED, TIFF),
  image('Olympus RAW', 'orf', 'image/x-olympus-orf', DERIVED),
  image('Panasonic RAW', 'rw2', 'image/x-panasonic-rw2', DERIVED),
  image('Fujifilm RAW', 'raf', 'image/x-fujifilm-raf', DERIVED),
  image('Samsung RAW', 'srw', 'image/x-samsung-srw', DERIVED, TIFF),
  image('Pentax RAW', 'pef', 'image/x-pentax-pef', DERIVED, TIFF),

  video('MP4', 'mp4 m4v', 'video/mp4', NATIVE, MP4),
  // QuickTime is MP4's parent; editors often write .mov files with an MP4 brand.
  video('QuickTime', 'mov qt', 'video/quicktime', DERIVED, ['video/mp4']),
  video('Matroska', 'mkv', 'video/x-matroska', DERIVED, MATROSKA),
  video('WebM', 'webm', 'video/webm', NATIVE, ['audio/webm']),
  video('AVI', 'avi', 'video/x-msvideo', DERIVED, ['video/vnd.avi', 'video/avi']),
  video('Windows Media Video', 'wmv', 'video/x-ms-wmv', DERIVED, [
    ...ASF,
    'application/vnd.ms-asf',
  ]),
  video('ASF', 'asf', 'video/x-ms-asf', DERIVED, [...ASF, 'application/vnd.ms-asf']),
  video('MPEG program stream', 'mpg mpeg vob', 'video/mpeg', DERIVED, ['video/mp1s', 'video/mp2p']),
  // AVCHD camcorders write .mts / .m2ts.
  video('MPEG transport stream', 'ts mts m2ts', 'video/mp2t', DERIVED),
  video('3GP', '3gp', 'video/3gpp', DERIVED),
  video('3G2', '3g2', 'video/3gpp2', DERIVED),
  video('Flash Video', 'flv', 'video/x-flv', DERIVED),
  // Chromium no longer plays Theora.
  video('Ogg video', 'ogv', 'video/ogg', DERIVED, ['application/ogg']),
  video('MXF', 'mxf', 'application/mxf', DERIVED),

  audio('MP3', 'mp3', 'audio/mpeg', NATIVE),
  audio('MPEG audio layer II', 'mp2', 'audio/mpeg', DERIVED),
  audio('AAC', 'aac', 'audio/aac', NATIVE),
  audio('MPEG-4 audio', 'm4a m4b', 'audio/mp4', NATIVE, MP4),
  audio('WAV', 'wav', 'audio/wav', NATIVE, ['audio/x-wav', 'audio/wave', 'audio/vnd.wave']),
  audio('FLAC', 'flac', 'audio/flac', NATIVE, ['audio/x-flac']),
  // .ogg predates the split into .oga/.ogv and is used for both.
  audio('Ogg audio', 'ogg oga', 'audio/ogg', NATIVE, ['video/ogg', 'application/ogg']),
  audio('Opus', 'opus', 'audio/ogg', NATIVE, ['audio/opus']),
  audio('Matroska audio', 'mka', 'audio/x-matroska', DERIVED, MATROSKA),
  audio('Windows Media Audio', 'wma', 'audio/x-ms-wma', DERIVED, [
    ...ASF,
    'application/vnd.ms-asf',
  ]),
  audio('AIFF', 'aif aiff', 'audio/aiff', DERIVED, ['audio/x-aiff']),

  document('PDF', 'pdf', 'application/pdf', DERIVED),
]

/** The format of each extension (lower case, without the dot). */
export const FORMAT_BY_EXTENSION: ReadonlyMap<string, MediaFormat> = new Map(
  MEDIA_FORMATS.flatMap((format) => format.extensions.map((ext) => [ext, format] as const)),
)

/**
 * Generic containers file-type reports when it cannot see the streams inside (an Ogg starting
 * with a Skeleton track, an ASF without stream headers up front). They go down the video path,
 * where ffprobe's `hasVideo` tells video from audio.
 */
export const CONTAINER_MIMES: ReadonlySet<string> = new Set([
  'application/mp4',
  'application/ogg',
  'application/vnd.ms-asf',
  'application/mxf',
])

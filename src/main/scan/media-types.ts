import type { AssetType } from '../../shared/domain'

/**
 * Extensions indexed by default, compared case-insensitively (documented in docs/indexing.md).
 * The processing pipeline later checks the bytes; this list only decides what is worth a look.
 */
const EXTENSIONS: Record<Exclude<AssetType, 'other'>, readonly string[]> = {
  image: [
    'jpg',
    'jpeg',
    'jpe',
    'png',
    'gif',
    'webp',
    'avif',
    'heic',
    'heif',
    'tif',
    'tiff',
    'bmp',
    'svg',
    'cr2',
    'cr3',
    'nef',
    'arw',
    'dng',
    'orf',
    'rw2',
    'raf',
    'srw',
    'pef',
  ],
  video: [
    'mp4',
    'm4v',
    'mov',
    'mkv',
    'webm',
    'avi',
    'wmv',
    'mpg',
    'mpeg',
    'm2ts',
    'mts',
    'ts',
    '3gp',
    'flv',
    'ogv',
  ],
  audio: ['mp3', 'm4a', 'aac', 'wav', 'flac', 'ogg', 'oga', 'opus', 'wma', 'aif', 'aiff'],
  document: ['pdf'],
}

const TYPE_BY_EXTENSION = new Map<string, AssetType>(
  Object.entries(EXTENSIONS).flatMap(([type, exts]) => exts.map((ext) => [ext, type as AssetType])),
)

/** Lower-case extension without the dot; '' when the name has none (or is only a dot name). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

/** The asset type a name suggests, or null when it is not a known media extension. */
export function mediaTypeOf(name: string): AssetType | null {
  return TYPE_BY_EXTENSION.get(extensionOf(name)) ?? null
}

export const MEDIA_EXTENSIONS = EXTENSIONS

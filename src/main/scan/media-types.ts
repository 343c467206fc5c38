import type { AssetType } from '../../shared/domain'
import { FORMAT_BY_EXTENSION, MEDIA_FORMATS, type MediaType } from '../media/formats'

/**
 * Extensions indexed by default, compared case-insensitively: every extension of the one format
 * table (src/main/media/formats.ts, documented in docs/indexing.md). The processing pipeline
 * later checks the bytes; the extension only decides what is worth a look.
 */
export const MEDIA_EXTENSIONS: Readonly<Record<MediaType, readonly string[]>> = {
  image: extensionsOf('image'),
  video: extensionsOf('video'),
  audio: extensionsOf('audio'),
  document: extensionsOf('document'),
}

function extensionsOf(type: MediaType): string[] {
  return MEDIA_FORMATS.filter((format) => format.type === type).flatMap((f) => f.extensions)
}

/** Lower-case extension without the dot; '' when the name has none (or is only a dot name). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

/** The asset type a name suggests, or null when it is not a known media extension. */
export function mediaTypeOf(name: string): AssetType | null {
  return FORMAT_BY_EXTENSION.get(extensionOf(name))?.type ?? null
}

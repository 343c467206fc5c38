import { MEDIA_HTTP_PREFIX, MEDIA_SCHEME } from '../../../../shared/contract'
import type { Face } from '../../lib/api'

/**
 * The address of a file in the cache directory, through the one media route: the app's
 * `marquee-media://cache/…`, serve's `/media/cache/…`. Each segment is encoded on its own.
 */
export function cacheMediaUrl(face: Face, relPath: string): string {
  const path = relPath.split('/').map(encodeURIComponent).join('/')
  return face === 'electron'
    ? `${MEDIA_SCHEME}://cache/${path}`
    : `${MEDIA_HTTP_PREFIX}cache/${path}`
}

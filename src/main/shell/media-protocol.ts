import { protocol } from 'electron'
import { MEDIA_SCHEME } from '../../shared/contract'
import type { MediaHandler } from '../transport/media-route'

/**
 * Must run before the app is ready: Chromium fixes scheme privileges at start-up. `standard`
 * gives the URLs a host (`root`, `cache`) and relative resolution, `secure` keeps them usable
 * from the page, `stream` lets <video> seek with Range requests.
 */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ])
}

/** After ready: every marquee-media:// request goes to the core's one media route. */
export function handleMediaProtocol(media: MediaHandler): void {
  protocol.handle(MEDIA_SCHEME, media)
}

import type { Session } from 'electron'
import { MEDIA_SCHEME } from '../../shared/contract'
import { contentSecurityPolicy } from '../transport/csp'

/** The renderer needs its own scripts and styles, and media from the one media route. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy([`${MEDIA_SCHEME}:`])

/** Denies every permission (camera, notifications, …) and puts the CSP on every response. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) })
  })
}

/** Replaces any policy a response brought (header names are case-insensitive) with ours. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> = {},
): Record<string, string[]> {
  const kept = Object.entries(headers).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  )
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
}

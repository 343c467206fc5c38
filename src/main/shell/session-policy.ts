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
    const policy = policyFor(details.url, details.resourceType)
    callback({
      responseHeaders:
        policy === 'keep'
          ? details.responseHeaders
          : withContentSecurityPolicy(details.responseHeaders, policy),
    })
  })
}

/**
 * The playlist preview (the bundled player, served at marquee-media://cache/.preview/…) may be
 * framed by the app and may frame web pages; those pages, in a frame sandboxed without
 * allow-same-origin, keep their own headers (the app's policy would break them, and the sandbox
 * keeps them from the app). Everything else gets the app's policy.
 */
export const PREVIEW_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; " +
  "frame-src http: https:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

export function policyFor(url: string, resourceType: string): string | 'keep' {
  if (resourceType === 'subFrame' && /^https?:/i.test(url)) return 'keep'
  if (url.startsWith(`${MEDIA_SCHEME}://cache/.preview/`)) return PREVIEW_POLICY
  return CONTENT_SECURITY_POLICY
}

/** Replaces any policy a response brought (header names are case-insensitive) with ours. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> = {},
  policy: string = CONTENT_SECURITY_POLICY,
): Record<string, string[]> {
  const kept = Object.entries(headers).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  )
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] }
}

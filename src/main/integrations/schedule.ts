/** When an integration is polled next: its interval, a backoff after errors, Retry-After. */

/** However many errors in a row, an integration is tried at least this often. */
export const MAX_BACKOFF_MS = 30 * 60_000

/** Interval × 2^(failures − 1), capped: 1 failure waits one interval, 2 two, 3 four… */
export function backoffMs(failures: number, intervalMs: number): number {
  if (failures <= 0) return intervalMs
  return Math.min(MAX_BACKOFF_MS, Math.max(intervalMs, intervalMs * 2 ** (failures - 1)))
}

/**
 * Retry-After as milliseconds from `now`: delta-seconds (Spotify's form) or an HTTP date. Null
 * when absent or unreadable (the caller then backs off as for an error).
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | null {
  if (header === null || header === undefined) return null
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  if (Number.isNaN(at)) return null
  return Math.max(0, at - now)
}

import type { FeedSettings } from '../../shared/integrations'
import { mediaRequests } from './feed'
import {
  type Credentials,
  type FetchOutcome,
  type Fetcher,
  type Http,
  hostOf,
  jsonBody,
  NetworkError,
} from './fetcher'
import { parseRetryAfter } from './schedule'

const TIMEOUT_MS = 15_000
/** A feed larger than this is refused: it is data for a screen, not a download. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024

/** One GET of a JSON feed, with its headers (secret values come from the credentials). */
export class FeedFetcher implements Fetcher {
  constructor(private readonly http: Http) {}

  async fetch(settings: unknown, credentials: Credentials | null): Promise<FetchOutcome> {
    const feed = settings as FeedSettings
    const secrets = (credentials?.headers ?? {}) as Record<string, string>
    const headers: Record<string, string> = { Accept: 'application/json' }
    for (const header of feed.headers) {
      const value = header.secret ? secrets[header.name] : header.value
      if (value !== undefined && value !== null) headers[header.name] = value
    }
    const host = hostOf(feed.url)
    let response
    try {
      response = await this.http.request({
        method: 'GET',
        url: feed.url,
        headers,
        timeoutMs: TIMEOUT_MS,
        maxBytes: MAX_FEED_BYTES,
      })
    } catch (error) {
      if (error instanceof NetworkError) return { kind: 'error', message: error.message }
      throw error
    }
    if (response.status === 429 || response.status === 503) {
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], Date.now())
      if (response.status === 429 || retryAfterMs !== null)
        return {
          kind: 'rate-limited',
          retryAfterMs,
          message: `${host} is limiting requests; Marquee waits before asking again.`,
        }
    }
    if (response.status === 401 || response.status === 403)
      return {
        kind: 'error',
        message: `${host} refused the request (${response.status}): check the feed's headers.`,
      }
    if (response.status !== 200)
      return {
        kind: 'error',
        message: `${host} answered ${response.status}; Marquee tries again later.`,
      }
    const body = jsonBody(response.body)
    if (body === null || typeof body !== 'object')
      return {
        kind: 'error',
        message: `${host} answered with something that is not a JSON object or array.`,
      }
    // Arrays are wrapped so output paths always have an object to write into.
    const data = (Array.isArray(body) ? { items: body } : body) as Record<string, unknown>
    return { kind: 'ok', data, ...mediaRequests(data, feed.mediaFields) }
  }
}

/**
 * What every fetcher (one per kind) is: given an integration's settings and decrypted
 * credentials, fetch once and say what happened. A fetcher does no I/O of its own: requests go
 * through `Http` (HttpRepository in the app, the same in tests against loopback fakes).
 */
import type { MediaFieldProblem, MediaVariant } from '../../shared/integrations'
import type { Segment } from './json-path'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'HEAD'
  url: string
  headers?: Record<string, string>
  body?: string
  timeoutMs: number
  /** A body larger than this fails the request (bytes). */
  maxBytes: number
}

export interface HttpResponse {
  status: number
  /** Lower-case names. */
  headers: Record<string, string>
  body: Buffer
}

export interface Http {
  /** Throws NetworkError when the server cannot be reached, is too slow or answers too much. */
  request(request: HttpRequest): Promise<HttpResponse>
}

/** Unreachable, timed out, or too large: said in words that name the host, never a header. */
export class NetworkError extends Error {
  override name = 'NetworkError'
}

export type Credentials = Record<string, unknown>

/** A URL in the data to cache, and where its `{original_url, files}` goes. */
export interface MediaRequest {
  url: string
  output: Segment[]
  variants: MediaVariant[]
  /** The concrete path it was read from, for problem reports. */
  source: string
}

export type FetchOutcome =
  | {
      kind: 'ok'
      data: Record<string, unknown>
      media: MediaRequest[]
      problems: MediaFieldProblem[]
      credentials?: Credentials
    }
  | {
      kind: 'rate-limited'
      retryAfterMs: number | null
      message: string
      credentials?: Credentials
    }
  | { kind: 'needs-auth' | 'needs-reauth'; message: string; credentials?: Credentials }
  | { kind: 'error'; message: string; credentials?: Credentials }

export interface Fetcher {
  fetch(
    settings: unknown,
    credentials: Credentials | null,
    now: () => number,
  ): Promise<FetchOutcome>
}

/** Parses a JSON body; null when it is not JSON. */
export function jsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown
  } catch {
    return null
  }
}

/** The host of a URL, for messages (a URL's query may carry a key). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the server'
  }
}

/**
 * Integrations as the contract shows them: third-party sources Marquee polls (Spotify "now
 * playing", JSON feeds) and the media they point at, cached. Types and constants only.
 * Credentials never appear here: not in results, not in events.
 */

export const INTEGRATION_KINDS = ['spotify', 'feed'] as const
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number]

/**
 * `needs-auth`: never connected; `needs-reauth`: the service refused its tokens (reconnect);
 * `rate-limited`: waiting for the service's Retry-After; `error`: the last fetch failed (the last
 * good data is kept, marked stale); `paused`: the user stopped polling.
 */
export const INTEGRATION_STATUSES = [
  'needs-auth',
  'connected',
  'needs-reauth',
  'rate-limited',
  'error',
  'paused',
] as const
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number]

export const MEDIA_VARIANTS = ['thumbnail', 'preview', 'full'] as const
export type MediaVariant = (typeof MEDIA_VARIANTS)[number]

/** Spotify polls every 15 s unless told otherwise; feeds every 5 minutes. */
export const DEFAULT_INTERVAL_MS: Record<IntegrationKind, number> = {
  spotify: 15_000,
  feed: 300_000,
}

/** One JSON path of a feed whose value is an image URL, and where its cached copy is written. */
export interface MediaField {
  /** Dot path with array indexes and `[*]` for every element: `items[*].image.url`. */
  path: string
  /** Where `{original_url, files}` is written; its `[*]` follow the path's, in order. */
  outputPath: string
  /** Which variants `files` lists (all three when empty). */
  variants: MediaVariant[]
}

/** A header sent with a feed request; a secret one's value is stored encrypted, never shown. */
export interface FeedHeaderInput {
  name: string
  value: string
  secret?: boolean
}

export interface SpotifySettings {
  clientId: string
  /** A fixed loopback port for the redirect (when the app registration names one); else random. */
  redirectPort: number | null
}

export interface FeedSettings {
  url: string
  mediaFields: MediaField[]
  /** Header names; values of non-secret headers too. Secret values live in the credentials. */
  headers: Array<{ name: string; value: string | null; secret: boolean }>
}

/** A media field that could not be filled: missing, not a URL, or a download that failed. */
export interface MediaFieldProblem {
  path: string
  problem: string
}

/** How a cached image is shown: the local copy, else the remote URL, else a placeholder. */
export type DisplayImage =
  { kind: 'local'; path: string } | { kind: 'remote'; url: string } | { kind: 'placeholder' }

export interface Integration {
  id: number
  kind: IntegrationKind
  name: string
  status: IntegrationStatus
  paused: boolean
  intervalMs: number
  settings: SpotifySettings | FeedSettings
  /** Last attempt, last success, next scheduled attempt (epoch ms; null when none). */
  lastFetchAt: number | null
  lastSuccessAt: number | null
  nextFetchAt: number | null
  /** Set when a fetch failed after good data: the data shown is from before then. */
  staleSince: number | null
  /** The last error in words (never a token); null when the last fetch worked. */
  error: string | null
  tokenExpiresAt: number | null
  rateLimitedUntil: number | null
  /** Bytes in the cache of the media this integration's current data uses. */
  cacheBytes: number
  /** The latest data (stale when `staleSince` is set), or null before the first fetch. */
  data: Record<string, unknown> | null
  fetchedAt: number | null
  problems: MediaFieldProblem[]
  /** The main image of the data (Spotify: the album art), as the UI should show it. */
  image: DisplayImage | null
  /** While a connection waits for the browser: the address to open. */
  pendingAuthUrl: string | null
}

export interface AddSpotifyRequest {
  kind: 'spotify'
  clientId: string
  name?: string
  intervalMs?: number
  redirectPort?: number
}

export interface AddFeedRequest {
  kind: 'feed'
  url: string
  name?: string
  intervalMs?: number
  headers?: FeedHeaderInput[]
  mediaFields?: MediaField[]
}

export type AddIntegrationRequest = AddSpotifyRequest | AddFeedRequest

export interface UpdateIntegrationRequest {
  id: number
  name?: string
  intervalMs?: number
  paused?: boolean
}

export interface AuthStart {
  id: number
  /** The address to open in the system browser. */
  url: string
  redirectUri: string
  /** The loopback listener gives up then (epoch ms). */
  expiresAt: number
  /** Whether this face opened the browser itself (the desktop app does; serve does not). */
  opened: boolean
}

export interface PollResult {
  id: number
  status: IntegrationStatus
  data: Record<string, unknown> | null
  /** When rate limited: how long until the service accepts a request again. */
  retryAfterMs: number | null
}

export interface CacheOptimizeResult {
  removed: number
  kept: number
  freedBytes: number
  dryRun: boolean
}

export interface CacheValidateResult {
  checked: number
  ok: number
  failed: Array<{ url: string; status: number | null; error: string }>
}

/** How sign-ins are kept here, and what the whole media cache holds. */
export interface IntegrationsStatus {
  /** `safe-storage`: the system keychain (the desktop app); `key-file`: a 0600 key file. */
  secrets: 'safe-storage' | 'key-file'
  /** Something the user should act on (no keyring on Linux); null when all is well. */
  warning: string | null
  cacheItems: number
  cacheBytes: number
}

export interface IntegrationsChange {
  integrations: Integration[]
}

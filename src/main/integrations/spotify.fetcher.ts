import type { SpotifySettings } from '../../shared/integrations'
import { parsePath } from './json-path'
import {
  type Credentials,
  type FetchOutcome,
  type Fetcher,
  type Http,
  type HttpResponse,
  jsonBody,
  NetworkError,
} from './fetcher'
import { parseRetryAfter } from './schedule'
import {
  needsRefresh,
  noTrackPlaying,
  nowPlayingData,
  oauthError,
  readTokens,
  refreshBody,
  type SpotifyEndpoints,
  type SpotifyTokens,
} from './spotify'

const TIMEOUT_MS = 15_000
const MAX_BYTES = 1024 * 1024

type Step = { kind: 'tokens'; tokens: SpotifyTokens } | { kind: 'outcome'; outcome: FetchOutcome }

/**
 * One poll of "now playing": refresh when the token expires within 5 minutes, ask, and on 401
 * refresh once and ask again; a refused refresh means the account must be connected again.
 * Whatever new tokens a refresh gave come back with the outcome, to be saved with the data.
 */
export class SpotifyFetcher implements Fetcher {
  constructor(
    private readonly http: Http,
    private readonly endpoints: SpotifyEndpoints,
  ) {}

  async fetch(
    settings: unknown,
    stored: Credentials | null,
    now: () => number,
  ): Promise<FetchOutcome> {
    const { clientId } = settings as SpotifySettings
    let tokens = readStored(stored)
    if (!tokens) return { kind: 'needs-auth', message: 'Connect this Spotify account first.' }
    let refreshed = false
    const withTokens = (outcome: FetchOutcome): FetchOutcome =>
      // A refresh may have rotated the refresh token: the new one is saved whatever came next.
      refreshed && tokens ? { ...outcome, credentials: { ...tokens } } : outcome
    try {
      if (needsRefresh(tokens, now())) {
        const step = await this.refresh(clientId, tokens, now)
        if (step.kind === 'outcome') return step.outcome
        tokens = step.tokens
        refreshed = true
      }
      let response = await this.nowPlaying(tokens.accessToken)
      if (response.status === 401 && !refreshed) {
        const step = await this.refresh(clientId, tokens, now)
        if (step.kind === 'outcome') return step.outcome
        tokens = step.tokens
        refreshed = true
        response = await this.nowPlaying(tokens.accessToken)
      }
      return withTokens(this.read(response, now()))
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      return withTokens({ kind: 'error', message: error.message })
    }
  }

  private read(response: HttpResponse, now: number): FetchOutcome {
    const { status } = response
    if (status === 204) return ok(noTrackPlaying())
    if (status === 200) {
      const body = jsonBody(response.body)
      if (body === null)
        return { kind: 'error', message: 'Spotify answered with something that is not JSON.' }
      return ok(nowPlayingData(body))
    }
    if (status === 401)
      return {
        kind: 'needs-reauth',
        message: 'Spotify refused the account’s access even after a refresh: connect it again.',
      }
    if (status === 429) return rateLimited(response, now)
    if (status === 403)
      return {
        kind: 'error',
        message:
          'Spotify refused the request (403): the app registration may not allow this account, or the scope is missing.',
      }
    return { kind: 'error', message: `Spotify answered ${status}; Marquee tries again later.` }
  }

  private nowPlaying(accessToken: string): Promise<HttpResponse> {
    return this.http.request({
      method: 'GET',
      url: this.endpoints.nowPlaying,
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    })
  }

  private async refresh(clientId: string, tokens: SpotifyTokens, now: () => number): Promise<Step> {
    const response = await this.http.request({
      method: 'POST',
      url: this.endpoints.token,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: refreshBody(clientId, tokens.refreshToken).toString(),
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    })
    const body = jsonBody(response.body)
    if (response.status === 429) return { kind: 'outcome', outcome: rateLimited(response, now()) }
    if (response.status === 400 || response.status === 401)
      return {
        kind: 'outcome',
        outcome: {
          kind: 'needs-reauth',
          message: `Spotify no longer accepts this account’s sign-in (${oauthError(body)}): connect it again.`,
        },
      }
    const next = response.status === 200 ? readTokens(body, now(), tokens.refreshToken) : null
    if (!next)
      return {
        kind: 'outcome',
        outcome: {
          kind: 'error',
          message: `Spotify's token service answered ${response.status}; Marquee tries again later.`,
        },
      }
    return { kind: 'tokens', tokens: next }
  }
}

function ok(data: ReturnType<typeof noTrackPlaying>): FetchOutcome {
  return {
    kind: 'ok',
    data: { ...data },
    media: data.album_art_url
      ? [
          {
            url: data.album_art_url,
            output: parsePath('album_art'),
            variants: [],
            source: 'album_art_url',
          },
        ]
      : [],
    problems: [],
  }
}

function rateLimited(response: HttpResponse, now: number): FetchOutcome {
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now)
  return {
    kind: 'rate-limited',
    retryAfterMs,
    message:
      retryAfterMs === null
        ? 'Spotify is limiting requests; Marquee waits before asking again.'
        : `Spotify is limiting requests; Marquee waits ${Math.ceil(retryAfterMs / 1000)} s as asked.`,
  }
}

function readStored(stored: Credentials | null): SpotifyTokens | null {
  if (!stored) return null
  const { accessToken, refreshToken, expiresAt } = stored
  if (typeof refreshToken !== 'string' || !refreshToken) return null
  return {
    accessToken: typeof accessToken === 'string' ? accessToken : '',
    refreshToken,
    expiresAt: typeof expiresAt === 'number' ? expiresAt : 0,
  }
}

/**
 * Spotify "now playing", pure: the endpoints, the authorization address (code + PKCE S256), the
 * token requests' bodies, and how an answer of the currently-playing endpoint becomes the
 * widget's data. The requests themselves go through the fetcher's HTTP repository.
 */
import { isHttpUrl } from './media-rules'

export interface SpotifyEndpoints {
  authorize: string
  token: string
  nowPlaying: string
}

export const SPOTIFY_SCOPES = 'user-read-currently-playing user-read-playback-state'

/** Spotify's own hosts unless MARQUEE_SPOTIFY_ACCOUNTS_URL / MARQUEE_SPOTIFY_API_URL say else. */
export function spotifyEndpoints(env: NodeJS.ProcessEnv): SpotifyEndpoints {
  const accounts = trimSlash(env.MARQUEE_SPOTIFY_ACCOUNTS_URL || 'https://accounts.spotify.com')
  const api = trimSlash(env.MARQUEE_SPOTIFY_API_URL || 'https://api.spotify.com')
  return {
    authorize: `${accounts}/authorize`,
    token: `${accounts}/api/token`,
    nowPlaying: `${api}/v1/me/player/currently-playing?additional_types=track,episode`,
  }
}

export function authorizeUrl(
  endpoints: SpotifyEndpoints,
  request: { clientId: string; redirectUri: string; challenge: string; state: string },
): string {
  const url = new URL(endpoints.authorize)
  url.search = new URLSearchParams({
    client_id: request.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri,
    code_challenge_method: 'S256',
    code_challenge: request.challenge,
    state: request.state,
    scope: SPOTIFY_SCOPES,
  }).toString()
  return url.toString()
}

/** A public (PKCE) client sends its client_id in the body; it has no secret. */
export function codeExchangeBody(request: {
  clientId: string
  code: string
  redirectUri: string
  verifier: string
}): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code: request.code,
    redirect_uri: request.redirectUri,
    client_id: request.clientId,
    code_verifier: request.verifier,
  })
}

export function refreshBody(clientId: string, refreshToken: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: clientId,
  })
}

/** What Marquee keeps (encrypted) for a Spotify account. */
export interface SpotifyTokens {
  accessToken: string
  refreshToken: string
  /** Epoch ms. */
  expiresAt: number
}

/** Tokens are refreshed this long before they expire. */
export const REFRESH_MARGIN_MS = 5 * 60_000

export const needsRefresh = (tokens: SpotifyTokens, now: number): boolean =>
  now >= tokens.expiresAt - REFRESH_MARGIN_MS

/**
 * The token endpoint's answer. A refresh may come without a refresh token (keep the old one) or
 * with a new one (it replaces the old one, which may stop working).
 */
export function readTokens(
  body: unknown,
  now: number,
  previousRefresh?: string,
): SpotifyTokens | null {
  if (typeof body !== 'object' || body === null) return null
  const { access_token, refresh_token, expires_in } = body as Record<string, unknown>
  if (typeof access_token !== 'string' || !access_token) return null
  const refresh =
    typeof refresh_token === 'string' && refresh_token ? refresh_token : previousRefresh
  if (!refresh) return null
  const seconds = typeof expires_in === 'number' && expires_in > 0 ? expires_in : 3600
  return { accessToken: access_token, refreshToken: refresh, expiresAt: now + seconds * 1000 }
}

/** An OAuth error answer in words, without echoing anything that could be a secret. */
export function oauthError(body: unknown): string {
  const { error, error_description } = (typeof body === 'object' && body ? body : {}) as Record<
    string,
    unknown
  >
  const code = typeof error === 'string' ? error.replace(/[^\w.-]/g, '').slice(0, 64) : 'unknown'
  const words = typeof error_description === 'string' ? `: ${error_description.slice(0, 200)}` : ''
  return `${code}${words}`
}

/** "5:54"; hours when there are any ("1:02:03"). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** "33.9%": one decimal, clamped to 0–100. */
export function formatPercent(part: number, whole: number): string {
  if (!(whole > 0)) return '0.0%'
  return `${Math.min(100, Math.max(0, (part / whole) * 100)).toFixed(1)}%`
}

export interface NowPlaying {
  track_name: string
  artist_name: string
  album_name: string
  album_art_url: string | null
  duration_ms: number
  duration_formatted: string
  progress_ms: number
  progress_formatted: string
  progress_percent: string
  is_playing: boolean
  /** When Spotify took the progress (epoch ms): a display advances the bar from here. */
  timestamp: number | null
  currently_playing_type: string | null
}

/** What the widget shows when nothing plays (204, or an answer whose item is null). */
export function noTrackPlaying(): NowPlaying {
  return {
    track_name: 'No track playing',
    artist_name: '',
    album_name: '',
    album_art_url: null,
    duration_ms: 0,
    duration_formatted: '0:00',
    progress_ms: 0,
    progress_formatted: '0:00',
    progress_percent: '0.0%',
    is_playing: false,
    timestamp: null,
    currently_playing_type: null,
  }
}

type Image = { url?: unknown; width?: unknown; height?: unknown }

/** The largest image (by area; the first when sizes are unknown). */
export function largestImage(images: unknown): string | null {
  if (!Array.isArray(images)) return null
  let best: { url: string; area: number } | null = null
  for (const image of images as Image[]) {
    if (!isHttpUrl(image?.url)) continue
    const area = (Number(image.width) || 0) * (Number(image.height) || 0)
    if (!best || area > best.area) best = { url: image.url, area }
  }
  return best?.url ?? null
}

/** The currently-playing answer (200) as the widget's data; tracks and podcast episodes. */
export function nowPlayingData(body: unknown): NowPlaying {
  if (typeof body !== 'object' || body === null) return noTrackPlaying()
  const answer = body as Record<string, unknown>
  const item = answer.item as Record<string, unknown> | null | undefined
  if (!item || typeof item !== 'object') return noTrackPlaying()
  const album = (item.album ?? {}) as Record<string, unknown>
  const show = (item.show ?? {}) as Record<string, unknown>
  const artists = Array.isArray(item.artists)
    ? (item.artists as Array<{ name?: unknown }>)
        .map((a) => (typeof a?.name === 'string' ? a.name : ''))
        .filter(Boolean)
        .join(', ')
    : typeof show.publisher === 'string'
      ? show.publisher
      : ''
  const duration = Number(item.duration_ms) || 0
  const progress = Math.min(duration || Infinity, Number(answer.progress_ms) || 0)
  return {
    track_name: typeof item.name === 'string' ? item.name : '',
    artist_name: artists,
    album_name:
      typeof album.name === 'string' ? album.name : typeof show.name === 'string' ? show.name : '',
    album_art_url:
      largestImage(album.images) ?? largestImage(item.images) ?? largestImage(show.images),
    duration_ms: duration,
    duration_formatted: formatDuration(duration),
    progress_ms: progress,
    progress_formatted: formatDuration(progress),
    progress_percent: formatPercent(progress, duration),
    is_playing: answer.is_playing === true,
    timestamp: typeof answer.timestamp === 'number' ? answer.timestamp : null,
    currently_playing_type:
      typeof answer.currently_playing_type === 'string' ? answer.currently_playing_type : null,
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

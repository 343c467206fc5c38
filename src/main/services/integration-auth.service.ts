import type { AuthStart, SpotifySettings } from '../../shared/integrations'
import { AppError } from '../errors'
import type { Http } from '../integrations/fetcher'
import { jsonBody, NetworkError } from '../integrations/fetcher'
import {
  authorizeUrl,
  codeExchangeBody,
  oauthError,
  readTokens,
  type SpotifyEndpoints,
} from '../integrations/spotify'
import type { Logger } from '../logger'
import type { IntegrationsRepository } from '../repositories/integrations.repository'
import type { OAuthCallbackRepository } from '../repositories/oauth-callback.repository'
import type { RandomRepository } from '../repositories/secrets.repository'
import type { IntegrationsService } from './integrations.service'

/** How long the loopback listener waits for the browser (then the attempt is dropped). */
export const AUTH_TIMEOUT_MS = 5 * 60_000

interface Pending {
  url: string
  expiresAt: number
  close(): void
}

/**
 * Connects a Spotify account the way RFC 8252 asks of a desktop app: authorization code with
 * PKCE (S256) in the system browser, a one-shot listener on 127.0.0.1 and a random port, the
 * `state` checked. The tokens are encrypted before they are stored; the outcome is announced
 * with `integrations.changed`.
 */
export class IntegrationAuthService {
  private readonly pending = new Map<number, Pending>()

  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly service: IntegrationsService,
    private readonly callbacks: OAuthCallbackRepository,
    private readonly http: Http,
    private readonly random: RandomRepository,
    private readonly endpoints: SpotifyEndpoints,
    /** Opens the system browser where this face can (the desktop app); else undefined. */
    private readonly openExternal: ((url: string) => Promise<void>) | undefined,
    private readonly connected: (id: number) => void,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs: number = AUTH_TIMEOUT_MS,
  ) {}

  pendingUrl(id: number): string | null {
    return this.pending.get(id)?.url ?? null
  }

  async start(id: number, openBrowser: boolean): Promise<AuthStart> {
    const row = this.service.row(id)
    if (row.kind !== 'spotify')
      throw new AppError(
        'INVALID_ARGUMENT',
        `Integration ${id} is a ${row.kind}; only Spotify accounts are connected.`,
      )
    const settings = JSON.parse(row.settings) as SpotifySettings
    this.cancel(id)
    const verifier = this.random.token(48)
    const state = this.random.token(24)
    const listener = await this.callbacks
      .listen({
        port: settings.redirectPort ?? 0,
        timeoutMs: this.timeoutMs,
        accept: (query) => this.random.same(query.get('state') ?? '', state),
      })
      .catch((error: NodeJS.ErrnoException) => {
        throw new AppError(
          'UNAVAILABLE',
          `Marquee could not listen on 127.0.0.1${settings.redirectPort ? `:${settings.redirectPort}` : ''} for the sign-in (${error.code ?? error.message}).`,
        )
      })
    const url = authorizeUrl(this.endpoints, {
      clientId: settings.clientId,
      redirectUri: listener.redirectUri,
      challenge: this.random.challenge(verifier),
      state,
    })
    const expiresAt = this.now() + this.timeoutMs
    const pending: Pending = { url, expiresAt, close: listener.close }
    this.pending.set(id, pending)
    void listener.result
      .then((query) => this.finish(id, settings.clientId, listener.redirectUri, verifier, query))
      .catch((error: unknown) => this.failed(id, error))
      .finally(() => {
        if (this.pending.get(id) === pending) this.pending.delete(id)
        this.service.changed()
      })
    let opened = false
    if (openBrowser && this.openExternal) {
      opened = await this.openExternal(url).then(
        () => true,
        (error: unknown) => {
          this.logger.warn('integrations: the browser could not be opened', error)
          return false
        },
      )
    }
    this.service.changed()
    return { id, url, redirectUri: listener.redirectUri, expiresAt, opened }
  }

  /** Drops a waiting connection (a new attempt, or the integration was removed). */
  cancel(id: number): void {
    const pending = this.pending.get(id)
    this.pending.delete(id)
    pending?.close()
  }

  close(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id)
  }

  private async finish(
    id: number,
    clientId: string,
    redirectUri: string,
    verifier: string,
    query: URLSearchParams,
  ): Promise<void> {
    const refused = query.get('error')
    if (refused)
      throw new Error(`Spotify did not grant access (${refused.replace(/[^\w.-]/g, '')}).`)
    const code = query.get('code')
    if (!code) throw new Error('The browser came back without an authorization code.')
    let response
    try {
      response = await this.http.request({
        method: 'POST',
        url: this.endpoints.token,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: codeExchangeBody({ clientId, code, redirectUri, verifier }).toString(),
        timeoutMs: 15_000,
        maxBytes: 1024 * 1024,
      })
    } catch (error) {
      if (error instanceof NetworkError) throw new Error(error.message)
      throw error
    }
    const body = jsonBody(response.body)
    const tokens = response.status === 200 ? readTokens(body, this.now()) : null
    if (!tokens)
      throw new Error(
        `Spotify did not hand out tokens (${response.status}${response.status === 200 ? '' : `, ${oauthError(body)}`}).`,
      )
    if (!this.integrations.get(id)) return
    const sealed = await this.service.seal({ ...tokens })
    this.integrations.connected(id, sealed, tokens.expiresAt, this.now(), this.now())
    this.connected(id)
  }

  private failed(id: number, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    if (message === 'The sign-in was cancelled.') return
    if (!this.integrations.get(id)) return
    this.integrations.authFailed(id, `Connecting failed: ${message}`, this.now())
    this.logger.info(`integrations: connecting integration ${id} failed: ${message}`)
  }
}

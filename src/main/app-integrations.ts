import { DEFAULT_CACHE_LIMITS, type CacheLimits } from './integrations/media-rules'
import { FeedFetcher } from './integrations/feed.fetcher'
import { spotifyEndpoints } from './integrations/spotify'
import { SpotifyFetcher } from './integrations/spotify.fetcher'
import type { EventBus } from './events'
import type { Logger } from './logger'
import { HttpRepository } from './repositories/http.repository'
import { IntegrationFilesRepository } from './repositories/integration-files.repository'
import { IntegrationMediaRepository } from './repositories/integration-media.repository'
import { IntegrationsRepository } from './repositories/integrations.repository'
import { OAuthCallbackRepository } from './repositories/oauth-callback.repository'
import { KeyFileBox, RandomRepository, type SecretBox } from './repositories/secrets.repository'
import { IntegrationAuthService } from './services/integration-auth.service'
import { IntegrationMediaService } from './services/integration-media.service'
import { IntegrationPollerService } from './services/integration-poller.service'
import { IntegrationsService } from './services/integrations.service'

export interface IntegrationOptions {
  /** Credentials at rest: the desktop app passes safeStorage; else a key file in the data dir. */
  secrets?: SecretBox
  /** Opens the system browser (the desktop app: shell.openExternal). */
  openExternal?: (url: string) => Promise<void>
  /** Where MARQUEE_SPOTIFY_ACCOUNTS_URL / MARQUEE_SPOTIFY_API_URL are read (default process.env). */
  env?: NodeJS.ProcessEnv
  cacheLimits?: Partial<CacheLimits>
  authTimeoutMs?: number
}

export interface IntegrationServices {
  integrations: IntegrationsService
  integrationAuth: IntegrationAuthService
  integrationPoller: IntegrationPollerService
  integrationMedia: IntegrationMediaService
}

/** Wires the integrations: repositories (SQLite, HTTP, sharp, crypto) into their services. */
export function createIntegrations(
  db: ConstructorParameters<typeof IntegrationsRepository>[0],
  paths: { dataDir: string; cacheDir: string },
  options: IntegrationOptions,
  events: EventBus,
  logger: Logger,
  now: () => number,
): IntegrationServices & { close(): Promise<void> } {
  const repository = new IntegrationsRepository(db)
  const files = new IntegrationFilesRepository(paths.cacheDir)
  const http = new HttpRepository()
  const random = new RandomRepository()
  const secrets = options.secrets ?? new KeyFileBox(paths.dataDir)
  if (secrets.warning) logger.warn(`integrations: ${secrets.warning}`)
  const endpoints = spotifyEndpoints(options.env ?? process.env)
  const integrations = new IntegrationsService(repository, files, secrets, events, now)
  const integrationMedia = new IntegrationMediaService(
    new IntegrationMediaRepository(db),
    files,
    http,
    random,
    { ...DEFAULT_CACHE_LIMITS, ...options.cacheLimits },
    logger,
    now,
  )
  const integrationPoller = new IntegrationPollerService(
    repository,
    integrations,
    { spotify: new SpotifyFetcher(http, endpoints), feed: new FeedFetcher(http) },
    integrationMedia,
    logger,
    now,
  )
  const integrationAuth = new IntegrationAuthService(
    repository,
    integrations,
    new OAuthCallbackRepository(),
    http,
    random,
    endpoints,
    options.openExternal,
    () => integrationPoller.wake(),
    logger,
    now,
    options.authTimeoutMs,
  )
  integrations.pendingAuthUrl = (id) => integrationAuth.pendingUrl(id)
  integrations.onScheduleChange = () => integrationPoller.wake()
  return {
    integrations,
    integrationAuth,
    integrationPoller,
    integrationMedia,
    async close() {
      integrationAuth.close()
      await integrationPoller.close()
    },
  }
}

import type {
  AddIntegrationRequest,
  FeedSettings,
  Integration,
  MediaFieldProblem,
  SpotifySettings,
  UpdateIntegrationRequest,
} from '../../shared/integrations'
import { DEFAULT_INTERVAL_MS } from '../../shared/integrations'
import { AppError } from '../errors'
import type { EventBus } from '../events'
import { mediaFieldProblem } from '../integrations/feed'
import type { Credentials } from '../integrations/fetcher'
import { hostOf } from '../integrations/fetcher'
import { displayImage, type CachedImage } from '../integrations/media-rules'
import type { IntegrationFilesRepository } from '../repositories/integration-files.repository'
import type {
  IntegrationRow,
  IntegrationsRepository,
} from '../repositories/integrations.repository'
import type { SecretBox } from '../repositories/secrets.repository'

/**
 * Integrations as rows: add, change, remove, and what the contract shows of them (never their
 * credentials). Polling is IntegrationPollerService's, connecting IntegrationAuthService's.
 */
export class IntegrationsService {
  /** Told when something changed that the scheduler must look at (added, resumed). */
  onScheduleChange: () => void = () => undefined
  /** The address a pending connection waits on; set by the auth service. */
  pendingAuthUrl: (id: number) => string | null = () => null

  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly files: IntegrationFilesRepository,
    private readonly secrets: SecretBox,
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Integration[] {
    return this.integrations.list().map((row) => this.view(row))
  }

  get(id: number): Integration {
    return this.view(this.row(id))
  }

  row(id: number): IntegrationRow {
    const row = this.integrations.get(id)
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `There is no integration ${id}. 'marquee integrations ls' lists them.`,
      )
    return row
  }

  async add(request: AddIntegrationRequest): Promise<Integration> {
    const now = this.now()
    const intervalMs = request.intervalMs ?? DEFAULT_INTERVAL_MS[request.kind]
    let id: number
    if (request.kind === 'spotify') {
      const settings: SpotifySettings = {
        clientId: request.clientId.trim(),
        redirectPort: request.redirectPort ?? null,
      }
      id = this.integrations.insert({
        kind: 'spotify',
        name: request.name?.trim() || 'Spotify',
        settings: JSON.stringify(settings),
        intervalMs,
        status: 'needs-auth',
        nextPollAt: null,
        now,
      })
    } else {
      const fields = request.mediaFields ?? []
      for (const field of fields) {
        const problem = mediaFieldProblem(field)
        if (problem) throw new AppError('INVALID_ARGUMENT', `Media field ${field.path}: ${problem}`)
      }
      const headers = request.headers ?? []
      const settings: FeedSettings = {
        url: request.url,
        mediaFields: fields,
        headers: headers.map((h) => ({
          name: h.name,
          value: h.secret ? null : h.value,
          secret: h.secret === true,
        })),
      }
      const secret = Object.fromEntries(
        headers.filter((h) => h.secret).map((h) => [h.name, h.value]),
      )
      const sealed = Object.keys(secret).length
        ? await this.secrets.seal(JSON.stringify({ headers: secret }))
        : null
      id = this.integrations.transaction(() => {
        const inserted = this.integrations.insert({
          kind: 'feed',
          name: request.name?.trim() || hostOf(request.url),
          settings: JSON.stringify(settings),
          intervalMs,
          status: 'connected',
          nextPollAt: now,
          now,
        })
        if (sealed) this.integrations.setCredentials(inserted, sealed, null)
        return inserted
      })
    }
    this.changed()
    this.onScheduleChange()
    return this.get(id)
  }

  update(request: UpdateIntegrationRequest): Integration {
    const row = this.row(request.id)
    const paused = request.paused ?? row.paused
    const waitsForAuth = row.status === 'needs-auth' || row.status === 'needs-reauth'
    // Resuming (or a new interval) polls soon; pausing unschedules.
    const nextPollAt = paused
      ? null
      : waitsForAuth
        ? null
        : row.paused || row.nextPollAt === null
          ? this.now()
          : Math.min(row.nextPollAt, this.now() + (request.intervalMs ?? row.intervalMs))
    this.integrations.update(
      row.id,
      {
        name: request.name?.trim() || row.name,
        settings: row.settings,
        intervalMs: request.intervalMs ?? row.intervalMs,
        paused,
        nextPollAt:
          row.rateLimitedUntil && nextPollAt !== null
            ? Math.max(nextPollAt, row.rateLimitedUntil)
            : nextPollAt,
      },
      this.now(),
    )
    this.changed()
    this.onScheduleChange()
    return this.get(row.id)
  }

  remove(id: number): { id: number } {
    this.row(id)
    this.integrations.remove(id)
    this.changed()
    return { id }
  }

  /** The stored credentials, decrypted; null when there are none. */
  async credentials(row: IntegrationRow): Promise<Credentials | null> {
    if (!row.credentials) return null
    return JSON.parse(await this.secrets.open(row.credentials)) as Credentials
  }

  seal(credentials: Credentials): Promise<Buffer> {
    return this.secrets.seal(JSON.stringify(credentials))
  }

  /** Which box keeps the sign-ins, and its warning (no keyring on Linux) for the user. */
  secretsInfo(): { secrets: SecretBox['kind']; warning: string | null } {
    return { secrets: this.secrets.kind, warning: this.secrets.warning }
  }

  /** Pushes the current list to every renderer (and the CLI waiting on a connection). */
  changed(): void {
    this.events.emit('integrations.changed', { integrations: this.list() })
  }

  private view(row: IntegrationRow): Integration {
    const snapshot = this.integrations.snapshot(row.id)
    const data = snapshot ? (JSON.parse(snapshot.data) as Record<string, unknown>) : null
    const image =
      row.kind === 'spotify' && data && data.album_art_url
        ? displayImage(
            (data.album_art as CachedImage | undefined) ?? {
              original_url: String(data.album_art_url),
            },
            'preview',
            (path) => this.files.exists(path),
          )
        : row.kind === 'spotify' && data
          ? { kind: 'placeholder' as const }
          : null
    const settings = JSON.parse(row.settings) as SpotifySettings | FeedSettings
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      status: row.paused ? 'paused' : row.status,
      paused: row.paused,
      intervalMs: row.intervalMs,
      settings,
      lastFetchAt: row.lastFetchAt,
      lastSuccessAt: row.lastSuccessAt,
      nextFetchAt: row.paused ? null : row.nextPollAt,
      staleSince: row.staleSince,
      error: row.lastError,
      tokenExpiresAt: row.tokenExpiresAt,
      rateLimitedUntil:
        row.rateLimitedUntil !== null && row.rateLimitedUntil > this.now()
          ? row.rateLimitedUntil
          : null,
      cacheBytes: this.integrations.cacheBytes(row.id),
      data,
      fetchedAt: snapshot?.fetchedAt ?? null,
      problems: snapshot ? (JSON.parse(snapshot.problems) as MediaFieldProblem[]) : [],
      image,
      pendingAuthUrl: this.pendingAuthUrl(row.id),
    }
  }
}

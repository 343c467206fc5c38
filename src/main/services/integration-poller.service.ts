import type { IntegrationKind, PollResult } from '../../shared/integrations'
import { AppError } from '../errors'
import { writeBack } from '../integrations/feed'
import type { FetchOutcome, Fetcher, MediaRequest } from '../integrations/fetcher'
import { cachedImage, type CachedImage } from '../integrations/media-rules'
import type { Segment } from '../integrations/json-path'
import { backoffMs } from '../integrations/schedule'
import type { Logger } from '../logger'
import type {
  IntegrationRow,
  IntegrationsRepository,
} from '../repositories/integrations.repository'
import type { IntegrationMediaService } from './integration-media.service'
import type { IntegrationsService } from './integrations.service'

/** Polls of different integrations run side by side, at most this many. */
const PARALLEL = 4
/** The media cache is tidied this often by the long-running faces (and once at start). */
const OPTIMIZE_EVERY_MS = 6 * 3_600_000
/**
 * A poll that failed in an unexpected way (its outcome could not be written: a full disk) is not
 * retried before this much later, so it cannot spin against the service.
 */
const COOLDOWN_MS = 60_000
/** setTimeout's limit; a poll further away is looked at again then. */
const MAX_TIMER_MS = 2_147_000_000

/**
 * Runs the polls: the schedule is the integrations table (`next_poll_at`), so it survives a
 * restart; one poll per integration at a time however often it is asked for; errors back off,
 * Retry-After is honoured to the second, and data that cannot be refreshed stays, marked stale.
 * New credentials from a fetch are saved in the same transaction as its data.
 */
export class IntegrationPollerService {
  private readonly inFlight = new Map<number, Promise<PollResult>>()
  /** Integrations whose last poll failed unexpectedly: not polled on schedule before then. */
  private readonly cooldown = new Map<number, number>()
  private timer: NodeJS.Timeout | undefined
  private optimizeTimer: NodeJS.Timeout | undefined
  private started = false
  private closing = false

  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly service: IntegrationsService,
    private readonly fetchers: Record<IntegrationKind, Fetcher>,
    private readonly media: IntegrationMediaService,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts polling on schedule (the app and serve; a CLI fetches only when told). */
  start(): void {
    this.started = true
    this.pump()
    const tidy = (): void =>
      void this.media
        .optimize({})
        .then((result) => {
          if (result.removed) this.logger.info(`integrations: cache tidied`, result)
        })
        .catch((error: unknown) =>
          this.logger.warn('integrations: tidying the cache failed', error),
        )
    tidy()
    this.optimizeTimer = setInterval(tidy, OPTIMIZE_EVERY_MS)
    this.optimizeTimer.unref()
  }

  /** Something was added, resumed or connected: look at the schedule again. */
  wake(): void {
    if (this.started) this.pump()
  }

  /** Fetches once now; joins a poll of the same integration that is already running. */
  poll(id: number): Promise<PollResult> {
    const running = this.inFlight.get(id)
    if (running) return running
    const row = this.service.row(id)
    const until = row.rateLimitedUntil
    if (until !== null && until > this.now())
      // Asking before Retry-After is over would only prolong the limit: say how long to wait.
      return Promise.resolve({
        id,
        status: 'rate-limited',
        data: this.service.get(id).data,
        retryAfterMs: until - this.now(),
      })
    const poll = this.run(row)
      .then(
        (result) => {
          this.cooldown.delete(id)
          return result
        },
        (error: unknown) => {
          this.cooldown.set(id, this.now() + COOLDOWN_MS)
          throw error
        },
      )
      .finally(() => {
        this.inFlight.delete(id)
        this.pump()
      })
    this.inFlight.set(id, poll)
    return poll
  }

  async close(): Promise<void> {
    this.closing = true
    clearTimeout(this.timer)
    clearInterval(this.optimizeTimer)
    await Promise.allSettled([...this.inFlight.values()])
  }

  private pump(): void {
    if (!this.started || this.closing) return
    clearTimeout(this.timer)
    const now = this.now()
    // The next time to look: the next scheduled poll, or the end of a cooldown.
    let wakeAt = this.integrations.earliestPollAfter(now) ?? Infinity
    for (const id of this.integrations.due(now)) {
      const cooled = this.cooldown.get(id)
      if (cooled !== undefined && cooled > now) {
        wakeAt = Math.min(wakeAt, cooled)
        continue
      }
      // Due ones not started now (all slots busy, or running) come up when a poll finishes.
      if (this.inFlight.size >= PARALLEL || this.inFlight.has(id)) continue
      this.poll(id).catch((error: unknown) =>
        this.logger.error(`integrations: polling integration ${id} failed`, error),
      )
    }
    if (wakeAt === Infinity) return
    this.timer = setTimeout(() => this.pump(), Math.min(MAX_TIMER_MS, Math.max(0, wakeAt - now)))
  }

  private async run(row: IntegrationRow): Promise<PollResult> {
    let outcome: FetchOutcome
    try {
      const credentials = await this.service.credentials(row)
      outcome = await this.fetchers[row.kind].fetch(JSON.parse(row.settings), credentials, this.now)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      outcome = { kind: 'error', message: error.message }
    }
    // Removed while its fetch ran: nothing to write down.
    if (!this.integrations.get(row.id))
      return { id: row.id, status: 'needs-auth', data: null, retryAfterMs: null }
    const sealed = outcome.credentials ? await this.service.seal(outcome.credentials) : undefined
    const expiresAt = outcome.credentials?.expiresAt
    const tokenExpiresAt = typeof expiresAt === 'number' ? expiresAt : undefined
    const now = this.now()
    let retryAfterMs: number | null = null
    if (outcome.kind === 'ok') {
      const { data, problems, media } = await this.withMedia(outcome.data, outcome.media)
      this.integrations.recordSuccess(row.id, {
        data: JSON.stringify(data),
        problems: JSON.stringify([...outcome.problems, ...problems]),
        media,
        credentials: sealed,
        tokenExpiresAt,
        nextPollAt: this.now() + row.intervalMs,
        now: this.now(),
      })
    } else if (outcome.kind === 'rate-limited') {
      retryAfterMs = outcome.retryAfterMs ?? backoffMs(row.failures + 1, row.intervalMs)
      this.integrations.recordFailure(row.id, {
        status: 'rate-limited',
        error: outcome.message,
        failures: row.failures,
        nextPollAt: now + retryAfterMs,
        rateLimitedUntil: now + retryAfterMs,
        credentials: sealed,
        tokenExpiresAt,
        now,
      })
    } else {
      const failures = row.failures + 1
      const waitsForUser = outcome.kind === 'needs-auth' || outcome.kind === 'needs-reauth'
      this.integrations.recordFailure(row.id, {
        status: outcome.kind,
        error: outcome.message,
        failures,
        nextPollAt: waitsForUser ? null : now + backoffMs(failures, row.intervalMs),
        rateLimitedUntil: null,
        credentials: sealed,
        tokenExpiresAt,
        now,
      })
      if (!waitsForUser)
        this.logger.info(
          `integrations: ${row.kind} ${row.id} failed (${failures} in a row): ${outcome.message}`,
        )
    }
    this.service.changed()
    const view = this.service.get(row.id)
    return { id: row.id, status: view.status, data: view.data, retryAfterMs }
  }

  /** Caches every media URL of the data and writes `{original_url, files}` back into it. */
  private async withMedia(
    data: Record<string, unknown>,
    requests: MediaRequest[],
  ): Promise<{
    data: Record<string, unknown>
    problems: Array<{ path: string; problem: string }>
    media: string[]
  }> {
    const images: Array<{ output: Segment[]; source: string; image: CachedImage }> = []
    const problems: Array<{ path: string; problem: string }> = []
    const media: string[] = []
    for (const request of requests) {
      const cached = await this.media.cache(request.url)
      if ('problem' in cached) {
        problems.push({ path: request.source, problem: cached.problem })
        images.push({
          output: request.output,
          source: request.source,
          image: cachedImage(request.url, null),
        })
      } else {
        media.push(cached.sha256)
        images.push({
          output: request.output,
          source: request.source,
          image: cachedImage(request.url, cached.dir, request.variants),
        })
      }
    }
    problems.push(...writeBack(data, images))
    return { data, problems, media }
  }
}

import type { CacheOptimizeResult, CacheValidateResult } from '../../shared/integrations'
import type { Http } from '../integrations/fetcher'
import { hostOf, NetworkError } from '../integrations/fetcher'
import {
  mediaDir,
  planRetention,
  sniffImage,
  VARIANT_SPECS,
  type CacheLimits,
} from '../integrations/media-rules'
import type { Logger } from '../logger'
import type { IntegrationFilesRepository } from '../repositories/integration-files.repository'
import type {
  IntegrationMediaRepository,
  MediaRow,
} from '../repositories/integration-media.repository'
import type { RandomRepository } from '../repositories/secrets.repository'

export type CacheOutcome = { sha256: string; dir: string } | { problem: string }

/** A cache folder the index does not know is left alone this long (it may be arriving). */
const ORPHAN_GRACE_MS = 10 * 60_000
/** At most this many URLs are checked by one validate, this many at a time. */
const VALIDATE_LIMIT = 200
const VALIDATE_PARALLEL = 4
const VALIDATE_TIMEOUT_MS = 5_000

/**
 * The integration media cache: download (size, time, magic bytes), dedupe by content, make the
 * WebP variants, remember which content each URL served (asking again with ETag/Last-Modified),
 * retention from last use, and checks of the remote URLs.
 */
export class IntegrationMediaService {
  /** One download per URL at a time, however many integrations ask for it. */
  private readonly inFlight = new Map<string, Promise<CacheOutcome>>()

  constructor(
    private readonly media: IntegrationMediaRepository,
    private readonly files: IntegrationFilesRepository,
    private readonly http: Http,
    private readonly random: RandomRepository,
    private readonly limits: CacheLimits,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached copy of what `url` serves now, downloading and converting it when needed. */
  cache(url: string): Promise<CacheOutcome> {
    let running = this.inFlight.get(url)
    if (!running) {
      running = this.fetchInto(url).finally(() => this.inFlight.delete(url))
      this.inFlight.set(url, running)
    }
    return running
  }

  private async fetchInto(url: string): Promise<CacheOutcome> {
    const now = this.now()
    const known = this.media.url(url)
    const row = known ? this.media.bySha(known.sha256) : undefined
    const usable = row && this.files.exists(row.dir) ? row : undefined
    if (usable && known && now - known.checkedAt < this.limits.revalidateMs)
      return this.used(usable)
    const headers: Record<string, string> = { Accept: 'image/*' }
    if (usable && known?.etag) headers['If-None-Match'] = known.etag
    if (usable && known?.lastModified) headers['If-Modified-Since'] = known.lastModified
    let response
    try {
      response = await this.http.request({
        method: 'GET',
        url,
        headers,
        timeoutMs: this.limits.timeoutMs,
        maxBytes: this.limits.maxBytes,
      })
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      // The copy we have is better than nothing while the server is away.
      return usable ? this.used(usable) : { problem: error.message }
    }
    if (response.status === 304 && usable) {
      this.media.checked(url, now)
      return this.used(usable)
    }
    if (response.status !== 200)
      return usable
        ? this.used(usable)
        : { problem: `${hostOf(url)} answered ${response.status} for the image` }
    const kind = sniffImage(response.body)
    if ('refused' in kind) return { problem: `not cached: ${kind.refused}` }
    const sha256 = this.random.sha256(response.body)
    const link = {
      url,
      sha256,
      etag: response.headers.etag ?? null,
      lastModified: response.headers['last-modified'] ?? null,
      checkedAt: now,
    }
    const same = this.media.bySha(sha256)
    if (same && this.files.exists(same.dir)) {
      // Known content behind a new (or changed) URL: no new files, one more source.
      this.media.link(link)
      await this.describe(same)
      return this.used(same)
    }
    if (same) this.media.remove(same.sha256)
    const dir = mediaDir(sha256, now)
    try {
      const written = await this.files.write(
        response.body,
        dir,
        VARIANT_SPECS,
        this.limits.maxPixels,
        {
          sha256,
          mime: kind.mime,
          bytes: response.body.length,
          sourceUrls: [url],
          createdAt: now,
          lastUsedAt: now,
        },
      )
      this.media.insert(
        {
          sha256,
          dir,
          mime: kind.mime,
          bytes: response.body.length,
          storedBytes: written.storedBytes,
          width: written.width,
          height: written.height,
          variants: written.variants,
          createdAt: now,
          lastUsedAt: now,
        },
        link,
      )
      return { sha256, dir }
    } catch (error) {
      this.logger.warn(`integrations: the image from ${hostOf(url)} could not be cached`, error)
      return { problem: `not cached: ${error instanceof Error ? error.message : String(error)}` }
    }
  }

  private used(row: MediaRow): CacheOutcome {
    this.media.touch(row.sha256, this.now())
    return { sha256: row.sha256, dir: row.dir }
  }

  /** metadata.json follows the index when a source URL is added (and at optimize). */
  private async describe(row: MediaRow): Promise<void> {
    const current = this.media.bySha(row.sha256) ?? row
    await this.files
      .writeMetadata(current.dir, {
        sha256: current.sha256,
        mime: current.mime,
        bytes: current.bytes,
        width: current.width,
        height: current.height,
        sourceUrls: this.media.urlsOf(current.sha256),
        createdAt: current.createdAt,
        lastUsedAt: current.lastUsedAt,
        variants: current.variants,
      })
      .catch((error: unknown) => this.logger.warn(`integrations: metadata of ${row.sha256}`, error))
  }

  /**
   * Removes expired unreferenced items, corrupt ones, and folders the index does not know
   * (orphans); with `dryRun`, only counts them.
   */
  async optimize(options: { maxAgeDays?: number; dryRun?: boolean }): Promise<CacheOptimizeResult> {
    const dryRun = options.dryRun === true
    const maxAgeMs =
      options.maxAgeDays !== undefined ? options.maxAgeDays * 86_400_000 : this.limits.maxAgeMs
    const now = this.now()
    const rows = this.media.all()
    const items = []
    for (const row of rows)
      items.push({
        ...row,
        intact: this.files.exists(row.dir) && (await this.files.intact(row.variants)),
      })
    const plan = planRetention(items, now, maxAgeMs)
    const knownDirs = new Set(rows.map((row) => row.dir))
    const orphans: string[] = []
    for (const dir of await this.files.listItems()) {
      if (knownDirs.has(dir) || this.media.bySha(dir.split('/').pop()!)?.dir === dir) continue
      // A folder being put in place now is written before its row: not an orphan yet.
      const changedAt = await this.files.changedAt(dir)
      if (changedAt !== null && now - changedAt < ORPHAN_GRACE_MS) continue
      orphans.push(dir)
    }
    let removed = 0
    let freedBytes = 0
    for (const item of plan.remove) {
      const row = rows.find((r) => r.sha256 === item.sha256)!
      if (dryRun) {
        removed++
        freedBytes += await this.files.sizeOf(row.dir)
        continue
      }
      // Used again since the plan was made (a poll just now): it stays.
      if (item.reason === 'expired' && !this.media.removeIfUnused(row.sha256, now - maxAgeMs))
        continue
      if (item.reason === 'corrupt') this.media.remove(row.sha256)
      freedBytes += await this.files.remove(row.dir)
      removed++
    }
    for (const dir of orphans) {
      freedBytes += dryRun ? await this.files.sizeOf(dir) : await this.files.remove(dir)
      removed++
    }
    if (!dryRun) {
      await this.files.removeEmptyDays()
      for (const sha256 of plan.keep) {
        const row = rows.find((r) => r.sha256 === sha256)
        if (row) await this.describe(row)
      }
    }
    return { removed, kept: plan.keep.length, freedBytes, dryRun }
  }

  /** How many items the cache holds and their bytes on disk. */
  totals(): { cacheItems: number; cacheBytes: number } {
    const rows = this.media.all()
    return {
      cacheItems: rows.length,
      cacheBytes: rows.reduce((sum, row) => sum + row.storedBytes, 0),
    }
  }

  /** HEAD on the most recently used URLs, a few at a time, each with a short time limit. */
  async validate(): Promise<CacheValidateResult> {
    const urls = this.media.urls(VALIDATE_LIMIT)
    const failed: CacheValidateResult['failed'] = []
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < urls.length) {
        const url = urls[next++]!
        try {
          const response = await this.http.request({
            method: 'HEAD',
            url,
            timeoutMs: VALIDATE_TIMEOUT_MS,
            maxBytes: 0,
          })
          if (response.status >= 400)
            failed.push({ url, status: response.status, error: `answered ${response.status}` })
        } catch (error) {
          if (!(error instanceof NetworkError)) throw error
          failed.push({ url, status: null, error: error.message })
        }
      }
    }
    await Promise.all(Array.from({ length: VALIDATE_PARALLEL }, worker))
    return { checked: urls.length, ok: urls.length - failed.length, failed }
  }
}

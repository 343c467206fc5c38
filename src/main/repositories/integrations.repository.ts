import { transaction } from '../db/transaction'
import type { IntegrationKind, IntegrationStatus } from '../../shared/integrations'
import type { Db } from '../db/connection'

export interface IntegrationRow {
  id: number
  kind: IntegrationKind
  name: string
  settings: string
  credentials: Buffer | null
  intervalMs: number
  paused: boolean
  status: IntegrationStatus
  lastError: string | null
  failures: number
  lastFetchAt: number | null
  lastSuccessAt: number | null
  staleSince: number | null
  nextPollAt: number | null
  rateLimitedUntil: number | null
  tokenExpiresAt: number | null
  createdAt: number
  updatedAt: number
}

export interface SnapshotRow {
  data: string
  problems: string
  fetchedAt: number
}

type RawRow = Omit<IntegrationRow, 'paused'> & { paused: number }

const COLUMNS = `id, kind, name, settings, credentials, interval_ms AS intervalMs, paused, status,
  last_error AS lastError, failures, last_fetch_at AS lastFetchAt,
  last_success_at AS lastSuccessAt, stale_since AS staleSince, next_poll_at AS nextPollAt,
  rate_limited_until AS rateLimitedUntil, token_expires_at AS tokenExpiresAt,
  created_at AS createdAt, updated_at AS updatedAt`

/** What a fetch that worked writes, in one transaction. */
export interface SuccessWrite {
  data: string
  problems: string
  /** Media the data uses now (its references replace the previous ones). */
  media: string[]
  /** New (rotated or refreshed) credentials, encrypted; undefined keeps the stored ones. */
  credentials?: Buffer
  tokenExpiresAt?: number | null
  nextPollAt: number
  now: number
}

/** What a fetch that failed writes: the data stays, marked stale from now on. */
export interface FailureWrite {
  status: IntegrationStatus
  error: string
  failures: number
  nextPollAt: number | null
  rateLimitedUntil: number | null
  credentials?: Buffer
  tokenExpiresAt?: number | null
  now: number
}

/** Integrations, their latest data, and which cached media that data uses. */
export class IntegrationsRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      list: db.prepare<[], RawRow>(`SELECT ${COLUMNS} FROM integrations ORDER BY id`),
      get: db.prepare<[number], RawRow>(`SELECT ${COLUMNS} FROM integrations WHERE id = ?`),
      insert: db.prepare<[string, string, string, number, string, number | null, number, number]>(
        `INSERT INTO integrations (kind, name, settings, interval_ms, status, next_poll_at,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare<[string, string, number, number, number | null, number, number]>(
        `UPDATE integrations SET name = ?, settings = ?, interval_ms = ?, paused = ?,
           next_poll_at = ?, updated_at = ? WHERE id = ?`,
      ),
      remove: db.prepare<[number]>('DELETE FROM integrations WHERE id = ?'),
      connected: db.prepare<[Buffer, number | null, number, number, number]>(
        `UPDATE integrations SET credentials = ?, token_expires_at = ?, status = 'connected',
           last_error = NULL, failures = 0, rate_limited_until = NULL, next_poll_at = ?,
           updated_at = ? WHERE id = ?`,
      ),
      authFailed: db.prepare<[string, number, number]>(
        'UPDATE integrations SET last_error = ?, updated_at = ? WHERE id = ?',
      ),
      success: db.prepare<[number | null, number, number, number, number, number]>(
        `UPDATE integrations SET status = 'connected', last_error = NULL, failures = 0,
           stale_since = NULL, rate_limited_until = NULL,
           token_expires_at = coalesce(?, token_expires_at),
           last_fetch_at = ?, last_success_at = ?, next_poll_at = ?, updated_at = ? WHERE id = ?`,
      ),
      failure: db.prepare<
        [string, string, number, number, number | null, number | null, number, number, number]
      >(
        `UPDATE integrations SET status = ?, last_error = ?, failures = ?, last_fetch_at = ?,
           next_poll_at = ?, rate_limited_until = ?,
           stale_since = CASE WHEN stale_since IS NULL AND EXISTS
             (SELECT 1 FROM integration_snapshots s WHERE s.integration_id = integrations.id) THEN ? ELSE stale_since END,
           updated_at = ? WHERE id = ?`,
      ),
      credentials: db.prepare<[Buffer, number | null, number]>(
        'UPDATE integrations SET credentials = ?, token_expires_at = ? WHERE id = ?',
      ),
      snapshot: db.prepare<[number], SnapshotRow>(
        `SELECT data, problems, fetched_at AS fetchedAt FROM integration_snapshots
         WHERE integration_id = ?`,
      ),
      putSnapshot: db.prepare<[number, string, string, number]>(
        `INSERT INTO integration_snapshots (integration_id, data, problems, fetched_at)
         VALUES (?, ?, ?, ?) ON CONFLICT (integration_id) DO UPDATE SET data = excluded.data,
           problems = excluded.problems, fetched_at = excluded.fetched_at`,
      ),
      dropRefs: db.prepare<[string]>(
        "DELETE FROM integration_media_refs WHERE owner_kind = 'integration' AND owner_id = ?",
      ),
      addRef: db.prepare<[string, string]>(
        `INSERT OR IGNORE INTO integration_media_refs (sha256, owner_kind, owner_id)
         SELECT sha256, 'integration', ? FROM integration_media WHERE sha256 = ?`,
      ),
      cacheBytes: db.prepare<[string], { n: number | null }>(
        `SELECT sum(m.stored_bytes) AS n FROM integration_media_refs r
         JOIN integration_media m ON m.sha256 = r.sha256
         WHERE r.owner_kind = 'integration' AND r.owner_id = ?`,
      ),
      due: db.prepare<[number], { id: number }>(
        `SELECT id FROM integrations WHERE next_poll_at IS NOT NULL AND next_poll_at <= ?
           AND paused = 0 ORDER BY next_poll_at`,
      ),
      earliestAfter: db.prepare<[number], { at: number | null }>(
        'SELECT min(next_poll_at) AS at FROM integrations WHERE paused = 0 AND next_poll_at > ?',
      ),
    }
  }

  transaction<T>(work: () => T): T {
    return transaction(this.db, work)
  }

  list(): IntegrationRow[] {
    return this.s.list.all().map(fromRaw)
  }

  get(id: number): IntegrationRow | undefined {
    const row = this.s.get.get(id)
    return row && fromRaw(row)
  }

  insert(row: {
    kind: IntegrationKind
    name: string
    settings: string
    intervalMs: number
    status: IntegrationStatus
    nextPollAt: number | null
    now: number
  }): number {
    const { kind, name, settings, intervalMs, status, nextPollAt, now } = row
    const info = this.s.insert.run(kind, name, settings, intervalMs, status, nextPollAt, now, now)
    return Number(info.lastInsertRowid)
  }

  update(
    id: number,
    fields: Pick<IntegrationRow, 'name' | 'settings' | 'intervalMs' | 'paused' | 'nextPollAt'>,
    now: number,
  ): void {
    const { name, settings, intervalMs, paused, nextPollAt } = fields
    this.s.update.run(name, settings, intervalMs, paused ? 1 : 0, nextPollAt, now, id)
  }

  remove(id: number): boolean {
    return this.s.remove.run(id).changes > 0
  }

  /** Tokens from a finished authorization: connected, first poll at `nextPollAt`. */
  connected(
    id: number,
    credentials: Buffer,
    tokenExpiresAt: number | null,
    nextPollAt: number,
    now: number,
  ): void {
    this.s.connected.run(credentials, tokenExpiresAt, nextPollAt, now, id)
  }

  /** An authorization that did not finish: said, the status left as it was. */
  authFailed(id: number, error: string, now: number): void {
    this.s.authFailed.run(error, now, id)
  }

  setCredentials(id: number, credentials: Buffer, tokenExpiresAt: number | null): void {
    this.s.credentials.run(credentials, tokenExpiresAt, id)
  }

  /** Data, its media references and any new credentials: all or nothing. */
  recordSuccess(id: number, write: SuccessWrite): void {
    this.transaction(() => {
      this.s.putSnapshot.run(id, write.data, write.problems, write.now)
      this.s.dropRefs.run(String(id))
      for (const sha256 of new Set(write.media)) this.s.addRef.run(String(id), sha256)
      if (write.credentials)
        this.s.credentials.run(write.credentials, write.tokenExpiresAt ?? null, id)
      this.s.success.run(
        write.tokenExpiresAt ?? null,
        write.now,
        write.now,
        write.nextPollAt,
        write.now,
        id,
      )
    })
  }

  /** The data stays; new credentials (a refresh that worked before the fetch failed) are kept. */
  recordFailure(id: number, write: FailureWrite): void {
    this.transaction(() => {
      if (write.credentials)
        this.s.credentials.run(write.credentials, write.tokenExpiresAt ?? null, id)
      this.s.failure.run(
        write.status,
        write.error,
        write.failures,
        write.now,
        write.nextPollAt,
        write.rateLimitedUntil,
        write.now,
        write.now,
        id,
      )
    })
  }

  snapshot(id: number): SnapshotRow | undefined {
    return this.s.snapshot.get(id)
  }

  cacheBytes(id: number): number {
    return this.s.cacheBytes.get(String(id))?.n ?? 0
  }

  due(now: number): number[] {
    return this.s.due.all(now).map((row) => row.id)
  }

  /** The first poll scheduled after `now`, or null. */
  earliestPollAfter(now: number): number | null {
    return this.s.earliestAfter.get(now)?.at ?? null
  }
}

function fromRaw(row: RawRow): IntegrationRow {
  return { ...row, paused: row.paused === 1 }
}

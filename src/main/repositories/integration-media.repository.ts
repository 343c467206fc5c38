import { transaction } from '../db/transaction'
import type { MediaVariant } from '../../shared/integrations'
import type { Db } from '../db/connection'

export interface VariantFile {
  /** Relative to the cache directory, '/'-separated. */
  path: string
  width: number
  height: number
  bytes: number
}

export interface MediaRow {
  sha256: string
  dir: string
  mime: string
  bytes: number
  storedBytes: number
  width: number | null
  height: number | null
  variants: Record<MediaVariant, VariantFile>
  createdAt: number
  lastUsedAt: number
}

export interface UrlRow {
  url: string
  sha256: string
  etag: string | null
  lastModified: string | null
  checkedAt: number
}

export type RefOwner = 'integration' | 'playlist' | 'bundle'

type RawMedia = Omit<MediaRow, 'variants'> & { variants: string }

const MEDIA = `sha256, dir, mime, bytes, stored_bytes AS storedBytes, width, height, variants,
  created_at AS createdAt, last_used_at AS lastUsedAt`

/** The media cache's index: one row per content, the URLs that served it, and who uses it. */
export class IntegrationMediaRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      bySha: db.prepare<[string], RawMedia>(
        `SELECT ${MEDIA} FROM integration_media WHERE sha256 = ?`,
      ),
      all: db.prepare<[], RawMedia & { refs: number }>(
        `SELECT ${MEDIA}, (SELECT count(*) FROM integration_media_refs r
           WHERE r.sha256 = m.sha256) AS refs FROM integration_media m ORDER BY created_at`,
      ),
      insert: db.prepare<
        [
          string,
          string,
          string,
          number,
          number,
          number | null,
          number | null,
          string,
          number,
          number,
        ]
      >(
        `INSERT OR IGNORE INTO integration_media (sha256, dir, mime, bytes, stored_bytes, width,
           height, variants, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      remove: db.prepare<[string]>('DELETE FROM integration_media WHERE sha256 = ?'),
      removeIfUnused: db.prepare<[string, number]>(
        `DELETE FROM integration_media WHERE sha256 = ? AND last_used_at < ?
           AND NOT EXISTS (SELECT 1 FROM integration_media_refs r WHERE r.sha256 = integration_media.sha256)`,
      ),
      touch: db.prepare<[number, string]>(
        'UPDATE integration_media SET last_used_at = max(last_used_at, ?) WHERE sha256 = ?',
      ),
      url: db.prepare<[string], UrlRow>(
        `SELECT url, sha256, etag, last_modified AS lastModified, checked_at AS checkedAt
         FROM integration_media_urls WHERE url = ?`,
      ),
      urls: db.prepare<[number], { url: string }>(
        'SELECT url FROM integration_media_urls ORDER BY checked_at DESC LIMIT ?',
      ),
      urlsOf: db.prepare<[string], { url: string }>(
        'SELECT url FROM integration_media_urls WHERE sha256 = ? ORDER BY url',
      ),
      link: db.prepare<[string, string, string | null, string | null, number]>(
        `INSERT INTO integration_media_urls (url, sha256, etag, last_modified, checked_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET sha256 = excluded.sha256,
           etag = excluded.etag, last_modified = excluded.last_modified,
           checked_at = excluded.checked_at`,
      ),
      checked: db.prepare<[number, string]>(
        'UPDATE integration_media_urls SET checked_at = ? WHERE url = ?',
      ),
      addRef: db.prepare<[string, string, string]>(
        `INSERT OR IGNORE INTO integration_media_refs (sha256, owner_kind, owner_id)
         VALUES (?, ?, ?)`,
      ),
      dropRefs: db.prepare<[string, string]>(
        'DELETE FROM integration_media_refs WHERE owner_kind = ? AND owner_id = ?',
      ),
    }
  }

  bySha(sha256: string): MediaRow | undefined {
    const row = this.s.bySha.get(sha256)
    return row && fromRaw(row)
  }

  /** Every cached item and how many owners reference it (retention reads this). */
  all(): Array<MediaRow & { refs: number }> {
    return this.s.all.all().map((row) => ({ ...fromRaw(row), refs: row.refs }))
  }

  /** A new content with the URL that served it, in one transaction. */
  insert(media: MediaRow, url: Omit<UrlRow, 'sha256'>): void {
    transaction(this.db, () => {
      this.s.insert.run(
        media.sha256,
        media.dir,
        media.mime,
        media.bytes,
        media.storedBytes,
        media.width,
        media.height,
        JSON.stringify(media.variants),
        media.createdAt,
        media.lastUsedAt,
      )
      this.link({ ...url, sha256: media.sha256 })
    })
  }

  remove(sha256: string): void {
    this.s.remove.run(sha256)
  }

  /** Removes an item only if nothing references it and it was not used since `before`. */
  removeIfUnused(sha256: string, before: number): boolean {
    return this.s.removeIfUnused.run(sha256, before).changes > 0
  }

  touch(sha256: string, now: number): void {
    this.s.touch.run(now, sha256)
  }

  url(url: string): UrlRow | undefined {
    return this.s.url.get(url)
  }

  /** The most recently checked URLs, at most `limit`. */
  urls(limit: number): string[] {
    return this.s.urls.all(limit).map((row) => row.url)
  }

  urlsOf(sha256: string): string[] {
    return this.s.urlsOf.all(sha256).map((row) => row.url)
  }

  /** A URL now serves this content (first time, or it changed). */
  link(row: UrlRow): void {
    this.s.link.run(row.url, row.sha256, row.etag, row.lastModified, row.checkedAt)
  }

  /** The server said the URL still serves what we have (304, or within the revalidation time). */
  checked(url: string, now: number): void {
    this.s.checked.run(now, url)
  }

  addRef(sha256: string, owner: RefOwner, ownerId: string): void {
    this.s.addRef.run(sha256, owner, ownerId)
  }

  dropRefs(owner: RefOwner, ownerId: string): void {
    this.s.dropRefs.run(owner, ownerId)
  }
}

function fromRaw(row: RawMedia): MediaRow {
  return { ...row, variants: JSON.parse(row.variants) as MediaRow['variants'] }
}

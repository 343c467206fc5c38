import type { Derivative } from '../../shared/domain'
import type { Db } from '../db/connection'

export interface DerivativeRow {
  sha256: string
  variant: string
  path: string
  /** For export renditions: the hash of the rendition itself (its name in a bundle). */
  contentSha256?: string | null
  width: number | null
  height: number | null
  bytes: number
  mime: string
}

/** Cached variants, keyed by content hash. */
export class DerivativesRepository {
  private readonly s

  constructor(db: Db) {
    this.s = {
      upsert: db.prepare(
        `INSERT INTO derivatives (sha256, variant, path, width, height, bytes, mime, content_sha256, created_at)
         VALUES (@sha256, @variant, @path, @width, @height, @bytes, @mime, @contentSha256, @now)
         ON CONFLICT (sha256, variant) DO UPDATE SET path = excluded.path, width = excluded.width,
           height = excluded.height, bytes = excluded.bytes, mime = excluded.mime,
           content_sha256 = excluded.content_sha256`,
      ),
      forHash: db.prepare<[string], DerivativeRow>(
        `SELECT sha256, variant, path, width, height, bytes, mime, content_sha256 AS contentSha256
         FROM derivatives WHERE sha256 = ? AND variant NOT LIKE 'export:%' ORDER BY variant`,
      ),
      one: db.prepare<[string, string], DerivativeRow>(
        `SELECT sha256, variant, path, width, height, bytes, mime, content_sha256 AS contentSha256
         FROM derivatives WHERE sha256 = ? AND variant = ?`,
      ),
    }
  }

  save(row: DerivativeRow, now: number): void {
    this.s.upsert.run({ contentSha256: null, ...row, now })
  }

  one(sha256: string, variant: string): DerivativeRow | undefined {
    return this.s.one.get(sha256, variant)
  }

  forHash(sha256: string): DerivativeRow[] {
    return this.s.forHash.all(sha256)
  }

  /** As the contract shows them: the path is the cache-relative one the media route serves. */
  listed(sha256: string | null): Derivative[] {
    if (!sha256) return []
    return this.forHash(sha256).map(({ variant, path, width, height, bytes, mime }) => ({
      variant,
      path,
      width,
      height,
      bytes,
      mime,
    }))
  }
}

import type { Derivative } from '../../shared/domain'
import type { Db } from '../db/connection'

export interface DerivativeRow {
  sha256: string
  variant: string
  path: string
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
        `INSERT INTO derivatives (sha256, variant, path, width, height, bytes, mime, created_at)
         VALUES (@sha256, @variant, @path, @width, @height, @bytes, @mime, @now)
         ON CONFLICT (sha256, variant) DO UPDATE SET path = excluded.path, width = excluded.width,
           height = excluded.height, bytes = excluded.bytes, mime = excluded.mime`,
      ),
      forHash: db.prepare<[string], DerivativeRow>(
        'SELECT sha256, variant, path, width, height, bytes, mime FROM derivatives WHERE sha256 = ? ORDER BY variant',
      ),
    }
  }

  save(row: DerivativeRow, now: number): void {
    this.s.upsert.run({ ...row, now })
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

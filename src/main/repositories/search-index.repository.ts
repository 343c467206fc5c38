import { transaction } from '../db/transaction'
import type { Db } from '../db/connection'

/** The searchable text of an asset: camera, lens, keywords and author from its metadata. */
const META_TEXT = `concat_ws(' ',
  json_extract(a.metadata, '$.exif.Make'), json_extract(a.metadata, '$.exif.Model'),
  json_extract(a.metadata, '$.exif.LensModel'), json_extract(a.metadata, '$.exif.Lens'),
  json_extract(a.metadata, '$.exif.Keywords'), json_extract(a.metadata, '$.exif.Subject'),
  json_extract(a.metadata, '$.exif.Artist'), json_extract(a.metadata, '$.pdf.author'))`

/** The full-text index of the library (FTS5) and the assets it has not caught up with yet. */
export class SearchIndexRepository {
  private readonly s

  constructor(private readonly db: Db) {
    const columns = `a.id, a.name, a.dir, a.title, a.description, ${META_TEXT}`
    const into = 'INSERT OR REPLACE INTO assets_fts (rowid, name, folder, title, description, meta)'
    this.s = {
      upto: db.prepare<[], { upto: number }>(
        'SELECT indexed_upto AS upto FROM search_state WHERE id = 1',
      ),
      newCount: db.prepare<[number], { n: number }>(
        'SELECT count(*) AS n FROM assets WHERE id > ?',
      ),
      changedCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM search_pending'),
      nextNew: db.prepare<[number, number], { last: number | null; n: number }>(
        `SELECT max(id) AS last, count(*) AS n
         FROM (SELECT id FROM assets WHERE id > ? ORDER BY id LIMIT ?)`,
      ),
      indexNew: db.prepare<[number, number]>(
        `${into} SELECT ${columns} FROM assets a WHERE a.id > ? AND a.id <= ?`,
      ),
      setUpto: db.prepare<[number]>('UPDATE search_state SET indexed_upto = ? WHERE id = 1'),
      indexChanged: db.prepare<[number]>(
        `${into} SELECT ${columns} FROM assets a
         WHERE a.id IN (SELECT asset_id FROM search_pending ORDER BY asset_id LIMIT ?)`,
      ),
      doneChanged: db.prepare<[number]>(
        `DELETE FROM search_pending
         WHERE asset_id IN (SELECT asset_id FROM search_pending ORDER BY asset_id LIMIT ?)`,
      ),
    }
  }

  /** Assets new or changed since they were last indexed. */
  pending(): number {
    return this.s.newCount.get(this.s.upto.get()!.upto)!.n + this.s.changedCount.get()!.n
  }

  /** Indexes up to `limit` pending assets in one transaction; answers how many it took. */
  indexSome(limit: number): number {
    return transaction(this.db, () => {
      this.s.indexChanged.run(limit)
      const changed = this.s.doneChanged.run(limit).changes
      const room = limit - changed
      if (room <= 0) return changed
      const upto = this.s.upto.get()!.upto
      const { last, n } = this.s.nextNew.get(upto, room)!
      if (last === null) return changed
      this.s.indexNew.run(upto, last)
      this.s.setUpto.run(last)
      return changed + n
    })
  }
}

import { transaction } from '../db/transaction'
import type { Tag } from '../../shared/domain'
import type { Db } from '../db/connection'
import type { Built } from './gallery-sql'

/** Tags and which assets carry them. Originals are never written: tags live only here. */
export class TagsRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      list: db.prepare<[], Tag>(
        `SELECT g.id, g.name, (SELECT count(*) FROM asset_tags t WHERE t.tag_id = g.id) AS count
         FROM tags g ORDER BY g.name`,
      ),
      byName: db.prepare<[string], { id: number }>('SELECT id FROM tags WHERE name = ?'),
      create: db.prepare<[string, number]>('INSERT INTO tags (name, created_at) VALUES (?, ?)'),
      ofAsset: db.prepare<[number], { id: number; name: string }>(
        `SELECT g.id, g.name FROM asset_tags t JOIN tags g ON g.id = t.tag_id
         WHERE t.asset_id = ? ORDER BY g.name`,
      ),
    }
  }

  list(): Tag[] {
    return this.s.list.all()
  }

  ofAsset(assetId: number): Array<{ id: number; name: string }> {
    return this.s.ofAsset.all(assetId)
  }

  /** The tag's id, created when no tag has that name (names compare without case). */
  ensure(name: string, now: number): number {
    const found = this.s.byName.get(name)
    if (found) return found.id
    return Number(this.s.create.run(name, now).lastInsertRowid)
  }

  idOf(name: string): number | undefined {
    return this.s.byName.get(name)?.id
  }

  /**
   * Adds a tag to every asset of a selection; answers how many did not carry it yet (or carried
   * it only from a folder).
   */
  add(tagId: number, selection: Built): number {
    return this.db
      .prepare(
        // A tag set by hand stays when the folder that also handed it down is untagged.
        `INSERT INTO asset_tags (asset_id, tag_id)
         SELECT a.id, @tagId FROM assets a WHERE ${selection.where} AND true
         ON CONFLICT (asset_id, tag_id) DO UPDATE SET via_folder = 0 WHERE via_folder = 1`,
      )
      .run({ ...selection.params, tagId }).changes
  }

  /**
   * Removes a tag set by hand. One a tagged folder hands down stays while the folder carries it
   * (untag the folder instead): the folder's rule, not the row, is the truth a rebuild restores.
   */
  remove(tagId: number, selection: Built): number {
    const params = { ...selection.params, tagId }
    this.db
      .prepare(
        `UPDATE asset_tags SET via_folder = 1 WHERE tag_id = @tagId AND via_folder = 0
         AND asset_id IN (SELECT a.id FROM assets a WHERE ${selection.where}
           AND EXISTS (SELECT 1 FROM folder_tags f WHERE f.tag_id = @tagId
             AND f.root_id = a.root_id AND (f.dir = '' OR a.dir = f.dir
               OR substr(a.dir, 1, length(f.dir) + 1) = f.dir || '/')))`,
      )
      .run(params)
    return this.db
      .prepare(
        `DELETE FROM asset_tags WHERE tag_id = @tagId AND via_folder = 0
         AND asset_id IN (SELECT a.id FROM assets a WHERE ${selection.where})`,
      )
      .run(params).changes
  }

  transaction<T>(fn: () => T): T {
    return transaction(this.db, fn)
  }
}

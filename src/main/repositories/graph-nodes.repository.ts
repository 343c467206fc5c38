import type Database from 'better-sqlite3'
import type { Db } from '../db/connection'

export interface AssetNodeRow {
  id: number
  name: string
  type: string
  sha256: string | null
  /** Comma-separated cached variants (small, medium…), null when none exist yet. */
  variants: string | null
}

/**
 * What the explorer shows for nodes, read in one statement per kind for a whole batch
 * (ids passed as a JSON array, so one prepared statement serves any batch size).
 */
export class GraphNodesRepository {
  private readonly s: Record<
    'assets' | 'collections' | 'bundles' | 'roots' | 'integrations' | 'media' | 'renditions',
    Database.Statement
  >

  constructor(db: Db) {
    this.s = {
      assets: db.prepare(
        `SELECT a.id, a.name, a.type, a.sha256,
           (SELECT group_concat(d.variant) FROM derivatives d WHERE d.sha256 = a.sha256) AS variants
         FROM assets a WHERE a.id IN (SELECT value FROM json_each(?))`,
      ),
      collections: db.prepare(
        'SELECT id, name, kind FROM collections WHERE id IN (SELECT value FROM json_each(?))',
      ),
      bundles: db.prepare(
        'SELECT id, name, dir FROM bundles WHERE id IN (SELECT value FROM json_each(?))',
      ),
      roots: db.prepare('SELECT id, label FROM roots WHERE id IN (SELECT value FROM json_each(?))'),
      integrations: db.prepare(
        'SELECT id, name, kind FROM integrations WHERE id IN (SELECT value FROM json_each(?))',
      ),
      // The URL that served the content last (one of them when several served the same bytes).
      media: db.prepare(
        `SELECT m.sha256, m.mime, (SELECT min(u.url) FROM integration_media_urls u
           WHERE u.sha256 = m.sha256) AS url
         FROM integration_media m WHERE m.sha256 IN (SELECT value FROM json_each(?))`,
      ),
      renditions: db.prepare(
        `SELECT d.sha256 || ':' || d.variant AS key, d.variant, d.width, d.height, d.mime
         FROM json_each(?) j JOIN derivatives d
           ON d.sha256 = substr(j.value, 1, 64) AND d.variant = substr(j.value, 66)`,
      ),
    }
  }

  assets(ids: number[]): AssetNodeRow[] {
    return ids.length ? (this.s.assets.all(JSON.stringify(ids)) as AssetNodeRow[]) : []
  }

  collections(ids: number[]): Array<{ id: number; name: string; kind: string }> {
    return ids.length ? (this.s.collections.all(JSON.stringify(ids)) as never) : []
  }

  bundles(ids: string[]): Array<{ id: string; name: string; dir: string }> {
    return ids.length ? (this.s.bundles.all(JSON.stringify(ids)) as never) : []
  }

  roots(ids: number[]): Array<{ id: number; label: string }> {
    return ids.length ? (this.s.roots.all(JSON.stringify(ids)) as never) : []
  }

  integrations(ids: number[]): Array<{ id: number; name: string; kind: string }> {
    return ids.length ? (this.s.integrations.all(JSON.stringify(ids)) as never) : []
  }

  media(hashes: string[]): Array<{ sha256: string; mime: string; url: string | null }> {
    return hashes.length ? (this.s.media.all(JSON.stringify(hashes)) as never) : []
  }

  /** Keys are `<sha256>:<variant>`, as in a rendition node. */
  renditions(keys: string[]): Array<{
    key: string
    variant: string
    width: number | null
    height: number | null
    mime: string
  }> {
    return keys.length ? (this.s.renditions.all(JSON.stringify(keys)) as never) : []
  }
}

import { transaction } from '../db/transaction'
import { join } from 'node:path'
import type { AssetQuery } from '../../shared/contract'
import type { Asset, AssetStatus, AssetType } from '../../shared/domain'
import type { Statement } from 'better-sqlite3'
import type { Db } from '../db/connection'

interface AssetRow {
  id: number
  root_id: number
  root_path: string
  dir: string
  name: string
  size: number
  mtime_ms: number
  inode: string | null
  status: AssetStatus
  type: AssetType
  mime: string | null
  sha256: string | null
  phash: string | null
  width: number | null
  height: number | null
  duration_ms: number | null
  orientation: Asset['orientation']
  error: string | null
  metadata: string
  title: string | null
  description: string | null
  rating: number | null
  date_ms: number
  tags: string
  palette: string
  integrity: Asset['integrity']
  verified_at: number | null
}

const SELECT = `SELECT a.id, a.root_id, r.path AS root_path, a.dir, a.name, a.size, a.mtime_ms, a.inode,
  a.status, a.type, a.mime, a.sha256, a.phash, a.width, a.height, a.duration_ms, a.orientation,
  a.error, a.metadata, a.title, a.description, a.rating,
  coalesce(a.taken_ms, a.mtime_ms) AS date_ms,
  (SELECT json_group_array(CASE t.via_folder WHEN 0 THEN json_object('id', g.id, 'name', g.name)
      ELSE json_object('id', g.id, 'name', g.name, 'folder', (SELECT f.dir FROM folder_tags f
        WHERE f.root_id = a.root_id AND f.tag_id = t.tag_id AND (f.dir = '' OR a.dir = f.dir
          OR substr(a.dir, 1, length(f.dir) + 1) = f.dir || '/')
        ORDER BY length(f.dir) DESC LIMIT 1)) END)
    FROM asset_tags t JOIN tags g ON g.id = t.tag_id WHERE t.asset_id = a.id) AS tags,
  (SELECT json_group_array(json_object('hex', printf('#%06x', c.rgb), 'share', c.share))
    FROM (SELECT rgb, share FROM asset_colors WHERE asset_id = a.id ORDER BY rank) c) AS palette,
  a.integrity, a.verified_at
  FROM assets a JOIN roots r ON r.id = a.root_id`

type Filter = Pick<AssetQuery, 'rootId' | 'status' | 'type' | 'query' | 'afterId'>

/** Read side of the assets table: what the UI and the CLI list and show. */
export class AssetsRepository {
  private readonly cache = new Map<string, { page: Statement; count: Statement }>()
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      get: db.prepare<[number], AssetRow>(`${SELECT} WHERE a.id = ?`),
      byPath: db.prepare<[number, string, string], AssetRow>(
        `${SELECT} WHERE a.root_id = ? AND a.dir = ? AND a.name = ?`,
      ),
      remove: db.prepare<[number]>('DELETE FROM assets WHERE id = ?'),
      duplicates: db.prepare<[string, number], { id: number }>(
        'SELECT id FROM assets WHERE sha256 = ? AND id != ? ORDER BY id',
      ),
    }
  }

  get(id: number): Asset | undefined {
    const row = this.s.get.get(id)
    return row ? this.toAsset(row) : undefined
  }

  remove(ids: number[]): number[] {
    return transaction(this.db, () => ids.filter((id) => this.s.remove.run(id).changes > 0))
  }

  byPath(rootId: number, dir: string, name: string): Asset | undefined {
    const row = this.s.byPath.get(rootId, dir, name)
    return row ? this.toAsset(row) : undefined
  }

  /** One page, newest id last, with the total matching the filter (unless `count: false`). */
  list(query: AssetQuery): { items: Asset[]; total: number | null } {
    const { page, count } = this.statementsFor(query)
    const params = paramsOf(query)
    const rows = page.all({
      ...params,
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    }) as AssetRow[]
    const { afterId: _afterId, ...countParams } = params
    return {
      items: rows.map((row) => this.toAsset(row)),
      total: query.count === false ? null : (count.get(countParams) as { n: number }).n,
    }
  }

  /** The SQL the list runs for a filter (for EXPLAIN QUERY PLAN in tests). */
  listSql(filter: Filter): string {
    return `${SELECT} ${whereOf(filter)} ORDER BY a.id LIMIT @limit OFFSET @offset`
  }

  private statementsFor(filter: Filter) {
    const key = ['rootId', 'status', 'type', 'query', 'afterId']
      .map((k) => (filter[k as keyof Filter] === undefined ? 0 : 1))
      .join('')
    let entry = this.cache.get(key)
    if (!entry) {
      entry = {
        page: this.db.prepare(this.listSql(filter)),
        // The total counts every match, whatever page (or keyset position) is asked for.
        count: this.db.prepare(
          `SELECT count(*) AS n FROM assets a ${whereOf({ ...filter, afterId: undefined })}`,
        ),
      }
      this.cache.set(key, entry)
    }
    return entry
  }

  private toAsset(row: AssetRow): Asset {
    const relPath = row.dir === '' ? row.name : `${row.dir}/${row.name}`
    return {
      id: row.id,
      rootId: row.root_id,
      path: join(row.root_path, relPath),
      relPath,
      name: row.name,
      size: row.size,
      mtimeMs: row.mtime_ms,
      inode: row.inode,
      status: row.status,
      type: row.type,
      mime: row.mime,
      sha256: row.sha256,
      phash: row.phash,
      width: row.width,
      height: row.height,
      durationMs: row.duration_ms,
      orientation: row.orientation,
      error: row.error,
      derivatives: [],
      duplicates: row.sha256 ? this.s.duplicates.all(row.sha256, row.id).map((r) => r.id) : [],
      similar: [],
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      title: row.title,
      description: row.description,
      rating: row.rating,
      tags: (JSON.parse(row.tags) as Asset['tags']).sort((a, b) => a.name.localeCompare(b.name)),
      dateMs: row.date_ms,
      palette: JSON.parse(row.palette) as Asset['palette'],
      integrity: row.integrity,
      verifiedAt: row.verified_at,
    }
  }
}

function whereOf(filter: Filter): string {
  const clauses: string[] = []
  if (filter.rootId !== undefined) clauses.push('a.root_id = @rootId')
  if (filter.status !== undefined) clauses.push('a.status = @status')
  if (filter.type !== undefined) clauses.push('a.type = @type')
  if (filter.afterId !== undefined) clauses.push('a.id > @afterId')
  if (filter.query !== undefined) {
    clauses.push(
      `(CASE WHEN a.dir = '' THEN a.name ELSE a.dir || '/' || a.name END) LIKE @query ESCAPE '\\'`,
    )
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
}

function paramsOf(filter: Filter): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  if (filter.rootId !== undefined) params.rootId = filter.rootId
  if (filter.status !== undefined) params.status = filter.status
  if (filter.type !== undefined) params.type = filter.type
  if (filter.afterId !== undefined) params.afterId = filter.afterId
  if (filter.query !== undefined)
    params.query = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return params
}

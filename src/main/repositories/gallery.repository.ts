import type { Statement } from 'better-sqlite3'
import type { AssetRow, AssetStatus, AssetType, GalleryQuery, Selection } from '../../shared/domain'
import type { Db } from '../db/connection'
import {
  afterKeys,
  keyColumns,
  orderBy,
  orderOf,
  selectionWhere,
  whereOf,
  type Built,
} from './gallery-sql'

interface LeanRow {
  id: number
  root_id: number
  dir: string
  name: string
  type: AssetType
  status: AssetStatus
  size: number
  width: number | null
  height: number | null
  duration_ms: number | null
  mtime_ms: number
  date_ms: number
  sha256: string | null
  rating: number | null
  error: string | null
  variants: string | null
  tag_ids: string | null
  [key: `k${number}`]: unknown
}

const LEAN = `a.id, a.root_id, a.dir, a.name, a.type, a.status, a.size, a.width, a.height,
  a.duration_ms, a.mtime_ms, coalesce(a.taken_ms, a.mtime_ms) AS date_ms, a.sha256, a.rating,
  a.error,
  (SELECT group_concat(d.variant) FROM derivatives d WHERE d.sha256 = a.sha256
    AND d.variant IN ('small', 'medium', 'large', 'preview')) AS variants,
  (SELECT group_concat(t.tag_id) FROM asset_tags t WHERE t.asset_id = a.id) AS tag_ids`

export interface PageRequest {
  query: GalleryQuery
  similarIds: number[] | null
  limit: number
  offset?: number
  /** Key values of the last row of the previous page. */
  after?: unknown[]
  /** The filter matches few rows: look them up by its indexes (see whereOf). Default true. */
  selective?: boolean
}

const MAX_STATEMENTS = 200
/** The gallery's date: when the photo was taken, else the file's mtime. */
const DATE = 'coalesce(a.taken_ms, a.mtime_ms)'

/**
 * The gallery's reads and bulk writes over `assets`, as SQL built from the query (see
 * gallery-sql.ts). Statements are prepared once per shape of query and kept (a bounded cache).
 */
export class GalleryRepository {
  private readonly statements = new Map<string, Statement>()

  constructor(private readonly db: Db) {}

  /** One page in the query's order; `keys` are the cursor values of each row. */
  page(request: PageRequest): Array<{ row: AssetRow; keys: unknown[] }> {
    const order = orderOf(request.query)
    const { sql, params } = this.pageSql(request)
    const rows = this.statement(sql).all(params) as LeanRow[]
    return rows.map((row) => ({
      row: toRow(row),
      keys: order.keys.map((_, i) => row[`k${i}`]),
    }))
  }

  /** The SQL a page runs (tests EXPLAIN it to prove it walks an index). */
  pageSql(request: PageRequest): { sql: string; params: Record<string, unknown> } {
    const order = orderOf(request.query)
    const filter = whereOf(request.query, request.similarIds, request.selective ?? true)
    const params: Record<string, unknown> = { ...filter.params, limit: request.limit }
    let where = filter.where
    if (request.after) {
      where = `${where} AND ${afterKeys(order)}`
      request.after.forEach((value, i) => (params[`c${i}`] = value))
    }
    if (!request.offset)
      return {
        sql: `SELECT ${LEAN}, ${keyColumns(order)} FROM assets a WHERE ${where}
          ORDER BY ${orderBy(order)} LIMIT @limit`,
        params,
      }
    // Jumps skip rows inside an id-only subquery, which the planner can answer from the
    // order's index alone, then read the columns of just this page.
    params.offset = request.offset
    return {
      sql: `SELECT ${LEAN}, ${keyColumns(order)} FROM assets a WHERE a.id IN (
        SELECT a.id FROM assets a WHERE ${where} ORDER BY ${orderBy(order)}
        LIMIT @limit OFFSET @offset) ORDER BY ${orderBy(order)}`,
      params,
    }
  }

  /** The SQL that counts a query's matches. */
  countSql(query: GalleryQuery, similarIds: number[] | null) {
    const { where, params } = whereOf(query, similarIds)
    return { sql: `SELECT count(*) AS n FROM assets a WHERE ${where}`, params }
  }

  count(query: GalleryQuery, similarIds: number[] | null): number {
    const { sql, params } = this.countSql(query, similarIds)
    return this.get<{ n: number }>(sql, params).n
  }

  /** How many rows of the query come before this asset, or null when it does not match. */
  indexOf(query: GalleryQuery, similarIds: number[] | null, id: number): number | null {
    const order = orderOf(query)
    const filter = whereOf(query, similarIds)
    const keys = this.db
      .prepare(`SELECT ${keyColumns(order)} FROM assets a WHERE a.id = @id AND ${filter.where}`)
      .get({ ...filter.params, id }) as Record<string, unknown> | undefined
    if (!keys) return null
    const params: Record<string, unknown> = { ...filter.params }
    order.keys.forEach((_, i) => (params[`c${i}`] = keys[`k${i}`]))
    const before = afterKeys({ ...order, desc: !order.desc })
    return this.get<{ n: number }>(
      `SELECT count(*) AS n FROM assets a WHERE ${filter.where} AND ${before}`,
      params,
    ).n
  }

  /** Group sizes in the query's order: by folder (root, folder) or by month of the date. */
  groups(
    query: GalleryQuery,
    similarIds: number[] | null,
    by: 'folder' | 'month',
    selective = true,
  ): Array<{ rootId: number; key: string; count: number }> {
    const { where, params } = whereOf(query, similarIds, selective)
    const desc = orderOf({ ...query, group: by }).desc
    const dir = desc ? ' DESC' : ''
    if (by === 'month' && !selective) return this.monthsByRange(where, params, desc)
    const sql =
      by === 'folder'
        ? `SELECT a.root_id AS rootId, a.dir AS key, count(*) AS count FROM assets a
           WHERE ${where} GROUP BY a.root_id, a.dir ORDER BY a.root_id${dir}, a.dir${dir}`
        : `SELECT 0 AS rootId, strftime('%Y-%m', ${DATE} / 1000, 'unixepoch') AS key,
             count(*) AS count FROM assets a
           WHERE ${where} GROUP BY key ORDER BY key${dir}`
    return this.statement(sql).all(params) as Array<{ rootId: number; key: string; count: number }>
  }

  /**
   * Months of a query that matches many rows: one range count on the date index per month
   * between the first and the last date (a million rows: ~70 ms, where computing each row's
   * month took 1.2 s). Months are UTC, as in the one-pass GROUP BY.
   */
  private monthsByRange(
    where: string,
    params: Record<string, unknown>,
    desc: boolean,
  ): Array<{ rootId: number; key: string; count: number }> {
    const edge = (dir: string): number | undefined =>
      (
        this.statement(
          `SELECT ${DATE} AS d FROM assets a WHERE ${where} ORDER BY ${DATE}${dir} LIMIT 1`,
        ).get(params) as { d: number } | undefined
      )?.d
    const first = edge('')
    const last = edge(' DESC')
    if (first === undefined || last === undefined) return []
    const count = this.statement(
      `SELECT count(*) AS n FROM assets a WHERE ${where} AND ${DATE} >= @monthStart AND ${DATE} < @monthEnd`,
    )
    const out: Array<{ rootId: number; key: string; count: number }> = []
    const start = new Date(first)
    for (
      let y = start.getUTCFullYear(), m = start.getUTCMonth();
      Date.UTC(y, m) <= last;
      m === 11 ? ((m = 0), y++) : m++
    ) {
      const n = (
        count.get({ ...params, monthStart: Date.UTC(y, m), monthEnd: Date.UTC(y, m + 1) }) as {
          n: number
        }
      ).n
      if (n > 0) out.push({ rootId: 0, key: `${y}-${String(m + 1).padStart(2, '0')}`, count: n })
    }
    return desc ? out.reverse() : out
  }

  /** Ids of a selection in the query's order (ids order for a list of ids). */
  ids(selection: Selection, similarIds: number[] | null, limit: number): number[] {
    const { where, params } = selectionWhere(selection, similarIds)
    const order = 'query' in selection ? orderBy(orderOf(selection.query)) : 'a.id'
    return (
      this.statement(`SELECT a.id FROM assets a WHERE ${where} ORDER BY ${order} LIMIT @limit`).all(
        { ...params, limit },
      ) as Array<{ id: number }>
    ).map((r) => r.id)
  }

  /** Sets columns of every asset in a selection; answers how many rows changed. */
  update(
    selection: Selection,
    similarIds: number[] | null,
    fields: { title?: string | null; description?: string | null; rating?: number | null },
    now: number,
  ): number {
    const sets = Object.keys(fields).map((column) => `${column} = @set_${column}`)
    if (sets.length === 0) return 0
    const { where, params } = selectionWhere(selection, similarIds)
    for (const [column, value] of Object.entries(fields)) params[`set_${column}`] = value
    return this.statement(
      `UPDATE assets SET ${sets.join(', ')}, updated_at = @now
       WHERE id IN (SELECT a.id FROM assets a WHERE ${where})`,
    ).run({ ...params, now }).changes
  }

  /** The SQL of a selection (for the tag repository's bulk statements). */
  selection(selection: Selection, similarIds: number[] | null): Built {
    return selectionWhere(selection, similarIds)
  }

  /** A selection as a filter plus the gallery's order (what "add to a collection" keeps). */
  selectionInOrder(selection: Selection, similarIds: number[] | null): Built & { orderBy: string } {
    const order = 'ids' in selection ? 'a.id' : orderBy(orderOf(selection.query))
    return { ...selectionWhere(selection, similarIds), orderBy: order }
  }

  private get<T>(sql: string, params: Record<string, unknown>): T {
    return this.statement(sql).get(params) as T
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      if (this.statements.size >= MAX_STATEMENTS)
        this.statements.delete(this.statements.keys().next().value!)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

function toRow(row: LeanRow): AssetRow {
  return {
    id: row.id,
    rootId: row.root_id,
    dir: row.dir,
    name: row.name,
    type: row.type,
    status: row.status,
    size: row.size,
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
    mtimeMs: row.mtime_ms,
    dateMs: row.date_ms,
    sha256: row.sha256,
    variants: row.variants ? row.variants.split(',') : [],
    rating: row.rating,
    tagIds: row.tag_ids ? row.tag_ids.split(',').map(Number) : [],
    error: row.error,
  }
}

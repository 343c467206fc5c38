/**
 * The SQL of the gallery's queries, built from a GalleryQuery. Every filter is a named
 * parameter or a validated enum literal; every order is backed by an index of migration 0006
 * (as migration 0018 left them: the name orders on lower(name), none naming the id)
 * (test/unit/gallery-plans.test.ts proves the plans).
 */
import {
  DEFAULT_COLOR_DISTANCE,
  type GalleryQuery,
  type GallerySortKey,
  type Selection,
} from '../../shared/domain'
import { cellsNear, channelsOf, labOf, rgbOfHex } from '../media/color-space'

type Params = Record<string, unknown>

export interface Built {
  where: string
  params: Params
}

/** The order of a query: the key expressions (the last is always the id) and the direction. */
export interface Order {
  keys: string[]
  desc: boolean
}

const SORT_KEYS: Record<GallerySortKey, string[]> = {
  // lower(): the order of COLLATE NOCASE, as the indexes are built (migration 0018).
  name: ['lower(a.name)', 'a.id'],
  date: ['coalesce(a.taken_ms, a.mtime_ms)', 'a.id'],
  size: ['a.size', 'a.id'],
  duration: ['coalesce(a.duration_ms, -1)', 'a.id'],
  type: ['a.type', 'lower(a.name)', 'a.id'],
  rating: ['coalesce(a.rating, -1)', 'a.id'],
  added: ['a.id'],
}

/** Newest first unless asked otherwise: what a person who just added media looks for. */
export const DEFAULT_SORT: GallerySortKey = 'date'

/**
 * Grouping fixes the order so groups are contiguous and index-backed: by folder, then name
 * within it (the unique (root, folder, name) index); by month, the date order.
 */
export function orderOf(query: GalleryQuery): Order {
  if (query.group === 'folder')
    return { keys: ['a.root_id', 'a.dir', 'a.name'], desc: query.desc === true }
  const sort = query.group === 'month' ? 'date' : (query.sort ?? DEFAULT_SORT)
  const desc = query.desc ?? (query.sort === undefined || query.group === 'month')
  return { keys: SORT_KEYS[sort], desc }
}

export function orderBy(order: Order): string {
  const dir = order.desc ? ' DESC' : ''
  return order.keys.map((k) => `${k}${dir}`).join(', ')
}

/**
 * Rows after (in the order's direction) the row whose key values are `@c0…@cN`. Spelled out
 * as `k0 >= c0 AND (k0 > c0 OR (…))` rather than a row value: SQLite turns the leading
 * comparison into a range on an expression index, a row value only on plain columns.
 */
export function afterKeys(order: Order): string {
  const [gt, ge] = order.desc ? ['<', '<='] : ['>', '>=']
  const build = (i: number): string => {
    const key = order.keys[i]!
    if (i === order.keys.length - 1) return `${key} ${gt} @c${i}`
    return `${key} ${ge} @c${i} AND (${key} ${gt} @c${i} OR (${build(i + 1)}))`
  }
  return `(${build(0)})`
}

/** The key values as selected columns `k0…kN`, for the cursor of the last row of a page. */
export function keyColumns(order: Order): string {
  return order.keys.map((k, i) => `${k} AS k${i}`).join(', ')
}

/**
 * The filter of a gallery query as a WHERE body over `assets a` (always non-empty).
 *
 * `selective` says whether the filter matches few enough rows to look them up through their
 * own indexes and sort them (a folder, the failed ones, a rare tag). When it matches many
 * (every image of a million), sorting them per page would be slow: the filter's columns are
 * then written `+a.col`, which keeps SQLite from using their indexes, so it walks the order's
 * index and checks each row instead, stopping after one page.
 */
export function whereOf(query: GalleryQuery, similarIds: number[] | null, selective = true): Built {
  const clauses: string[] = []
  const params: Params = {}
  const param = (name: string, value: unknown): string => {
    params[name] = value
    return `@${name}`
  }
  const col = (name: string): string => (selective ? `a.${name}` : `+a.${name}`)
  if (query.rootId !== undefined)
    clauses.push(`${col('root_id')} = ${param('rootId', query.rootId)}`)
  if (query.folder !== undefined && query.folder !== '') {
    const folder = param('folder', query.folder)
    // One index range [folder, folder + '0') holds the folder and everything under it ('/' is
    // the character before '0'); the second condition drops siblings such as "Menus-old".
    clauses.push(
      query.recursive === false
        ? `${col('dir')} = ${folder}`
        : `${col('dir')} >= ${folder} AND ${col('dir')} < ${param('folderHi', `${query.folder}0`)} AND (a.dir = ${folder} OR a.dir >= ${param('folderLo', `${query.folder}/`)})`,
    )
  } else if (query.folder === '' && query.recursive === false) clauses.push(`${col('dir')} = ''`)
  if (query.types?.length) clauses.push(`${col('type')} IN (${literals(query.types)})`)
  if (query.statuses?.length) clauses.push(`${col('status')} IN (${literals(query.statuses)})`)
  if (query.orientation)
    clauses.push(`${col('orientation')} = ${param('orientation', query.orientation)}`)
  if (query.minWidth !== undefined)
    clauses.push(`${col('width')} >= ${param('minWidth', query.minWidth)}`)
  if (query.minHeight !== undefined)
    clauses.push(`${col('height')} >= ${param('minHeight', query.minHeight)}`)
  if (query.minDurationMs !== undefined)
    clauses.push(`${col('duration_ms')} >= ${param('minDuration', query.minDurationMs)}`)
  if (query.maxDurationMs !== undefined)
    clauses.push(`${col('duration_ms')} <= ${param('maxDuration', query.maxDurationMs)}`)
  if (query.from !== undefined)
    clauses.push(`coalesce(${col('taken_ms')}, a.mtime_ms) >= ${param('from', query.from)}`)
  if (query.to !== undefined)
    clauses.push(`coalesce(${col('taken_ms')}, a.mtime_ms) <= ${param('to', query.to)}`)
  query.tagIds?.forEach((tagId, i) =>
    clauses.push(
      `${col('id')} IN (SELECT asset_id FROM asset_tags WHERE tag_id = ${param(`tag${i}`, tagId)})`,
    ),
  )
  if (query.minRating !== undefined)
    clauses.push(`coalesce(${col('rating')}, -1) >= ${param('minRating', query.minRating)}`)
  if (query.duplicates)
    clauses.push(
      `a.sha256 IS NOT NULL AND EXISTS (SELECT 1 FROM assets d WHERE d.sha256 = a.sha256 AND d.id != a.id)`,
    )
  if (similarIds)
    clauses.push(
      `a.id IN (SELECT value FROM json_each(${param('similar', JSON.stringify(similarIds))}))`,
    )
  const rgb = query.color === undefined ? null : rgbOfHex(query.color)
  if (rgb !== null) {
    // The cell index narrows to the few Lab cells in reach; the exact ΔE is checked on those.
    const lab = labOf(...channelsOf(rgb))
    const reach = query.colorDistance ?? DEFAULT_COLOR_DISTANCE
    const cells = cellsNear(lab, reach).join(', ')
    clauses.push(
      `${col('id')} IN (SELECT asset_id FROM asset_colors WHERE cell IN (${cells}) AND share >= 0.05 AND (l - ${param('colorL', lab.l)}) * (l - @colorL) + (a - ${param('colorA', lab.a)}) * (a - @colorA) + (b - ${param('colorB', lab.b)}) * (b - @colorB) <= ${param('colorReach', reach * reach)})`,
    )
  }
  if (query.integrity) clauses.push(`${col('integrity')} = ${param('integrity', query.integrity)}`)
  const text = query.text?.trim()
  if (text) {
    const match = ftsMatch(text)
    const tagLike = `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    clauses.push(
      `(${match ? `${col('id')} IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ${param('fts', match)}) OR ` : ''}${col('id')} IN (SELECT t.asset_id FROM asset_tags t JOIN tags g ON g.id = t.tag_id WHERE g.name LIKE ${param('tagLike', tagLike)} ESCAPE '\\'))`,
    )
  }
  return { where: clauses.length ? clauses.join(' AND ') : '1', params }
}

/** A selection as a WHERE body over `assets a`. */
export function selectionWhere(selection: Selection, similarIds: number[] | null): Built {
  // Bulk writes visit every match once: the filter's own indexes are the right way in.
  if ('ids' in selection)
    return {
      where: 'a.id IN (SELECT value FROM json_each(@selIds))',
      params: { selIds: JSON.stringify(selection.ids) },
    }
  const built = whereOf(selection.query, similarIds)
  if (!selection.exceptIds?.length) return built
  return {
    where: `${built.where} AND a.id NOT IN (SELECT value FROM json_each(@exceptIds))`,
    params: { ...built.params, exceptIds: JSON.stringify(selection.exceptIds) },
  }
}

/**
 * Words typed into the search box as an FTS5 query: every word must match, each as a prefix
 * ("lob" finds "Lobby"). Quotes keep FTS5 syntax characters literal. Null when no word is left.
 */
export function ftsMatch(text: string): string | null {
  const words = text
    .split(/[\s/\\.,;:!?()[\]{}"'`*^+-]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 16)
  if (words.length === 0) return null
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ')
}

/** Enum values checked by the argument schema; quoted as literals so the planner sees them. */
function literals(values: readonly string[]): string {
  return values
    .filter((v) => /^[a-z]+$/.test(v))
    .map((v) => `'${v}'`)
    .join(', ')
}

import type { GraphNode } from './node'
import { outsideImpactSql } from './impact-media-sql'

/**
 * The SQL of `graph.impact`, per kind of node. Parameters: @num @txt (the node), @limit.
 *
 * Most kinds start from the assets the node stands for (`t`) and join outwards through the
 * indexes on `collection_items.asset_id`, `bundle_items.asset_id`, `links.target` and
 * `assets.sha256`. A root stands for every asset it holds, so it starts from the other side:
 * each collection and bundle asks whether any item lies in the root (stopping at the first),
 * and copies are looked for among the other roots' files — 3.4 s against ~0.2 s on a root of
 * 1M files (docs/decisions.md "The graph").
 */

// A folder and everything under it: one range of the (root_id, dir, name) index ('0' follows
// '/'), which also holds names such as 'Menus 2' that the second condition drops. (An OR of
// the folder and its subfolders made SQLite read the whole root.)
export const IN_FOLDER = `root_id = @num AND dir >= @txt AND dir < @txt || '0'
  AND (dir = @txt OR substr(dir, 1, length(@txt) + 1) = @txt || '/')`

type LibraryKind = Exclude<GraphNode['kind'], 'integration' | 'media' | 'rendition'>

const ASSETS_OF: Record<LibraryKind, string> = {
  asset: 'SELECT CAST(@num AS INTEGER) AS id',
  folder: `SELECT id FROM assets WHERE ${IN_FOLDER}`,
  root: 'SELECT id FROM assets WHERE root_id = @num',
  collection:
    'SELECT asset_id AS id FROM collection_items WHERE collection_id = @num AND asset_id IS NOT NULL',
  bundle: 'SELECT id FROM assets WHERE 0',
}

const COLLECTION_COLUMNS = 'c.id, c.name, c.kind'
const COLLECTION_ORDER = 'ORDER BY c.kind, c.name, c.id'
const BUNDLE_COLUMNS = 'b.id, b.dir, b.created_at AS createdAt'
const BUNDLE_ORDER = 'ORDER BY b.created_at DESC, b.id'

export interface ImpactSql {
  collections: string
  bundles: string
  /** Assets that replace or duplicate the node's, outside it: `id`, `relation`, up to @limit. */
  assets: string
  assetCount: string
  /** Integrations that reference the node (`id`, `name`); none when absent. */
  integrations?: string
  /** How many cached media the node fetched (an integration); absent for other kinds. */
  mediaCount?: string
}

export function impactSql(kind: GraphNode['kind']): ImpactSql {
  if (kind === 'integration' || kind === 'media' || kind === 'rendition')
    return outsideImpactSql(kind)
  return kind === 'root' ? rootSql() : fromAssets(kind)
}

function fromAssets(kind: LibraryKind): ImpactSql {
  const t = `WITH t (id) AS (${ASSETS_OF[kind]})`
  const dependents = `
    SELECT l.source_num AS id, 'replaces' AS relation FROM t
      JOIN links l ON l.target = 'asset:' || t.id AND l.relation = 'replaces'
      WHERE l.source_kind = 'asset' AND l.source_num NOT IN (SELECT id FROM t)
    UNION
    SELECT d.id, 'duplicate_of' FROM t JOIN assets s ON s.id = t.id
      JOIN assets d ON d.sha256 = s.sha256 AND d.id <> s.id
      WHERE s.sha256 IS NOT NULL AND d.id NOT IN (SELECT id FROM t)`
  return {
    // A collection's own impact is where its media went, not the other collections that hold
    // the same files.
    collections:
      kind === 'collection'
        ? 'SELECT 1 WHERE 0'
        : `${t} SELECT DISTINCT ${COLLECTION_COLUMNS} FROM t
           JOIN collection_items ci ON ci.asset_id = t.id
           JOIN collections c ON c.id = ci.collection_id ${COLLECTION_ORDER}`,
    bundles: `${t} SELECT DISTINCT ${BUNDLE_COLUMNS} FROM t
      JOIN bundle_items bi ON bi.asset_id = t.id JOIN bundles b ON b.id = bi.bundle_id
      ${BUNDLE_ORDER}`,
    // 'replaces' sorts before 'duplicate_of' (DESC): replacements are listed first.
    assets: `${t} ${dependents} ORDER BY 2 DESC, 1 LIMIT @limit`,
    assetCount: `${t} SELECT count(*) AS n FROM (${dependents})`,
  }
}

function rootSql(): ImpactSql {
  const dependents = `
    SELECT l.source_num AS id, 'replaces' AS relation FROM links l
      JOIN assets old ON old.id = l.target_num
      JOIN assets new ON new.id = l.source_num
      WHERE l.relation = 'replaces' AND l.target_kind = 'asset' AND old.root_id = @num
        AND new.root_id <> @num
    UNION
    SELECT d.id, 'duplicate_of' FROM assets d
      WHERE d.root_id <> @num AND d.sha256 IS NOT NULL
        AND EXISTS (SELECT 1 FROM assets s WHERE s.sha256 = d.sha256 AND s.root_id = @num)`
  return {
    collections: `SELECT ${COLLECTION_COLUMNS} FROM collections c WHERE EXISTS (
      SELECT 1 FROM collection_items ci JOIN assets a ON a.id = ci.asset_id
      WHERE ci.collection_id = c.id AND a.root_id = @num) ${COLLECTION_ORDER}`,
    bundles: `SELECT ${BUNDLE_COLUMNS} FROM bundles b WHERE EXISTS (
      SELECT 1 FROM bundle_items bi JOIN assets a ON a.id = bi.asset_id
      WHERE bi.bundle_id = b.id AND a.root_id = @num) ${BUNDLE_ORDER}`,
    assets: `${dependents} ORDER BY 2 DESC, 1 LIMIT @limit`,
    assetCount: `SELECT count(*) AS n FROM (${dependents})`,
  }
}

import type { ImpactSql } from './impact-sql'

/**
 * The SQL of `graph.impact` for the nodes outside the library's files (docs/decisions.md
 * "Renditions and integration media in the graph"). Parameters: @num @txt (the node), @limit.
 *
 * - An integration: the playlists that show it (`collection_items.integration_id`) and how many
 *   cached media its current data references (`fetched_by`); no library asset depends on it.
 * - A media item: the integrations, playlists and bundles that reference it
 *   (`integration_media_refs`, what retention also honours).
 * - A rendition: nothing depends on it; it is rebuilt from its asset when needed.
 */

const NOTHING = 'SELECT 1 WHERE 0'
const NO_COUNT = 'SELECT 0 AS n'
const COLLECTION_COLUMNS = 'c.id, c.name, c.kind'
const COLLECTION_ORDER = 'ORDER BY c.kind, c.name, c.id'

export function outsideImpactSql(kind: 'integration' | 'media' | 'rendition'): ImpactSql {
  const none = { assets: NOTHING, assetCount: NO_COUNT }
  if (kind === 'integration')
    return {
      ...none,
      collections: `SELECT DISTINCT ${COLLECTION_COLUMNS} FROM collection_items ci
        JOIN collections c ON c.id = ci.collection_id WHERE ci.integration_id = @num
        ${COLLECTION_ORDER}`,
      bundles: NOTHING,
      integrations: NOTHING,
      mediaCount: `SELECT count(*) AS n FROM integration_media_refs
        WHERE owner_kind = 'integration' AND owner_id = CAST(CAST(@num AS INTEGER) AS TEXT)`,
    }
  if (kind === 'media')
    return {
      ...none,
      collections: `SELECT ${COLLECTION_COLUMNS} FROM integration_media_refs r
        JOIN collections c ON c.id = CAST(r.owner_id AS INTEGER)
        WHERE r.sha256 = @txt AND r.owner_kind = 'playlist' ${COLLECTION_ORDER}`,
      bundles: `SELECT b.id, b.dir, b.created_at AS createdAt FROM integration_media_refs r
        JOIN bundles b ON b.id = r.owner_id
        WHERE r.sha256 = @txt AND r.owner_kind = 'bundle' ORDER BY b.created_at DESC, b.id`,
      integrations: `SELECT i.id, i.name FROM integration_media_refs r
        JOIN integrations i ON i.id = CAST(r.owner_id AS INTEGER)
        WHERE r.sha256 = @txt AND r.owner_kind = 'integration' ORDER BY i.name, i.id`,
    }
  return { ...none, collections: NOTHING, bundles: NOTHING }
}

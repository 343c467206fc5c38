/**
 * The relationship graph's types (issue 12). Types and constants only.
 *
 * A node is named by a string: `asset:<id>`, `collection:<id>`, `bundle:<id>`, `root:<id>`,
 * `folder:<rootId>:<relPath>` (or an absolute file path, which names the asset indexed there),
 * `integration:<id>`, `media:<sha256>` (an integration's cached item) and
 * `rendition:<sha256>:<variant>` (a cached variant or export rendition of that content).
 */

export const NODE_KINDS = [
  'asset',
  'collection',
  'bundle',
  'root',
  'folder',
  'integration',
  'media',
  'rendition',
] as const
export type NodeKind = (typeof NODE_KINDS)[number]

/**
 * Relations the database already records (true by construction, nothing to keep up) and the
 * user's own, stored in `links`. `similar_to` (SIMILAR_TO) is walked from the in-memory pHash
 * index, level by level beside the SQL (docs/decisions.md "similar_to in the graph").
 */
export const DERIVED_RELATIONS = [
  'contains',
  'duplicate_of',
  'includes',
  'exported_in',
  'derived_from',
  'fetched_by',
] as const
export type DerivedRelation = (typeof DERIVED_RELATIONS)[number]
/**
 * Derived relations walked only when asked for by name: a processed asset has four or more
 * renditions, which would crowd every "all relations" walk (docs/decisions.md "Renditions and
 * integration media in the graph").
 */
export const ON_REQUEST_RELATIONS = ['derived_from', 'fetched_by'] as const
/** Relations only `links` records; any other lower-case name is a user relation too. */
export const STORED_RELATIONS = ['related_to', 'replaces'] as const
export const RELATION_PATTERN = /^[a-z][a-z0-9_]{0,49}$/
/** Perceptual neighbours (pHash within the similarity threshold); weight = 1 − distance/64. */
export const SIMILAR_TO = 'similar_to'

export type GraphDirection = 'out' | 'in' | 'both'

/** One node reached by a walk, with the edge that reached it first. */
export interface GraphNeighbour {
  node: string
  depth: number
  /** The node it was reached from, the relation, and whether the edge points away from it. */
  from: string
  relation: string
  direction: 'out' | 'in'
  /** For `similar_to`: 1 − pHash distance / 64. */
  weight?: number
}

export interface NeighboursResult {
  node: string
  neighbours: GraphNeighbour[]
  /** True when the limit cut the walk short: there is more at this depth. */
  truncated: boolean
}

export interface PathStep {
  from: string
  to: string
  relation: string
  direction: 'out' | 'in'
}

export interface PathResult {
  from: string
  to: string
  /** Shortest chain of edges from `from` to `to`; null when none within maxDepth. */
  steps: PathStep[] | null
}

/** What depends on a node: the question before removing or replacing it. */
export interface ImpactResult {
  node: string
  collections: Array<{ id: number; name: string; kind: 'album' | 'playlist' }>
  bundles: Array<{ id: string; dir: string; createdAt: number }>
  /**
   * Integrations that reference the node (a `media:` item). Empty for library nodes: integrations
   * hold cached media of their own, not library assets.
   */
  integrations: Array<{ id: number; name: string }>
  /** Assets that replace or duplicate it (for a folder or root: its assets' ones). */
  assets: Array<{ id: number; relation: string }>
  counts: {
    collections: number
    bundles: number
    integrations: number
    assets: number
    /** Integration only: the cached media its current data references (`fetched_by`). */
    media?: number
  }
}

export interface GraphLink {
  source: string
  target: string
  relation: string
  note: string | null
  weight: number
  createdAt: number
}

/** What `assets.replace` changed: each collection that held the old asset, and the edge. */
export interface ReplaceResult {
  oldId: number
  newId: number
  /** Items now holding the new asset (an album that held both keeps one item). */
  collections: Array<{ id: number; kind: 'album' | 'playlist'; name: string; items: number }>
  link: GraphLink
}

/** What `graph.rebuild` repaired. */
export interface RebuildResult {
  /** Links dropped because an end is gone. */
  orphanLinks: number
  /** Links kept. */
  links: number
  /** Tags handed down by folders, dropped and written again: equal counts mean nothing drifted. */
  folderTagsRemoved: number
  folderTagsAdded: number
  ms: number
}

/** What the explorer draws for a node: a readable label and, for an asset, its thumbnail. */
export interface GraphNodeInfo {
  node: string
  kind: NodeKind
  label: string
  /** False when the node names nothing in the library (removed since it was listed). */
  exists: boolean
  /** Asset only: its media type, content hash and the cached variants that exist. */
  assetType?: string
  sha256?: string | null
  variants?: string[]
}

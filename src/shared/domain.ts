/**
 * Domain types and constants shared by the core and the renderer.
 * Types and constants only: nothing here may import runtime code.
 */
import type { IntegrationKind, IntegrationStatus } from './integrations'

export const APP_NAME = 'Marquee'

export const ROOT_STATUSES = ['online', 'offline', 'scanning'] as const
export type RootStatus = (typeof ROOT_STATUSES)[number]

export const ROOT_KINDS = ['local', 'network'] as const
export type RootKind = (typeof ROOT_KINDS)[number]

/** A library folder indexed in place. Dates are epoch milliseconds. */
export interface Root {
  id: number
  path: string
  label: string
  kind: RootKind
  status: RootStatus
  /** Why the root is offline, in words a person can act on; null when online. */
  statusReason: string | null
  /** Whether `kind` was detected from the mount table or set by the user. */
  kindSource: 'detected' | 'user'
  /** Something the user should know that is not an error (e.g. watching fell back to rescans). */
  notice: string | null
  /** Extra exclusion patterns (gitignore syntax), on top of the defaults and .marqueeignore. */
  exclusions: string[]
  /** Index every regular file, not only known media types. */
  indexAllFiles: boolean
  /** Scan each file with ClamAV before it is processed (off by default). */
  virusScan: boolean
  /** Periodic rescan interval for network roots; null means the default (5 minutes). */
  scanIntervalMs: number | null
  /** Where imports land (relative to the root, '/'-separated): `<inbox>/YYYY-MM-DD/`. */
  inbox: string
  lastScanAt: number | null
  createdAt: number
  updatedAt: number
}

export const ASSET_TYPES = ['image', 'video', 'audio', 'document', 'other'] as const
export type AssetType = (typeof ASSET_TYPES)[number]

export const ASSET_STATUSES = [
  'discovered',
  'queued',
  'processing',
  'ready',
  'failed',
  'missing',
] as const
export type AssetStatus = (typeof ASSET_STATUSES)[number]

export interface Derivative {
  variant: string
  path: string
  width: number | null
  height: number | null
  bytes: number
  mime: string
}

/** One file under a root. Fields not known yet are null or empty. */
export interface Asset {
  id: number
  rootId: number
  /** Absolute path of the original. */
  path: string
  /** Path relative to the root, '/'-separated. */
  relPath: string
  name: string
  size: number
  mtimeMs: number
  inode: string | null
  status: AssetStatus
  type: AssetType
  mime: string | null
  sha256: string | null
  phash: string | null
  width: number | null
  height: number | null
  durationMs: number | null
  orientation: 'landscape' | 'portrait' | 'square' | null
  error: string | null
  derivatives: Derivative[]
  /** Ids of other assets with the same content. */
  duplicates: number[]
  /** Ids of perceptually similar assets. */
  similar: number[]
  metadata: Record<string, unknown>
  title: string | null
  description: string | null
  /** 0–5 stars; null when never rated. */
  rating: number | null
  /**
   * `folder` is set on a tag a folder hands down (tags.folder): the nearest folder that does,
   * relative to the root ('' = the root itself). Such a tag goes when the folder is untagged.
   */
  tags: Array<{ id: number; name: string; folder?: string }>
  /** Date taken (from the metadata), else the file's mtime. */
  dateMs: number
  /** Up to five colours, largest share first (the first is the dominant one); [] until analysed. */
  palette: PaletteColor[]
  /** The bitrot check's finding: null until first verified (docs/processing.md, "Bitrot"). */
  integrity: Integrity | null
  /** When the bytes were last read and found as hashed (epoch ms). */
  verifiedAt: number | null
}

export interface PaletteColor {
  /** `#rrggbb` */
  hex: string
  /** Fraction of the picture nearest to this colour, 0–1. */
  share: number
}

/** `changed`: the bytes differ from their hash while size and mtime did not change. */
export const INTEGRITY_STATES = ['ok', 'changed'] as const
export type Integrity = (typeof INTEGRITY_STATES)[number]

/** One file the bitrot check has something to say about. */
export interface VerifyFinding {
  id: number
  path: string
  /** `changed`: the hashes; `modified`/`unreadable`: why. */
  expected?: string
  actual?: string
  reason?: string
}

/** What `assets.verify` (`marquee verify`) found: docs/cli.md has the JSON shape. */
export interface VerifyReport {
  /** Ready assets whose bytes were read to the end and hashed. */
  checked: number
  bytes: number
  durationMs: number
  /** Bytes differ from the stored hash while size and mtime did not: flagged `changed`. */
  changed: VerifyFinding[]
  /** Size or mtime differ: an ordinary edit, left to the next scan (not bitrot). */
  modified: VerifyFinding[]
  /** Gone, unreadable, or on an offline root: not checked this time. */
  unreadable: VerifyFinding[]
}

/** The colour filter's default reach (CIELAB ΔE76): "this red", not "anything warm". */
export const DEFAULT_COLOR_DISTANCE = 20

export interface ScanCounts {
  seen: number
  added: number
  changed: number
  moved: number
  missing: number
  restored: number
}

/** The outcome of one scan of one root; counts are for this scan only. */
export interface ScanResult extends ScanCounts {
  rootId: number
  status: 'completed' | 'aborted'
  /** Why the scan stopped early (null when completed). */
  reason: string | null
  durationMs: number
}

export interface ScanProgress extends ScanCounts {
  rootId: number
  phase: 'checking' | 'walking' | 'reconciling' | 'done'
  /** Files seen per second so far. */
  rate: number
}

export interface AppInfo {
  name: string
  version: string
  /** Which face of the core is answering. */
  face: 'electron' | 'serve' | 'cli'
  dataDir: string
  databasePath: string
  cacheDir: string
  platform: string
  versions: { node: string; electron: string | null; sqlite: string }
}

/** Codes the UI can act on. Messages say what happened and what the user can do. */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'UNKNOWN_METHOD',
  'DATABASE_TOO_NEW',
  'NO_SPACE',
  'CANCELLED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
}

/** The space left where the library lives (the data directory's volume). */
export interface StorageStatus {
  dataDir: string
  freeBytes: number
  totalBytes: number
  /** Below this much free space new derivative work waits (default: 500 MB or 2 %, less). */
  lowWater: number
  /** Paused work resumes once this much is free (the low-water mark plus a margin). */
  resumeAt: number
  paused: boolean
  /** `full`: a write failed for lack of space; `low`: free space fell below the low-water mark. */
  reason: 'full' | 'low' | null
  /** What the UI's banner and the CLI say while paused; null otherwise. */
  message: string | null
}

/** Pushed when storage pauses or resumes work. */
export interface StorageChange extends StorageStatus {
  /** The volume that ran out (named by the data directory on it). */
  volume: string
  /** The write that failed, when one did. */
  path: string | null
  /** At least this much must be freed for work to resume. */
  neededBytes: number
}

/** The processing queue at a glance. */
export interface QueueStatus {
  paused: boolean
  queued: number
  running: number
  /** Jobs that failed for good (their assets are `failed`). */
  failed: number
  /** Jobs finished since this process started. */
  done: number
  /** Jobs finished per second since the first one. */
  rate: number
  /** Estimated time until the queue is empty, or null when unknown. */
  etaMs: number | null
  /** Assets by status. */
  assets: Partial<Record<AssetStatus, number>>
}

export type JobsProgress = Omit<QueueStatus, 'assets'>

export const COLLECTION_KINDS = ['album', 'playlist'] as const
export type CollectionKind = (typeof COLLECTION_KINDS)[number]

/** Images play this long in a playlist unless an item says otherwise. */
export const DEFAULT_IMAGE_DURATION_MS = 10_000

/**
 * What a playlist item plays: a library file, a web page (URL) or an integration's data. Albums
 * hold assets only.
 */
export const PLAYLIST_ITEM_KINDS = ['asset', 'url', 'integration'] as const
export type PlaylistItemKind = (typeof PLAYLIST_ITEM_KINDS)[number]

/** The integration an item plays, with what the playlist view warns about. */
export interface ItemIntegration {
  id: number
  kind: IntegrationKind
  name: string
  status: IntegrationStatus
  /** Since when its data is stale (the last fetch failed); null when fresh. */
  staleSince: number | null
  /** Whether it has any data yet (a snapshot to export). */
  hasData: boolean
}

export interface CollectionItem {
  /** The item's own id (a playlist may hold the same asset twice). */
  id: number
  kind: PlaylistItemKind
  /** The library asset; null for web page and integration items. */
  assetId: number | null
  /** A web page item's address (http or https). */
  url: string | null
  /** An integration item's integration. */
  integration: ItemIntegration | null
  position: number
  /** The item's own duration, or null for the default (images 10 s, videos their length). */
  durationMs: number | null
  /** What a player will show it for. */
  effectiveDurationMs: number
  /** The file name, the web page's address, or the integration's name. */
  name: string
  /** The asset's type; `url` and `integration` for the other kinds. */
  type: AssetType | 'url' | 'integration'
  /** The asset's status; virtual items are always `ready` (their problems are in `integration`). */
  status: AssetStatus
  /** The content hash, which names its cached thumbnails; null until it is hashed. */
  sha256: string | null
  /** Its library folder is offline: it shows from the cache, but cannot be exported now. */
  offline: boolean
  /** Why processing failed, for a failed item. */
  error: string | null
}

export interface Collection {
  id: number
  kind: CollectionKind
  name: string
  itemCount: number
  /** Playlists: the sum of the items' durations. */
  durationMs: number
  /** The player profile it is checked and exported against (docs/profiles.md). */
  profile: string
  createdAt: number
  updatedAt: number
  /** Albums: the album this one sits in; null at the top level. Playlists are never nested. */
  parentId: number | null
  /** The cover the user chose (an asset the collection holds), or null for the first item. */
  coverAssetId: number | null
  /** The content hash of the cover shown (chosen, else the first item's); null when none. */
  coverSha256: string | null
  /** The first four assets' hashes (its own items first, then its sub-albums'): the collage. */
  preview: string[]
}

export interface CollectionDetail extends Collection {
  items: CollectionItem[]
}

/** What `verify-bundle` found in a folder (docs/bundle-format.md, "Verifying"). */
export interface BundleVerification {
  /** No errors; warnings (leftovers of an interrupted export) do not stop a player. */
  ok: boolean
  bundleId: string | null
  objects: number
  bytes: number
  problems: Array<{ file: string; problem: string; severity: 'error' | 'warning' }>
}

export interface BundleRecord {
  bundleId: string
  parentBundleId: string | null
  name: string
  dir: string
  profile: string
  objects: number
  bytes: number
  copied: number
  skipped: number
  transcoded: number
  verified: boolean
  durationMs: number
  createdAt: number
}

/** How the gallery can order assets. `date` is the date taken, else the file's mtime. */
export const GALLERY_SORTS = [
  'name',
  'date',
  'size',
  'duration',
  'type',
  'rating',
  'added',
] as const
export type GallerySortKey = (typeof GALLERY_SORTS)[number]

/** What the gallery shows: filters (all optional, combined with AND) and an order. */
export interface GalleryQuery {
  rootId?: number
  /** A folder of `rootId`, relative and '/'-separated ('' is the root itself). */
  folder?: string
  /** With `folder`: include its subfolders (default true). */
  recursive?: boolean
  types?: AssetType[]
  statuses?: AssetStatus[]
  orientation?: 'landscape' | 'portrait' | 'square'
  minWidth?: number
  minHeight?: number
  minDurationMs?: number
  maxDurationMs?: number
  /** Date taken (else mtime), epoch ms, inclusive bounds. */
  from?: number
  to?: number
  /** Assets carrying every one of these tags. */
  tagIds?: number[]
  minRating?: number
  /** Only assets whose content exists more than once. */
  duplicates?: boolean
  /** Only assets perceptually similar to this one. */
  similarTo?: number
  /** Full-text search over name, path, title, description, tags, camera, lens and keywords. */
  text?: string
  /** `#rrggbb`: assets with a palette colour (≥ 5 % of the picture) within `colorDistance`. */
  color?: string
  /** CIELAB ΔE76 reach of `color` (default DEFAULT_COLOR_DISTANCE). */
  colorDistance?: number
  /** Assets whose bitrot check found this (`changed`: bytes differ, size and mtime do not). */
  integrity?: Integrity
  sort?: GallerySortKey
  desc?: boolean
  /**
   * Groups shown with headers. Grouping fixes the order so groups stay contiguous: by folder,
   * then by name within it; by month, newest first unless `desc` is false.
   */
  group?: 'folder' | 'month'
}

/**
 * A set of assets the user acted on: a query (minus some ids), or a list of ids. Select-all over
 * a million assets is one query, never a million ids.
 */
export type Selection = { ids: number[] } | { query: GalleryQuery; exceptIds?: number[] }

/** The lean projection the gallery draws a tile from. */
export interface AssetRow {
  id: number
  rootId: number
  /** The folder, relative to the root ('' at the root). */
  dir: string
  name: string
  type: AssetType
  status: AssetStatus
  size: number
  width: number | null
  height: number | null
  durationMs: number | null
  mtimeMs: number
  /** Date taken, else mtime (epoch ms). */
  dateMs: number
  /** Full content hash (media URLs are built from it); null until hashed. */
  sha256: string | null
  /** Cached variants that exist: small, medium, large, preview. */
  variants: string[]
  rating: number | null
  tagIds: number[]
  /** Why it failed (the tile's tooltip). */
  error: string | null
}

export interface Tag {
  id: number
  name: string
  /** How many assets carry it. */
  count: number
}

export interface AssetStats {
  total: number
  byStatus: Partial<Record<AssetStatus, number>>
  byType: Partial<Record<AssetType, number>>
  byRoot: Record<number, number>
  /** With `rootId`: assets directly in each folder ('' is the root). */
  byFolder: Record<string, number> | null
}

export interface FolderNode {
  /** Relative path ('' for the root). */
  path: string
  name: string
  /** Assets directly in this folder. */
  own: number
  /** Assets here and below. */
  total: number
  children: FolderNode[]
}

/** What changed about some assets since the last batch. */
export interface AssetChange {
  /** New or changed rows (status, variants, facts, tags, rating…). */
  changed: number[]
  added: number[]
  removed: number[]
  /** Too much changed to list (a scan, a bulk edit): refetch counts and the rows shown. */
  resync: boolean
}

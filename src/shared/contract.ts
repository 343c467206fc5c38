/**
 * The typed API contract between the renderer and the core.
 *
 * Each domain declares its own method map (method name → args → result); `Methods` intersects
 * them. Transports (Electron IPC, serve-mode WebSocket) and the renderer client are all checked
 * against these types; argument schemas in src/main/api/schemas.ts are checked against them too.
 * Types and constants only: no runtime imports.
 */
import type {
  ApiError,
  AppInfo,
  Asset,
  BundleRecord,
  BundleVerification,
  Collection,
  CollectionDetail,
  CollectionKind,
  AssetStatus,
  AssetType,
  JobsProgress,
  QueueStatus,
  Root,
  StorageChange,
  StorageStatus,
  RootKind,
  ScanProgress,
  ScanResult,
  AssetChange,
  AssetRow,
  AssetStats,
  FolderNode,
  GalleryQuery,
  Selection,
  Tag,
  VerifyReport,
} from './domain'
import type { BundleHistoryEntry, ExportPrecheck, RemovableDrive } from './exports'
import type {
  AddIntegrationRequest,
  AuthStart,
  CacheOptimizeResult,
  CacheValidateResult,
  Integration,
  IntegrationsChange,
  IntegrationsStatus,
  PollResult,
  UpdateIntegrationRequest,
} from './integrations'
import type { ComplianceReport, CustomProfileRequest, ProfileInfo } from './profiles'
import type {
  GraphDirection,
  GraphLink,
  ImpactResult,
  NeighboursResult,
  PathResult,
  RebuildResult,
  ReplaceResult,
  GraphNodeInfo,
} from './graph'

export interface AppMethods {
  'app.info': { args: void; result: AppInfo }
  /** Free space where the library lives, and whether work is paused for it. */
  'app.storage': { args: void; result: StorageStatus }
}

export interface RootsMethods {
  'roots.list': { args: void; result: Root[] }
  'roots.add': { args: { path: string; label?: string; kind?: RootKind }; result: Root }
  /**
   * Forgets a root. When playlists, albums or exported bundles use its files, refused (CONFLICT,
   * saying what uses it; `graph.impact` lists it) unless `confirm`.
   */
  'roots.remove': { args: { id: number; confirm?: boolean }; result: { id: number } }
  'roots.update': {
    args: {
      id: number
      label?: string
      kind?: RootKind
      exclusions?: string[]
      indexAllFiles?: boolean
      /** Scan files with ClamAV before processing them (docs/processing.md, "Virus scan"). */
      virusScan?: boolean
      scanIntervalMs?: number | null
      /** The root's inbox folder, relative to it (default `Inbox`). */
      inbox?: string
    }
    result: Root
  }
  /** Rescans the named roots (all when none), waiting for the results. */
  'roots.scan': { args: { ids?: number[]; confirmEmpty?: boolean }; result: ScanResult[] }
}

export interface AssetQuery {
  rootId?: number
  status?: AssetStatus
  type?: AssetType
  /** Case-insensitive match on the relative path. */
  query?: string
  limit?: number
  offset?: number
  /** Keyset paging: only ids above this one (ids ascend). Scripts page through any size. */
  afterId?: number
  /** Count every match (`total`); false skips the count (`total` is null). Default true. */
  count?: boolean
}

export interface AssetsMethods {
  /**
   * One page of the gallery: lean rows, sorted, filtered. Page sequentially with `after` (the
   * cursor of the previous page) or jump with `offset` (the scrollbar). `total` is counted when
   * `count` is not false.
   */
  'assets.page': {
    args: GalleryQuery & { offset?: number; after?: string; limit?: number; count?: boolean }
    result: {
      items: AssetRow[]
      total: number | null
      /** Pass as `after` for the next page; null on the last page. */
      next: string | null
    }
  }
  /** Counts by status, type and root (and by folder, for one root) in one call. */
  'assets.stats': { args: { rootId?: number }; result: AssetStats }
  /** How many assets of a query fall into each group (folder or month), in the query's order. */
  'assets.groups': {
    args: GalleryQuery & { by: 'folder' | 'month' }
    result: Array<{ key: string; label: string; count: number }>
  }
  /** The position of an asset in a query (to scroll to it), or null when it does not match. */
  'assets.indexOf': { args: GalleryQuery & { id: number }; result: { index: number | null } }
  /** Ids of a selection, in query order, up to `limit` (default 10,000). */
  'assets.ids': { args: { selection: Selection; limit?: number }; result: number[] }
  /** The folders of one root, as a tree with counts (recursive counts included). */
  'folders.tree': { args: { rootId: number }; result: FolderNode }
  /** Sets title, description or rating (null clears) of one asset or a whole selection. */
  'assets.update': {
    args: {
      selection: Selection
      title?: string | null
      description?: string | null
      rating?: number | null
    }
    result: { updated: number }
  }
  'tags.list': { args: void; result: Tag[] }
  /** Tags a selection (tags are created by name when new); untags with `remove`. */
  'tags.apply': {
    args: { selection: Selection; add?: string[]; remove?: string[] }
    result: { changed: number; tags: Tag[] }
  }
  'assets.list': { args: AssetQuery; result: { items: Asset[]; total: number | null } }
  'assets.get': { args: { id: number }; result: Asset }
  /** The indexed asset at an absolute file path. */
  'assets.byPath': { args: { path: string }; result: Asset }
  /**
   * Forgets assets (files on disk are never touched). Assets that collections hold, or that
   * went into exported bundles, are only removed with `confirm`; without it the answer lists
   * those collections and bundles and removes nothing.
   */
  'assets.remove': {
    args: { ids?: number[]; selection?: Selection; confirm?: boolean }
    result: {
      removed: number[]
      heldBy: Array<{
        assetId: number
        collections: Array<{ kind: CollectionKind; name: string }>
        bundles: Array<{ id: string; name: string; dir: string }>
      }>
    }
  }
  /** Groups of asset ids: exact duplicates (same SHA-256) and, when asked, similar images. */
  'assets.duplicates': {
    args: { similar?: boolean }
    result: { duplicates: number[][]; similar: number[][] }
  }
  /**
   * The bitrot check, now and at full speed: re-reads every ready asset (of one root) and flags
   * those whose bytes changed while size and mtime did not (docs/processing.md, "Bitrot").
   */
  'assets.verify': { args: { rootId?: number }; result: VerifyReport }
  /**
   * Files the bitrot check flagged (`integrity: 'changed'`) whose new bytes the user says are
   * right (a tool rewrote them keeping the date): hashed and processed again as they are now.
   */
  'assets.acceptBytes': { args: { ids: number[] }; result: { accepted: number } }
}

export interface JobsMethods {
  'jobs.status': { args: void; result: QueueStatus }
  /**
   * Processes queued work until nothing is queued or running, then answers with the status.
   * Starts the queue where it is not running yet (a CLI that holds the library); answers at once
   * when the queue is paused.
   */
  'jobs.wait': { args: void; result: QueueStatus }
  /** Moves these assets' queued work to the front (what the user is looking at). */
  'jobs.prioritize': { args: { assetIds: number[] }; result: QueueStatus }
  'jobs.pause': { args: void; result: QueueStatus }
  'jobs.resume': { args: void; result: QueueStatus }
  /** Drops queued work (all, or these assets'); running jobs finish. */
  'jobs.cancel': { args: { assetIds?: number[] }; result: QueueStatus }
  /** Failed assets (all, or these) start over. */
  'jobs.retry': { args: { assetIds?: number[]; selection?: Selection }; result: QueueStatus }
}

export interface CollectionsMethods {
  'collections.list': { args: { kind: CollectionKind }; result: Collection[] }
  'collections.get': { args: { kind: CollectionKind; name: string }; result: CollectionDetail }
  'collections.create': { args: { kind: CollectionKind; name: string }; result: Collection }
  /** Appends assets (playlists: in order, with an optional duration for each new item). */
  'collections.add': {
    args: { kind: CollectionKind; name: string; assetIds: number[]; durationMs?: number }
    result: CollectionDetail
  }
  /** Refused (CONFLICT) when exported bundles hold its media, unless `confirm`. */
  'collections.remove': {
    args: { kind: CollectionKind; name: string; confirm?: boolean }
    result: { id: number }
  }
  'collections.rename': {
    args: { kind: CollectionKind; name: string; newName: string }
    result: Collection
  }
  /** A playlist's items in a new order: `itemIds` names every item once. */
  'collections.reorder': { args: { name: string; itemIds: number[] }; result: CollectionDetail }
  /** Playlist items' own duration; null brings back the default. */
  'collections.setDuration': {
    args: { name: string; itemIds: number[]; durationMs: number | null }
    result: CollectionDetail
  }
  'collections.removeItems': {
    args: { kind: CollectionKind; name: string; itemIds: number[] }
    result: CollectionDetail
  }
  /**
   * Adds a gallery selection; a select-all stays a query the core applies (in the gallery's
   * order), so ids never travel. Answers the summary and how many items were added.
   */
  'collections.addSelection': {
    args: { kind: CollectionKind; name: string; selection: Selection; durationMs?: number }
    result: { collection: Collection; added: number }
  }
  /** Puts an album inside another (`parent`), or at the top level (null); cycles are refused. */
  'collections.move': { args: { name: string; parent: string | null }; result: Collection }
  /** The cover, from the collection's own items; null: its first item. */
  'collections.setCover': {
    args: { kind: CollectionKind; name: string; assetId: number | null }
    result: Collection
  }
}

/** What an export takes: exactly one of these. */
export interface ExportSource {
  playlist?: string
  album?: string
  query?: string
  assetIds?: number[]
}

export interface ExportRequest {
  source: ExportSource
  /** Player profile id: fhd-h264, fhd-h264-jpeg or uhd-h264. */
  profile: string
  /** The bundle folder (created if needed; an existing bundle there is updated). */
  out: string
  name?: string
  /** Re-read every object after copying and check its hash. */
  verify?: boolean
  keepAudio?: boolean
}

export interface RunningExport {
  exportId: string
  source: ExportSource
  /** The latest progress event sent, or null before the first. */
  progress: ExportProgress | null
}

export interface ExportResult {
  bundleId: string
  dir: string
  objects: number
  copied: number
  skipped: number
  transcoded: number
  bytes: number
  durationMs: number
  verified: boolean
}

export interface ExportProgress {
  exportId: string
  phase: 'preparing' | 'copying' | 'verifying' | 'writing' | 'done' | 'failed'
  files: number
  totalFiles: number
  bytes: number
  totalBytes: number
  /** Bytes per second. */
  rate: number
  etaMs: number | null
  result?: ExportResult
  error?: string
  /** With `error`: its code (`NO_SPACE` when the destination or the cache disk is full). */
  code?: ApiError['code']
  /** The file being prepared, copied or verified. */
  current?: string
}

export interface ExportMethods {
  'export.start': { args: ExportRequest; result: { exportId: string } }
  'export.cancel': { args: { exportId: string }; result: { cancelled: boolean } }
  /** Exports under way in the core now, with their latest progress (a window that reloads). */
  'export.running': { args: void; result: RunningExport[] }
  'bundles.list': { args: void; result: BundleRecord[] }
  /** Checks any bundle folder byte for byte, one made here or not. */
  'bundles.verify': { args: { dir: string }; result: BundleVerification }
  /** What an export would need there (space, FAT32, objects already there); writes nothing. */
  'export.precheck': {
    args: Pick<ExportRequest, 'source' | 'profile' | 'out' | 'keepAudio'>
    result: ExportPrecheck
  }
  /** Drives the OS reports as removable (USB sticks, SD cards), to export to. */
  'drives.list': { args: void; result: RemovableDrive[] }
  /** The export history with the playlists of each bundle and what changed in them since. */
  'bundles.history': { args: void; result: BundleHistoryEntry[] }
}

/** Where an import lands: a root's inbox (`<inbox>/YYYY-MM-DD/`), or a folder inside a root. */
export type ImportTarget = { rootId: number } | { path: string }

/** A file the browser will upload (serve mode), named by its path inside the drop. */
export interface ImportUpload {
  /** '/'-separated path inside the drop (`Promo/intro.mp4`); folders keep their shape. */
  name: string
  size: number
  /** The file's modification time (epoch ms), kept on the copy. */
  lastModified?: number
  /**
   * The SHA-256 (hex) the page computed before uploading: a content already in the library (or
   * twice in the drop) is reported at once and not uploaded. The server hashes the bytes that
   * arrive anyway; a file whose bytes do not match its claim fails.
   */
  sha256?: string
}

export interface ImportRequest {
  /** Absolute paths of files and folders (the app's drop, the CLI). */
  sources?: string[]
  /** Files a browser uploads with tus to /upload (serve mode). Exactly one of the two. */
  uploads?: ImportUpload[]
  into: ImportTarget
  /** What to do with a file whose content is already in the library; default skip. */
  onDuplicate?: 'skip' | 'keep'
}

/** Where a content already is: an asset and its absolute path. */
export interface ExistingCopy {
  assetId: number
  path: string
}

/** What `marquee import --json` prints, and what the drop panel summarises. */
export interface ImportResult {
  /** Kept duplicates are here too (with their new path), as well as under `duplicates`. */
  imported: Array<{ source: string; path: string; assetId: number; sha256: string }>
  duplicates: Array<{ source: string; existing: ExistingCopy[]; action: 'skipped' | 'kept' }>
  failed: Array<{ source: string; error: string }>
}

/** One file of an import that has settled. */
export type ImportFileOutcome = { fileId: number; source: string; name: string } & (
  | { outcome: 'imported'; path: string; assetId: number; sha256: string }
  | { outcome: 'duplicate'; existing: ExistingCopy[]; action: 'skipped' | 'kept' }
  | { outcome: 'failed'; error: string }
)

/** A file being copied (or uploaded) now. */
export interface ImportFileProgress {
  fileId: number
  source: string
  name: string
  bytes: number
  size: number
}

export interface ImportProgress {
  importId: string
  /** checking: listing, refusals and the duplicate check, before any byte moves. */
  phase: 'checking' | 'copying' | 'done' | 'failed' | 'cancelled'
  rootId: number
  /** The absolute folder the drop lands in. */
  target: string
  /** Files settled (imported, duplicate or failed) of all files. */
  files: number
  totalFiles: number
  /** Bytes copied of the bytes to copy (checking: bytes hashed of the candidates). */
  bytes: number
  totalBytes: number
  /** Bytes per second. */
  rate: number
  etaMs: number | null
  current: ImportFileProgress[]
  /** Files settled since the previous event of this import. */
  settled: ImportFileOutcome[]
  /** With done and cancelled. */
  result?: ImportResult
  /** With failed: the sentence saying why nothing (more) was copied, and its code. */
  error?: string
  code?: ApiError['code']
}

export interface ImportStatus extends Omit<ImportProgress, 'settled' | 'result'> {
  /** Every file settled so far. */
  result: ImportResult
  /** Every file settled so far, with ids (the drop panel's list). */
  outcomes: ImportFileOutcome[]
  /** Files still to copy or upload (each can be cancelled by its id). */
  pending: Array<{ fileId: number; source: string; name: string; size: number }>
  /** Of those, files a page is to upload: a page that was reloaded can no longer send them. */
  uploadsWaiting: number
}

export interface ImportMethods {
  /**
   * Starts an import in the background (progress and the result arrive as import.progress).
   * With `uploads`, answers once they are planned: the file ids to upload, and those refused.
   */
  'import.start': {
    args: ImportRequest
    result: { importId: string; uploads?: Array<{ fileId: number; name: string }> }
  }
  /** Cancels one file (`fileId`) or the whole import; what is already imported stays. */
  'import.cancel': { args: { importId: string; fileId?: number }; result: { cancelled: boolean } }
  'import.status': { args: { importId: string }; result: ImportStatus }
  /** Resumes imports a stop or a crash interrupted; answers with their ids. */
  'import.resume': { args: void; result: { importIds: string[] } }
  /** The imports running now (a reloaded page shows them again, and can cancel them). */
  'import.running': { args: void; result: ImportStatus[] }
}

export interface IntegrationsMethods {
  'integrations.list': { args: void; result: Integration[] }
  /** How sign-ins are stored (and a warning when that is weaker than it should be); cache size. */
  'integrations.status': { args: void; result: IntegrationsStatus }
  'integrations.add': { args: AddIntegrationRequest; result: Integration }
  'integrations.update': { args: UpdateIntegrationRequest; result: Integration }
  /**
   * Forgets an integration. While playlists or albums hold its live items it is only removed
   * with `confirm` (its items leave them); without it the answer names them (CONFLICT).
   */
  'integrations.remove': { args: { id: number; confirm?: boolean }; result: { id: number } }
  /** What uses an integration: the collections holding its items (node `integration:<id>`). */
  'integrations.impact': { args: { id: number }; result: ImpactResult }
  /**
   * Starts connecting an account (OAuth 2.0 authorization code + PKCE through the system
   * browser): answers at once with the address to open; the outcome comes as
   * `integrations.changed`. `openBrowser`: open it where this face can (the desktop app).
   */
  'integrations.auth': { args: { id: number; openBrowser?: boolean }; result: AuthStart }
  /** Fetches once now (unless rate limited: then says how long to wait). */
  'integrations.poll': { args: { id: number }; result: PollResult }
  /** Drops expired, orphaned and corrupt cached media (never what something still uses). */
  'integrations.cacheOptimize': {
    args: { maxAgeDays?: number; dryRun?: boolean }
    result: CacheOptimizeResult
  }
  /** Checks the remote URLs of cached media with HEAD requests (bounded in count and time). */
  'integrations.cacheValidate': { args: void; result: CacheValidateResult }
}

/** The relationship graph (issue 12). A node is a name such as `asset:12` (see shared/graph.ts). */
export interface GraphMethods {
  /** Nodes within `depth` (default 1, at most 4) edges, nearest first, at most `limit` (100). */
  'graph.neighbours': {
    args: {
      node: string
      relations?: string[]
      direction?: GraphDirection
      depth?: number
      limit?: number
      /** Without `relations`: on-request relations (derived_from, fetched_by) walked as well. */
      include?: string[]
    }
    result: NeighboursResult
  }
  /** The shortest chain of edges between two nodes (either direction), within maxDepth (4). */
  'graph.path': {
    args: { from: string; to: string; relations?: string[]; maxDepth?: number }
    result: PathResult
  }
  /** What depends on a node: collections, bundles, integrations, replacing or duplicate assets. */
  'graph.impact': { args: { node: string }; result: ImpactResult }
  /** Records a user relation (`related_to`, `replaces` or a name of one's own), with a note. */
  'graph.link': {
    args: { from: string; to: string; relation: string; note?: string; weight?: number }
    result: GraphLink
  }
  'graph.unlink': {
    args: { from: string; to: string; relation?: string }
    result: { removed: number }
  }
  /** Labels and thumbnails of up to 500 nodes, in the order asked (the explorer draws them). */
  'graph.describe': { args: { nodes: string[] }; result: GraphNodeInfo[] }
  /**
   * Replace content: every playlist and album item holding `oldId` holds `newId` instead (same
   * position and duration), with a `replaces` edge new → old, in one transaction. Files are
   * never touched.
   */
  'assets.replace': {
    args: { oldId: number; newId: number; note?: string }
    result: ReplaceResult
  }
  /**
   * Tags a folder (`''` is the whole root): its assets and those arriving later carry the tags
   * (propagation down `contains`); removing takes back only what the folder handed down.
   * `changed` counts assets that gained or lost a tag; `tags` are the folder's tags now.
   */
  'tags.folder': {
    args: { rootId: number; folder: string; add?: string[]; remove?: string[] }
    result: { changed: number; tags: string[] }
  }
  /** The tags a folder (`''`: the whole root) hands down, by name. */
  'tags.ofFolder': { args: { rootId: number; folder: string }; result: { tags: string[] } }
  /** Repairs what the graph stores or derives (orphan links, tags handed down by folders). */
  'graph.rebuild': { args: void; result: RebuildResult }
}

/** Player profiles and what a collection's items become under one (docs/profiles.md). */
export interface ProfilesMethods {
  'profiles.list': { args: void; result: ProfileInfo[] }
  'profiles.add': { args: CustomProfileRequest; result: ProfileInfo }
  /** Collections set to it fall back to the default profile; `warning` names them. */
  'profiles.remove': {
    args: { name: string }
    result: { name: string; fallback: string; fellBack: string[]; warning?: string }
  }
  /** The profile a collection is checked and exported against. */
  'collections.setProfile': { args: { collectionId: number; profile: string }; result: Collection }
  /** Per item: plays as is, remuxed, transcoded, converted, cannot play, not processed yet. */
  'export.compliance': {
    args: { collectionId: number; profile?: string }
    result: ComplianceReport
  }
}

/**
 * A playlist item that is not a library file (docs/decisions.md "Virtual playlist items"): a web
 * page (http/https) or an integration's live data. Without a duration an item plays 10 s.
 */
export type VirtualItemInput =
  | { kind: 'url'; url: string; durationMs?: number }
  | { kind: 'integration'; integrationId: number; durationMs?: number }

export interface PlaylistItemsMethods {
  /** Appends web pages and integrations to a playlist, in order (assets: `collections.add`). */
  'collections.addItems': {
    args: { name: string; items: VirtualItemInput[] }
    result: CollectionDetail
  }
}

export type Methods = AppMethods &
  RootsMethods &
  AssetsMethods &
  JobsMethods &
  CollectionsMethods &
  ExportMethods &
  ImportMethods &
  IntegrationsMethods &
  GraphMethods &
  ProfilesMethods &
  PlaylistItemsMethods
export type MethodName = keyof Methods
export type MethodArgs<M extends MethodName> = Methods[M]['args']
export type MethodResult<M extends MethodName> = Methods[M]['result']

/** Every method, listed once, so transports and tests can enumerate the contract. */
export const METHOD_NAMES = [
  'app.info',
  'app.storage',
  'roots.list',
  'roots.add',
  'roots.remove',
  'roots.update',
  'roots.scan',
  'assets.page',
  'assets.stats',
  'assets.groups',
  'assets.indexOf',
  'assets.ids',
  'folders.tree',
  'assets.update',
  'tags.list',
  'tags.apply',
  'assets.list',
  'assets.get',
  'assets.byPath',
  'assets.duplicates',
  'assets.remove',
  'assets.verify',
  'assets.acceptBytes',
  'jobs.status',
  'jobs.wait',
  'jobs.prioritize',
  'jobs.pause',
  'jobs.resume',
  'jobs.cancel',
  'jobs.retry',
  'collections.list',
  'collections.get',
  'collections.create',
  'collections.add',
  'collections.remove',
  'collections.rename',
  'collections.reorder',
  'collections.setDuration',
  'collections.removeItems',
  'collections.addSelection',
  'collections.move',
  'collections.setCover',
  'export.start',
  'export.cancel',
  'export.running',
  'bundles.list',
  'bundles.verify',
  'export.precheck',
  'drives.list',
  'bundles.history',
  'import.start',
  'import.cancel',
  'import.status',
  'import.resume',
  'import.running',
  'integrations.list',
  'integrations.status',
  'integrations.add',
  'integrations.update',
  'integrations.remove',
  'integrations.impact',
  'integrations.auth',
  'integrations.poll',
  'integrations.cacheOptimize',
  'integrations.cacheValidate',
  'graph.neighbours',
  'graph.path',
  'graph.impact',
  'graph.link',
  'graph.unlink',
  'profiles.list',
  'profiles.add',
  'profiles.remove',
  'collections.setProfile',
  'export.compliance',
  'collections.addItems',
  'assets.replace',
  'tags.folder',
  'tags.ofFolder',
  'graph.rebuild',
  'graph.describe',
] as const satisfies readonly MethodName[]

// Fails to compile when a method is declared above but missing from METHOD_NAMES.
type MissingFromList = Exclude<MethodName, (typeof METHOD_NAMES)[number]>
export const METHOD_LIST_IS_COMPLETE: MissingFromList extends never ? true : never = true

/** Events the core pushes to every connected renderer. */
export interface Events {
  'roots.changed': { roots: Root[] }
  'scan.progress': ScanProgress
  'jobs.progress': JobsProgress
  'export.progress': ExportProgress
  'storage.changed': StorageChange
  /** Assets that changed, batched (at most about four a second). */
  'assets.changed': AssetChange
  /** Per file and overall, at most about four a second per import (phase changes at once). */
  'import.progress': ImportProgress
  'integrations.changed': IntegrationsChange
}
export type EventName = keyof Events

export const EVENT_NAMES = [
  'roots.changed',
  'scan.progress',
  'jobs.progress',
  'export.progress',
  'storage.changed',
  'assets.changed',
  'import.progress',
  'integrations.changed',
] as const satisfies readonly EventName[]

// Fails to compile when an event is declared above but missing from EVENT_NAMES.
type EventMissingFromList = Exclude<EventName, (typeof EVENT_NAMES)[number]>
export const EVENT_LIST_IS_COMPLETE: EventMissingFromList extends never ? true : never = true

/** What one call returns across any transport: errors travel as data, never as exceptions. */
export type ApiResponse<T> = { ok: true; result: T } | { ok: false; error: ApiError }

/** The implementation side: one handler per method. */
export type Handlers = {
  [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>
}

/** Wire messages of the serve-mode WebSocket. */
export type ClientMessage = { id: number; method: string; args?: unknown }
export type ServerMessage =
  { id: number; response: ApiResponse<unknown> } | { event: EventName; payload: Events[EventName] }

/** Electron IPC channel names: one prefix, one invoke channel, one event channel. */
export const IPC_CHANNELS = {
  invoke: 'marquee:invoke',
  event: 'marquee:event',
  pickFolder: 'marquee:shell:pick-folder',
  revealAsset: 'marquee:shell:reveal-asset',
  openAsset: 'marquee:shell:open-asset',
  dragOut: 'marquee:shell:drag-out',
} as const

/** What a picked folder is for: a library folder to add, or where to export a bundle. */
export type FolderPurpose = 'library' | 'export'

/**
 * What the preload exposes as `window.marquee`. It carries the contract only; `ipcRenderer`
 * itself never reaches the page.
 */
export interface MarqueeBridge {
  invoke(method: MethodName, args?: unknown): Promise<ApiResponse<unknown>>
  /** Subscribes to every core event; returns the unsubscribe function. */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void
  /** Shell-only capabilities that have no serve-mode equivalent. */
  shell: {
    /** The system's folder picker, titled for what the folder is for; null when cancelled. */
    pickFolder(purpose?: FolderPurpose): Promise<string | null>
    /** Shows an asset's original in the file manager; a sentence when it cannot, else null. */
    revealAsset(id: number): Promise<string | null>
    /** Opens an asset's original with the system's default app; a sentence when it cannot. */
    openAsset(id: number): Promise<string | null>
    /**
     * Starts dragging assets out of the window to the desktop or another app (call it from
     * `dragstart`): their originals, or the largest cached variant of those whose root is
     * offline. A sentence when nothing can be dragged, else null.
     */
    dragOut(ids: number[]): Promise<string | null>
    /**
     * The path of a file (or folder) dropped on the window (Electron's webUtils): the core copies
     * it, so its bytes never pass through the renderer. '' for a file that has none.
     */
    pathForFile(file: File): string
  }
}

/** URL prefixes of the one media route (see src/main/transport/media-route.ts). */
export const MEDIA_SCHEME = 'marquee-media'
export const MEDIA_HTTP_PREFIX = '/media/'

/** Serve mode's resumable uploads (tus 1.0); each upload's metadata names its import and file. */
export const UPLOAD_PATH = '/upload'

import type { AppInfo } from '../shared/domain'
import { createDispatch, type Dispatch } from './api/dispatch'
import { createHandlers } from './api/handlers'
import { openDatabase, type Db } from './db/connection'
import { isOutOfSpace, LibraryLockedError } from './errors'
import { EventBus } from './events'
import { createLogger, type Logger } from './logger'
import { dataPaths, type DataPaths } from './paths'
import { AssetsRepository } from './repositories/assets.repository'
import { FilesystemRepository } from './repositories/filesystem.repository'
import { MediaFilesRepository } from './repositories/media-files.repository'
import { OriginalsRepository } from './repositories/originals.repository'
import { RootsRepository } from './repositories/roots.repository'
import { ScansRepository } from './repositories/scans.repository'
import { workerWatches } from './repositories/watcher.repository'
import { AppService } from './services/app.service'
import { AssetsService } from './services/assets.service'
import {
  DEFAULT_WATCH_SETTINGS,
  LibraryWatchService,
  type WatchSettings,
} from './services/library-watch.service'
import { RootsService } from './services/roots.service'
import { ScanService } from './services/scan.service'
import {
  DEFAULT_STORAGE_SETTINGS,
  StorageService,
  type StorageGate,
  type StorageSettings,
} from './services/storage.service'
import { StorageRepository } from './repositories/storage.repository'
import { backoffMs } from './jobs/job-names'
import { LibraryLockRepository } from './repositories/library-lock.repository'
import { listenLocal, type LocalServer } from './transport/local-socket'
import { createMediaHandler, type MediaHandler } from './transport/media-route'
import { HANDLERS } from './jobs/handlers'
import type { JobContext } from './jobs/job-context'
import { ColorsRepository } from './repositories/colors.repository'
import { IntegrityRepository } from './repositories/integrity.repository'
import {
  DEFAULT_INTEGRITY_SETTINGS,
  IntegrityService,
  integritySettingsFrom,
  type IntegritySettings,
} from './services/integrity.service'
import { ClamavRepository, clamavSettings } from './repositories/clamav.repository'
import { CacheRepository } from './repositories/cache.repository'
import { MediaPool } from './jobs/pool'
import { resolveBinaries, resolvePoppler } from './repositories/binaries'
import { DerivativesRepository } from './repositories/derivatives.repository'
import { ExiftoolRepository } from './repositories/exiftool.repository'
import { FfmpegRepository } from './repositories/ffmpeg.repository'
import { PdfRepository } from './repositories/pdf.repository'
import { JobsRepository } from './repositories/jobs.repository'
import { ProcessingRepository } from './repositories/processing.repository'
import { BundleFilesRepository } from './repositories/bundle-files.repository'
import { BundlesRepository } from './repositories/bundles.repository'
import { CollectionsRepository } from './repositories/collections.repository'
import { DatabaseRepository } from './repositories/database.repository'
import { RenditionsRepository } from './repositories/renditions.repository'
import { CollectionsService } from './services/collections.service'
import { AlbumTreeService } from './services/album-tree.service'
import { AlbumTreeRepository } from './repositories/album-tree.repository'
import { ExportService } from './services/export.service'
import { ExportPrecheckService } from './services/export-precheck.service'
import { BundleHistoryService } from './services/bundle-history.service'
import { BundlePlaylistsRepository } from './repositories/bundle-playlists.repository'
import { DrivesRepository, type DrivesSources } from './repositories/drives.repository'
import { ComplianceService } from './services/compliance.service'
import { ProfilesService } from './services/profiles.service'
import { ProfilesRepository } from './repositories/profiles.repository'
import { widgetSource } from './services/widget-source'
import { PreviewService } from './services/preview.service'
import { withPreview } from './transport/preview-route'
import { IntegrationMediaRepository } from './repositories/integration-media.repository'
import { JobsService } from './services/jobs.service'
import { SimilarityService } from './services/similarity.service'
import { AssetChangesService } from './services/asset-changes.service'
import { GalleryService } from './services/gallery.service'
import { SearchIndexService } from './services/search-index.service'
import { SearchIndexRepository } from './repositories/search-index.repository'
import { GalleryRepository } from './repositories/gallery.repository'
import { LibraryStatsRepository } from './repositories/library-stats.repository'
import { TagsRepository } from './repositories/tags.repository'
import { ImportService } from './services/import.service'
import { GraphService } from './services/graph.service'
import { GraphRepository } from './repositories/graph.repository'
import { ReplaceService } from './services/replace.service'
import { ImpactGuard } from './services/impact-guard'
import { FolderTagsService } from './services/folder-tags.service'
import { FolderTagsRepository } from './repositories/folder-tags.repository'
import { IntegrationUsageRepository } from './repositories/integration-usage.repository'
import { GraphRebuildService } from './services/graph-rebuild.service'
import { GraphRepairRepository } from './repositories/graph-repair.repository'
import { ReplaceRepository } from './repositories/replace.repository'
import { GraphNodesService } from './services/graph-nodes.service'
import { GraphNodesRepository } from './repositories/graph-nodes.repository'
import { ImportsRepository } from './repositories/imports.repository'
import { IMPORT_COPIES, ImportFilesRepository } from './repositories/import-files.repository'
import { UploadPartsRepository } from './repositories/upload-parts.repository'
import type { WorkerSpecs } from './workers'
import {
  createIntegrations,
  type IntegrationOptions,
  type IntegrationServices,
} from './app-integrations'

/**
 * Files an import has under way at once, and of those, files being copied (ImportDeps): two
 * copy while two wait for the disk, so the cores never idle on an fsync (docs/decisions.md).
 */
const IMPORT_LANES = 4
/** Export objects copied at once, on threads of their own (BundleFilesRepository). */
const EXPORT_COPIES = 2

export interface CoreOptions {
  dataDir: string
  face: AppInfo['face']
  /** Starts worker threads; the entry point knows where the built workers are. */
  workers: WorkerSpecs
  logger?: Logger
  /** better-sqlite3 binary to load instead of the default (see db/native-binding.ts). */
  nativeBinding?: string | undefined
  /** A filesystem call on a root unanswered for this long makes the root offline. */
  fsTimeoutMs?: number
  /** How long serve-mode uploads wait for their page before failing (tests shorten it). */
  uploadGraceMs?: number
  /** Files modified within this window are left for the next scan (they may still be copying). */
  settleMs?: number
  watch?: Partial<WatchSettings>
  /** Low-water mark and how often a paused queue looks for room (tests shorten it). */
  storage?: Partial<StorageSettings>
  /** The bitrot check's schedule and pace (MARQUEE_VERIFY_DAYS / MARQUEE_VERIFY_MBPS otherwise). */
  integrity?: Partial<IntegritySettings>
  /** Credentials box, browser opener, Spotify endpoints, cache limits (see app-integrations). */
  integrations?: IntegrationOptions
  /** Where removable drives are read from (tests pass a fake mount table and /sys/block). */
  drives?: Partial<DrivesSources>
}

export interface Services extends IntegrationServices {
  app: AppService
  roots: RootsService
  scan: ScanService
  assets: AssetsService
  watch: LibraryWatchService
  jobs: JobsService
  collections: CollectionsService
  exports: ExportService
  storage: StorageService
  gallery: GalleryService
  imports: ImportService
  graph: GraphService
  exportPrecheck: ExportPrecheckService
  bundleHistory: BundleHistoryService
  profiles: ProfilesService
  compliance: ComplianceService
  albums: AlbumTreeService
  replace: ReplaceService
  impactGuard: ImpactGuard
  folderTags: FolderTagsService
  graphRebuild: GraphRebuildService
  graphNodes: GraphNodesService
  integrity: IntegrityService
}

export interface Core {
  paths: DataPaths
  db: Db
  events: EventBus
  logger: Logger
  services: Services
  /** The single validated entry point for every contract call. */
  dispatch: Dispatch
  /** The single media route. */
  media: MediaHandler
  /** Background work of the long-running faces: rescans, watching, offline recovery. */
  startBackground(): void
  /**
   * Opens the local socket through which CLI processes on this machine use this core (the
   * lock file names it). `drainOnClose`: close() waits for connected CLIs to finish first.
   */
  listen(options?: { drainOnClose?: boolean }): Promise<void>
  /** How many CLI processes are connected through the local socket now. */
  clients(): number
  close(): Promise<void>
}

/**
 * The composition root: opens the data directory and the database, wires repositories into
 * services, and hands the transports one dispatcher and one media handler. Plain Node: nothing
 * here (or below) imports electron.
 */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? createLogger()
  const paths = dataPaths(options.dataDir)
  // One owner per library: everything below (crash recovery included) runs only in the holder.
  const locks = new LibraryLockRepository(paths.dataDir)
  const attempt = locks.tryAcquire(options.face)
  if (!attempt.acquired) throw new LibraryLockedError(paths.dataDir, attempt.holder)
  const lock = attempt.lock
  const cache = new CacheRepository(paths.cacheDir)
  let db: Db
  try {
    cache.ensure()
    db = openDatabase(paths.databasePath, { nativeBinding: options.nativeBinding })
  } catch (error) {
    lock.release()
    throw error
  }
  const now = Date.now

  const events = new EventBus((error, event) =>
    logger.error(`events: a listener of ${event} failed`, error),
  )
  const rootsRepository = new RootsRepository(db)
  const scansRepository = new ScansRepository(db)
  const storage = new StorageService(
    new StorageRepository(),
    events,
    paths.dataDir,
    { ...DEFAULT_STORAGE_SETTINGS, ...options.storage },
    logger,
    now,
  )
  recoverFromCrash(scansRepository, rootsRepository, cache, storage, now())

  const roots = new RootsService(rootsRepository, new FilesystemRepository(), events, now)
  // Reads of network roots' originals run on threads a hung share may block (docs/decisions.md).
  const originals = new OriginalsRepository(
    options.workers('originals'),
    (id) => rootsRepository.get(id),
    { timeoutMs: options.fsTimeoutMs ?? 10_000 },
    (id, reason) => roots.setStatus(id, 'offline', reason),
  )
  const changes = new AssetChangesService(events)
  const processing = createProcessing(
    db,
    cache,
    options,
    events,
    logger,
    now,
    originals,
    storage,
    changes,
  )
  const scan = new ScanService(
    roots,
    rootsRepository,
    scansRepository,
    events,
    processing.jobs,
    storage,
    options.workers,
    {
      databasePath: paths.databasePath,
      nativeBinding: options.nativeBinding,
      fsTimeoutMs: options.fsTimeoutMs ?? 10_000,
      settleMs: options.settleMs ?? 2_000,
      checkpointEveryMs: options.face === 'cli' ? 100 : undefined,
    },
    logger,
    now,
  )
  const collectionsRepository = new CollectionsRepository(db)
  const similarity = new SimilarityService(processing.assets, events)
  const assetsRepository = new AssetsRepository(db)
  const bundlesRepository = new BundlesRepository(db)
  const assets = new AssetsService(
    assetsRepository,
    rootsRepository,
    processing.derivatives,
    similarity,
    processing.assets,
    collectionsRepository,
    processing.jobs,
    changes,
    bundlesRepository,
  )
  const search = new SearchIndexService(new SearchIndexRepository(db), events, logger, () =>
    scan.anyRunning(),
  )
  search.start()
  const gallery = new GalleryService(
    new GalleryRepository(db),
    new LibraryStatsRepository(db),
    new TagsRepository(db),
    rootsRepository,
    similarity,
    (id) => assetsRepository.get(id),
    changes,
    search,
    now,
  )
  const albumTree = new AlbumTreeRepository(db)
  const collections = new CollectionsService(
    collectionsRepository,
    (id) => processing.assets.get(id) !== undefined,
    now,
    albumTree,
    (selection) => gallery.selectionFilter(selection),
  )
  const albums = new AlbumTreeService(collectionsRepository, albumTree, collections, now)
  // Exports copy on threads of their own, as imports do (BundleFilesRepository.copyOnThread).
  const exportThreads = new ImportFilesRepository(options.workers('import'), {
    timeoutMs: options.fsTimeoutMs ?? 10_000,
    threads: EXPORT_COPIES,
  })
  const bundleFiles = new BundleFilesRepository(exportThreads)
  const drives = new DrivesRepository(options.drives)
  const bundleHistory = new BundleHistoryService(
    bundlesRepository,
    new BundlePlaylistsRepository(db),
    collections,
  )
  const profiles = new ProfilesService(new ProfilesRepository(db), now)
  const renditions = new RenditionsRepository(paths.cacheDir, bundleFiles)
  const compliance = new ComplianceService({
    collectionRows: collectionsRepository,
    collections,
    assets: processing.assets,
    renditions,
    ffmpeg: processing.ffmpeg,
    profiles,
  })
  const exports = new ExportService({
    assets: processing.assets,
    library: assets,
    collections,
    files: bundleFiles,
    bundles: bundlesRepository,
    derivatives: processing.derivatives,
    renditions,
    profiles,
    pool: processing.pool,
    ffmpeg: processing.ffmpeg,
    cacheDir: paths.cacheDir,
    events,
    logger,
    now,
    history: bundleHistory,
    drives,
    // Integrations are wired below; exports only ask for snapshots once the core runs.
    widgets: {
      snapshot: (id) => widgets.snapshot(id),
      reference: (owner, ownerId, sha256s) => widgets.reference(owner, ownerId, sha256s),
    },
  })
  const exportPrecheck = new ExportPrecheckService({
    assets: processing.assets,
    library: assets,
    collections,
    derivatives: processing.derivatives,
    files: bundleFiles,
    drives,
    profiles,
  })
  // Imports wake the queue after each file; a few times a second is plenty.
  let wakeTimer: NodeJS.Timeout | undefined
  const imports = new ImportService({
    imports: new ImportsRepository(db),
    files: new ImportFilesRepository(options.workers('import'), {
      timeoutMs: options.fsTimeoutMs ?? 10_000,
      threads: IMPORT_COPIES + 1,
    }),
    parts: new UploadPartsRepository(),
    jobs: new JobsRepository(db),
    wakeQueue: () => {
      wakeTimer ??= setTimeout(() => {
        wakeTimer = undefined
        processing.jobs.queueDiscovered()
      }, 250)
    },
    roots,
    events,
    logger,
    now,
    dataDir: paths.dataDir,
    lanes: IMPORT_LANES,
    copying: IMPORT_COPIES,
    uploadGraceMs: options.uploadGraceMs,
  })
  // The lock holder cleans up after a stopped or killed import (its .part files) at once.
  void imports
    .recover()
    .catch((error: unknown) => logger.error('import: recovery after a stop failed', error))
  const integrations = createIntegrations(
    db,
    paths,
    options.integrations ?? {},
    events,
    logger,
    now,
  )
  const widgets = widgetSource(integrations.integrations, new IntegrationMediaRepository(db))
  const folderTagsRepository = new FolderTagsRepository(db)
  const graph = new GraphService(
    new GraphRepository(db),
    (path) => assets.byPath(path).id,
    now,
    (id) => similarity.near(id),
  )
  const integrity = new IntegrityService(
    new IntegrityRepository(db),
    originals,
    changes,
    {
      ...DEFAULT_INTEGRITY_SETTINGS,
      ...integritySettingsFrom(process.env),
      ...options.integrity,
    },
    logger,
    now,
  )
  const services: Services = {
    integrity,
    imports,
    integrations: integrations.integrations,
    integrationAuth: integrations.integrationAuth,
    integrationPoller: integrations.integrationPoller,
    integrationMedia: integrations.integrationMedia,
    app: new AppService(new DatabaseRepository(db), paths, options.face),
    graph,
    impactGuard: new ImpactGuard(graph, new IntegrationUsageRepository(db)),
    folderTags: new FolderTagsService(
      folderTagsRepository,
      new TagsRepository(db),
      (id) => rootsRepository.get(id) !== undefined,
      now,
      () => changes.everything(),
    ),
    graphRebuild: new GraphRebuildService(new GraphRepairRepository(db), folderTagsRepository),
    replace: new ReplaceService(
      new ReplaceRepository(db),
      graph,
      (id) => processing.assets.get(id) !== undefined,
      now,
    ),
    graphNodes: new GraphNodesService(new GraphNodesRepository(db)),
    roots,
    scan,
    storage,
    jobs: processing.jobs,
    assets,
    collections,
    albums,
    exports,
    exportPrecheck,
    bundleHistory,
    profiles,
    compliance,
    gallery,
    watch: new LibraryWatchService(
      roots,
      scan,
      events,
      workerWatches(options.workers('watch')),
      { ...DEFAULT_WATCH_SETTINGS, ...options.watch },
      logger,
      now,
    ),
  }
  const dispatchAll = createDispatch(createHandlers(services), logger)
  // Every call is someone at work (the UI, the CLI): the bitrot check waits for quiet.
  const dispatch: Dispatch = (method, args) => {
    integrity.noteActivity()
    return dispatchAll(method, args)
  }
  const preview = new PreviewService(
    collections,
    (sha256) => processing.derivatives.listed(sha256),
    widgets,
  )
  const media = withPreview(
    createMediaHandler(
      { rootPath: (id) => rootsRepository.get(id)?.path, cacheDir: paths.cacheDir },
      new MediaFilesRepository(originals),
    ),
    (playlistId) => preview.build(playlistId),
  )

  let closing: Promise<void> | undefined
  let local: LocalServer | undefined
  let drainOnClose = false
  return {
    paths,
    db,
    events,
    logger,
    services,
    dispatch,
    media,
    startBackground: () => {
      services.watch.start()
      services.jobs.start()
      services.imports
        .resume()
        .catch((error: unknown) =>
          logger.error('import: resuming interrupted imports failed', error),
        )
      services.integrationPoller.start()
      integrity.start()
    },
    async listen(listenOptions = {}) {
      drainOnClose = listenOptions.drainOnClose === true
      local ??= await listenLocal(lock.holder.socket, dispatch, events, logger)
    },
    clients: () => local?.connections() ?? 0,
    close() {
      closing ??= (async () => {
        try {
          await local?.close({ drain: drainOnClose })
          await integrations.close()
          await services.watch.stop()
          await imports.close()
          await exportThreads.close()
          await integrity.close()
          clearTimeout(wakeTimer)
          await scan.close()
          await processing.close()
          changes.close()
          search.close()
          await originals.close()
          storage.close()
          db.close()
        } finally {
          lock.release()
        }
      })()
      return closing
    },
  }
}

/**
 * The processing pipeline: queue, pool, tools. The scan service hands it what each scan found
 * (an explicit call, not an event); processing runs where someone started it (app, serve,
 * `index --wait`).
 */
function createProcessing(
  db: Db,
  cache: CacheRepository,
  options: CoreOptions,
  events: EventBus,
  logger: Logger,
  now: () => number,
  originals: OriginalsRepository,
  storage: StorageGate,
  changes: AssetChangesService,
) {
  const pool = new MediaPool(options.workers('media'))
  const exiftool = new ExiftoolRepository()
  let ffmpeg: FfmpegRepository | undefined
  let pdf: PdfRepository | undefined
  let clamav: ClamavRepository | undefined
  const assets = new ProcessingRepository(db)
  const context: JobContext = {
    assets,
    derivatives: new DerivativesRepository(db),
    colors: new ColorsRepository(db),
    pool,
    ffmpeg: () => (ffmpeg ??= new FfmpegRepository(resolveBinaries())),
    pdf: () => (pdf ??= new PdfRepository(resolvePoppler())),
    clamav: () => (clamav ??= new ClamavRepository(clamavSettings())),
    exiftool,
    originals,
    cache,
    logger,
    now,
  }
  const jobs = new JobsService(
    new JobsRepository(db),
    assets,
    HANDLERS,
    { io: 4, cpu: pool.threads + 1, ffmpeg: 1, scan: 1 },
    context,
    events,
    logger,
    now,
    backoffMs,
    storage,
    changes,
  )
  return {
    jobs,
    assets,
    derivatives: context.derivatives,
    pool,
    ffmpeg: context.ffmpeg,
    async close() {
      await jobs.close()
      await ffmpeg?.close()
      await pdf?.close()
      clamav?.close()
      await pool.close()
      await exiftool.close()
    },
  }
}

/**
 * What a process that died left behind: a running scan and a root marked scanning, and half-
 * written files in cache/tmp (jobs it left running are queued again by the job service). Only
 * the lock holder runs this, so it never pulls anything from under a live process.
 */
function recoverFromCrash(
  scans: ScansRepository,
  roots: RootsRepository,
  cache: CacheRepository,
  storage: StorageGate,
  now: number,
): void {
  cache.emptyTmp()
  try {
    scans.abandonRunning(now)
    roots.resetScanning(now)
    scans.restoreIndexes()
  } catch (error) {
    // A full disk cannot take even these few rows: work waits for room, and they are redone then.
    if (!isOutOfSpace(error)) throw error
    storage.full(error)
  }
}

import { mkdirSync } from 'node:fs'
import type { AppInfo } from '../shared/domain'
import { createDispatch, type Dispatch } from './api/dispatch'
import { createHandlers } from './api/handlers'
import { openDatabase, type Db } from './db/connection'
import { EventBus } from './events'
import { createLogger, type Logger } from './logger'
import { dataPaths, type DataPaths } from './paths'
import { FilesystemRepository } from './repositories/filesystem.repository'
import { MediaFilesRepository } from './repositories/media-files.repository'
import { RootsRepository } from './repositories/roots.repository'
import { AppService } from './services/app.service'
import { RootsService } from './services/roots.service'
import { createMediaHandler, type MediaHandler } from './transport/media-route'

export interface CoreOptions {
  dataDir: string
  face: AppInfo['face']
  logger?: Logger
  /** better-sqlite3 binary to load instead of the default (see db/native-binding.ts). */
  nativeBinding?: string | undefined
}

export interface Core {
  paths: DataPaths
  db: Db
  events: EventBus
  logger: Logger
  services: { app: AppService; roots: RootsService }
  /** The single validated entry point for every contract call. */
  dispatch: Dispatch
  /** The single media route. */
  media: MediaHandler
  close(): void
}

/**
 * The composition root: opens the data directory and the database, wires repositories into
 * services, and hands the transports one dispatcher and one media handler. Plain Node: nothing
 * here (or below) imports electron.
 */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? createLogger()
  const paths = dataPaths(options.dataDir)
  mkdirSync(paths.cacheDir, { recursive: true })
  const db = openDatabase(paths.databasePath, { nativeBinding: options.nativeBinding })

  const events = new EventBus()
  const rootsRepository = new RootsRepository(db)
  const services = {
    app: new AppService(db, paths, options.face),
    roots: new RootsService(rootsRepository, new FilesystemRepository(), events),
  }
  const dispatch = createDispatch(createHandlers(services), logger)
  const media = createMediaHandler(
    { rootPath: (id) => rootsRepository.get(id)?.path, cacheDir: paths.cacheDir },
    new MediaFilesRepository(),
  )

  let closed = false
  return {
    paths,
    db,
    events,
    logger,
    services,
    dispatch,
    media,
    close() {
      if (closed) return
      closed = true
      db.close()
    },
  }
}

import { app, dialog, shell, type BrowserWindow } from 'electron'
import { createCore, type Core } from '../app'
import { storageSettingsFromEnv } from '../services/storage.service'
import { selectNativeBinding } from '../db/native-binding'
import { AppError, LibraryLockedError } from '../errors'
import { createLogger, type Logger } from '../logger'
import type { WorkerSpecs } from '../workers'
import { setAppMenu } from './app-menu'
import { appUrlCheck, type ShellLocations } from './app-url'
import { addFolderFromMenu } from './folder-dialog'
import { forwardEvents, registerIpc } from './ipc'
import { createMainWindow } from './main-window'
import { handleMediaProtocol, registerMediaScheme } from './media-protocol'
import { guardWebContents } from './web-contents-guard'
import { safeStorageBox } from './safe-storage'

export interface ShellOptions extends ShellLocations {
  /** Starts worker threads (the built ones, next to the entry point). */
  workers: WorkerSpecs
  logger?: Logger
}

/** The running app: its core and its window (null between closing and reopening on macOS). */
export interface Shell {
  core: Core
  window(): BrowserWindow | null
}

/**
 * Starts the desktop app. Resolves with the running shell once the window is open, or null when
 * another instance already runs or the library could not be opened (the app is then quitting).
 */
export function runShell(options: ShellOptions): Promise<Shell | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return Promise.resolve(null)
  }
  // Everything up to whenReady() runs synchronously, before Chromium finishes starting.
  registerMediaScheme()
  const logger = options.logger ?? createLogger()
  const isAppUrl = appUrlCheck(options)
  let core: Core | null = null
  let window: BrowserWindow | null = null

  const openWindow = (running: Core): void => {
    const opened = createMainWindow(options, isAppUrl, logger)
    forwardEvents(running.events, opened)
    opened.once('closed', () => {
      if (window === opened) window = null
    })
    window = opened
  }

  // A safety net for any webContents the main window code does not create itself.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isAppUrl))
  app.on('second-instance', () => {
    // On macOS the app may be running with every window closed: starting it again reopens one.
    if (!window) {
      if (core) openWindow(core)
      return
    }
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (core && !window) openWindow(core)
  })
  app.on('will-quit', () => void core?.close())

  return app.whenReady().then(async () => {
    try {
      const running = openCore(options.workers, logger)
      // The CLI on this machine goes through this window's core while the app runs.
      await running.listen().catch((error: unknown) => {
        void running.close()
        throw error
      })
      core = running
      handleMediaProtocol(running.media)
      registerIpc({ core: running, window: () => window, isAppUrl })
      setAppMenu(
        { platform: process.platform, isPackaged: app.isPackaged },
        {
          addFolder: () =>
            addFolderFromMenu(running, window).catch((error: unknown) =>
              logger.error('Add Folder… failed', error),
            ),
        },
      )
      openWindow(running)
      running.startBackground()
      return { core: running, window: () => window }
    } catch (error) {
      failToStart(error, logger)
      return null
    }
  })
}

function openCore(workers: WorkerSpecs, logger: Logger): Core {
  const dataDir = app.getPath('userData')
  return createCore({
    dataDir,
    face: 'electron',
    workers,
    logger,
    storage: storageSettingsFromEnv(process.env),
    // Sign-ins sealed by the keychain; "Connect" opens the system browser (RFC 8252).
    integrations: {
      secrets: safeStorageBox(dataDir),
      openExternal: (url) => shell.openExternal(url),
    },
    nativeBinding: selectNativeBinding({
      versions: process.versions,
      projectRoot: app.getAppPath(),
    }),
  })
}

/** Without its library the app can do nothing useful: say why, then quit. */
function failToStart(error: unknown, logger: Logger): void {
  if (error instanceof LibraryLockedError) {
    // `marquee serve` (or another copy of the app under another user session) holds it.
    dialog.showErrorBox(
      'Marquee’s library is in use',
      `${error.message}\n\nStop that process, or open the library there.`,
    )
    app.exit(2)
    return
  }
  logger.error('Marquee could not start', error)
  const detail =
    error instanceof AppError
      ? error.message
      : `${error instanceof Error ? error.message : String(error)}\n\nThe details were written to the log.`
  dialog.showErrorBox('Marquee cannot start', detail)
  app.quit()
}

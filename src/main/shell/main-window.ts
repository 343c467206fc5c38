import { BrowserWindow } from 'electron'
import { APP_NAME } from '../../shared/domain'
import type { Logger } from '../logger'
import type { AppUrlCheck, ShellLocations } from './app-url'
import { hardenSession } from './session-policy'
import { guardWebContents } from './web-contents-guard'

/** The one app window: an isolated, sandboxed renderer that reaches the core only via preload. */
export function createMainWindow(
  locations: ShellLocations,
  isAppUrl: AppUrlCheck,
  logger: Logger,
): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: locations.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  })
  // Before the first load, so the very first response already carries the policy.
  hardenSession(window.webContents.session)
  guardWebContents(window.webContents, isAppUrl)
  window.once('ready-to-show', () => window.show())

  const loaded = locations.devServerUrl
    ? window.loadURL(locations.devServerUrl)
    : window.loadFile(locations.rendererFile)
  loaded.catch((error: unknown) =>
    logger.error('The Marquee window could not load its page', error),
  )
  return window
}

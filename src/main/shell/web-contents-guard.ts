import { shell, type WebContents } from 'electron'
import type { AppUrlCheck } from './app-url'

const guarded = new WeakSet<WebContents>()

/**
 * Keeps a page on the app: navigation elsewhere, new windows and <webview> are refused. Applied
 * to the main window explicitly and to every other webContents as it is created, so it is
 * idempotent.
 */
export function guardWebContents(contents: WebContents, isAppUrl: AppUrlCheck): void {
  if (guarded.has(contents)) return
  guarded.add(contents)
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** A web link opens in the user's browser; file:, javascript: and custom schemes go nowhere. */
export function openInBrowser(url: string): void {
  if (!isWebUrl(url)) return
  // A browser that fails to start is not worth an unhandled rejection in the main process.
  shell.openExternal(url).catch(() => undefined)
}

export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

import { dirname } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Where the shell finds its built pieces; src/main/index.ts computes them from its own URL. */
export interface ShellLocations {
  /** The sandboxed preload, built as CommonJS (out/preload/index.cjs). */
  preload: string
  /** The built renderer page (out/renderer/index.html). */
  rendererFile: string
  /** Set by `electron-vite dev` (ELECTRON_RENDERER_URL): the renderer is served by Vite. */
  devServerUrl?: string | undefined
}

export type AppUrlCheck = (url: string) => boolean

/**
 * "Is this URL the app's own renderer?" Every trust decision of the shell (navigation, IPC
 * senders) rests on it: the dev server's origin under `electron-vite dev`, else a file:// URL
 * inside the built renderer folder.
 */
export function appUrlCheck({ rendererFile, devServerUrl }: ShellLocations): AppUrlCheck {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin
    return (url) => parse(url)?.origin === origin
  }
  const folder = `${pathToFileURL(dirname(rendererFile)).pathname}/`
  return (url) => {
    const parsed = parse(url)
    // URL parsing has already resolved any `..` and `%2e%2e` segments in the pathname.
    return parsed?.protocol === 'file:' && parsed.host === '' && parsed.pathname.startsWith(folder)
  }
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

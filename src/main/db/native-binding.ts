import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * better-sqlite3 is a native addon, and Node and Electron have different ABIs. `npm ci` builds
 * it for Node (tests, CLI, serve); scripts/native-electron.mjs additionally builds an Electron
 * copy into native/electron-<version>/ when the Electron binary is present. This picks that copy
 * when running inside Electron, so `npm test` and `npm start` work from one checkout without a
 * rebuild in between. A packaged app has no such folder: electron-builder rebuilt the module in
 * node_modules for Electron, so the default resolution is right there.
 */
export function electronBindingPath(projectRoot: string, electronVersion: string): string {
  return join(projectRoot, 'native', `electron-${electronVersion}`, 'better_sqlite3.node')
}

export interface BindingContext {
  versions: { electron?: string | undefined }
  projectRoot: string
  exists?: (path: string) => boolean
}

/** The `nativeBinding` option for better-sqlite3, or undefined for its default resolution. */
export function selectNativeBinding({
  versions,
  projectRoot,
  exists = existsSync,
}: BindingContext): string | undefined {
  if (!versions.electron) return undefined
  const candidate = electronBindingPath(projectRoot, versions.electron)
  return exists(candidate) ? candidate : undefined
}

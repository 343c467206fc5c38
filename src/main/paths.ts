import { homedir } from 'node:os'
import { isAbsolute, join, relative, sep } from 'node:path'
import { APP_NAME } from '../shared/domain'

/**
 * The per-user data directory, computed exactly as Electron computes `app.getPath('userData')`
 * (appData + product name), so the CLI and serve mode see the same library as the app.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME)
}

/** `--data-dir` wins, then MARQUEE_DATA_DIR, then the app's own folder. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag || env.MARQUEE_DATA_DIR || defaultDataDir(process.platform, env)
}

export interface DataPaths {
  dataDir: string
  databasePath: string
  cacheDir: string
}

export function dataPaths(dataDir: string): DataPaths {
  return { dataDir, databasePath: join(dataDir, 'library.db'), cacheDir: join(dataDir, 'cache') }
}

/** True when `child` lies strictly inside `parent` (both absolute; not the folder itself). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/** `child` is `parent` itself or lies inside it. */
export const isSameOrInside = (child: string, parent: string): boolean =>
  child === parent || relative(parent, child) === '' || isInside(child, parent)

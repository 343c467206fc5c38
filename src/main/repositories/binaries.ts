import { accessSync, constants } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'
import { AppError } from '../errors'

const require = createRequire(import.meta.url)

export interface Binaries {
  ffmpeg: string
  ffprobe: string
}

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const exe = process.platform === 'win32' ? `${name}.exe` : name
  return (env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, exe))
    .find(isExecutable)
}

function bundled(pkg: 'ffmpeg-static' | 'ffprobe-static'): string | undefined {
  try {
    const found = require(pkg) as string | { path: string }
    const path = typeof found === 'string' ? found : found.path
    return path && isExecutable(path) ? path : undefined
  } catch {
    return undefined
  }
}

/**
 * ffmpeg and ffprobe: FFMPEG_PATH / FFPROBE_PATH first, then the copies that ffmpeg-static and
 * ffprobe-static ship, then the system's. A missing one is a clear error naming what to install.
 */
export function resolveBinaries(env: NodeJS.ProcessEnv = process.env): Binaries {
  const ffmpeg = env.FFMPEG_PATH || bundled('ffmpeg-static') || onPath('ffmpeg', env)
  const ffprobe = env.FFPROBE_PATH || bundled('ffprobe-static') || onPath('ffprobe', env)
  const missing = [!ffmpeg && 'ffmpeg', !ffprobe && 'ffprobe'].filter(Boolean)
  if (missing.length > 0) {
    throw new AppError(
      'UNAVAILABLE',
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed, so videos cannot be processed. ` +
        `Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) or set FFMPEG_PATH and FFPROBE_PATH.`,
    )
  }
  return { ffmpeg: ffmpeg!, ffprobe: ffprobe! }
}

export interface PopplerBinaries {
  pdfinfo: string
  pdftoppm: string
}

/** The sentence a PDF fails with while poppler-utils is missing. */
export const POPPLER_INSTALL_HINT =
  'PDF thumbnails need poppler-utils: sudo apt-get install poppler-utils / brew install poppler (or set PDFTOPPM_PATH and PDFINFO_PATH), then retry the failed assets (marquee retry --failed).'

/**
 * pdfinfo and pdftoppm (poppler-utils): PDFINFO_PATH / PDFTOPPM_PATH first, then the system's.
 * A missing one is a clear error naming what to install.
 */
export function resolvePoppler(env: NodeJS.ProcessEnv = process.env): PopplerBinaries {
  const pdfinfo = env.PDFINFO_PATH || onPath('pdfinfo', env)
  const pdftoppm = env.PDFTOPPM_PATH || onPath('pdftoppm', env)
  if (!pdfinfo || !pdftoppm) {
    const missing = [!pdfinfo && 'pdfinfo', !pdftoppm && 'pdftoppm'].filter(Boolean).join(' and ')
    throw new AppError('UNAVAILABLE', `${missing} not found. ${POPPLER_INSTALL_HINT}`)
  }
  return { pdfinfo, pdftoppm }
}

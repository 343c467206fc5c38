import { constants } from 'node:fs'
import { access, realpath, stat } from 'node:fs/promises'

export type DirectoryCheck =
  | { ok: true; realPath: string }
  | { ok: false; reason: 'missing' | 'not-directory' | 'unreadable'; detail: string }

/** Filesystem questions the services ask about folders. */
export class FilesystemRepository {
  async checkDirectory(path: string): Promise<DirectoryCheck> {
    let realPath: string
    try {
      realPath = await realpath(path)
    } catch (error) {
      return { ok: false, reason: 'missing', detail: errorCode(error) }
    }
    try {
      const info = await stat(realPath)
      if (!info.isDirectory()) return { ok: false, reason: 'not-directory', detail: 'ENOTDIR' }
      await access(realPath, constants.R_OK | constants.X_OK)
      return { ok: true, realPath }
    } catch (error) {
      return { ok: false, reason: 'unreadable', detail: errorCode(error) }
    }
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error)
}

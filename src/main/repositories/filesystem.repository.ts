import { execFile } from 'node:child_process'
import { constants } from 'node:fs'
import { access, readFile, realpath, stat } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { RootKind } from '../../shared/domain'
import { classifyPath, parseMacMount, parseMountInfo, type Mount } from '../scan/mounts'

export type DirectoryCheck =
  | { ok: true; realPath: string }
  | { ok: false; reason: 'missing' | 'not-directory' | 'unreadable' | 'timeout'; detail: string }

/** Filesystem questions the services ask about folders, each with a time limit. */
export class FilesystemRepository {
  constructor(private readonly timeoutMs = 10_000) {}

  async checkDirectory(path: string): Promise<DirectoryCheck> {
    return withTimeout(this.check(path), this.timeoutMs, {
      ok: false,
      reason: 'timeout',
      detail: `no answer within ${Math.round(this.timeoutMs / 1000)} s`,
    })
  }

  /** local or network, from the mount table (Linux, macOS) or the path (Windows UNC). */
  async detectKind(path: string): Promise<RootKind> {
    return classifyPath(path, await this.mounts(), process.platform)
  }

  private async mounts(): Promise<Mount[]> {
    try {
      if (process.platform === 'linux')
        return parseMountInfo(await readFile('/proc/self/mountinfo', 'utf8'))
      if (process.platform === 'darwin') {
        const { stdout } = await promisify(execFile)('/sbin/mount', [], { timeout: 5000 })
        return parseMacMount(stdout)
      }
    } catch {
      // Unknown mounts: the root is treated as local, and the user can say otherwise.
    }
    return []
  }

  private async check(path: string): Promise<DirectoryCheck> {
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

function withTimeout<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error)
}

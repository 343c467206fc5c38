import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { isInside } from '../paths'
import { Readable } from 'node:stream'

export interface ServableFile {
  path: string
  size: number
  mtimeMs: number
}

/** File access for the media route: containment checks on real paths, and ranged reads. */
export class MediaFilesRepository {
  /**
   * Resolves `candidate` (a path built under `base`) to a regular file whose real path is still
   * inside the real path of `base`, following symlinks. Anything else is null.
   */
  async resolveInside(base: string, candidate: string): Promise<ServableFile | null> {
    try {
      const [realBase, realFile] = await Promise.all([realpath(base), realpath(candidate)])
      if (!isInside(realFile, realBase)) return null
      const info = await stat(realFile)
      if (!info.isFile()) return null
      return { path: realFile, size: info.size, mtimeMs: info.mtimeMs }
    } catch {
      return null
    }
  }

  /** A web stream of bytes `start..end` inclusive. */
  read(path: string, start: number, end: number): ReadableStream<Uint8Array> {
    return Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>
  }
}

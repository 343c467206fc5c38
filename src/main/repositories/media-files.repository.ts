import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { isInside } from '../paths'
import { Readable } from 'node:stream'
import type { OriginalsRepository } from './originals.repository'

export interface ServableFile {
  path: string
  size: number
  mtimeMs: number
}

/**
 * File access for the media route: containment checks on real paths, and ranged reads. The cache
 * and local roots are read here directly; network roots through reader threads (`originals`),
 * so a hung share cannot take the calls everything else needs.
 */
export class MediaFilesRepository {
  constructor(private readonly originals?: OriginalsRepository) {}

  /**
   * Resolves `candidate` (a path built under `base`) to a regular file whose real path is still
   * inside the real path of `base`, following symlinks. Anything else is null. `rootId` names
   * the root `base` is (none for the cache); a network root that does not answer throws
   * RootUnavailable.
   */
  async resolveInside(
    base: string,
    candidate: string,
    rootId?: number,
  ): Promise<ServableFile | null> {
    if (rootId !== undefined && this.originals?.isNetwork(rootId))
      return this.originals.resolveInside(rootId, base, candidate)
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
  read(path: string, start: number, end: number, rootId?: number): ReadableStream<Uint8Array> {
    if (rootId !== undefined && this.originals?.isNetwork(rootId))
      return this.originals.read(rootId, path, start, end)
    return Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>
  }
}

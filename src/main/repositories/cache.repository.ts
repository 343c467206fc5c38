import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * The cache directory's files: cache/media/<h0h1>/<h2h3>/<sha256>/ per content hash, and
 * cache/tmp, where every file is written first and renamed into place.
 */
export class CacheRepository {
  constructor(readonly cacheDir: string) {}

  /** The folder of one content hash, absolute and relative to the cache directory. */
  forHash(sha256: string): { abs: string; rel: string } {
    const rel = `media/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`
    return { abs: join(this.cacheDir, ...rel.split('/')), rel }
  }

  get tmpDir(): string {
    return join(this.cacheDir, 'tmp')
  }

  /** Makes the cache directory (and the data directory that holds it). */
  ensure(): void {
    mkdirSync(this.cacheDir, { recursive: true })
  }

  /** Writes go to cache/tmp and are renamed into place, so what a crash left there is garbage. */
  emptyTmp(): void {
    rmSync(this.tmpDir, { recursive: true, force: true })
    mkdirSync(this.tmpDir, { recursive: true })
  }

  /** Makes the folder of one content hash, and cache/tmp where its files are written first. */
  prepare(sha256: string): { abs: string; rel: string } {
    const dir = this.forHash(sha256)
    mkdirSync(dir.abs, { recursive: true })
    mkdirSync(this.tmpDir, { recursive: true })
    return dir
  }

  /** A fresh path in cache/tmp (nothing is created). */
  tmpFile(ext: string): string {
    return join(this.tmpDir, `${randomUUID()}.${ext}`)
  }

  /** Renames a finished temporary file into place; returns its size in bytes. */
  async moveIn(tmp: string, path: string): Promise<number> {
    await rename(tmp, path)
    return (await stat(path)).size
  }

  /** The size of a file, or null when there is none. */
  async sizeOf(path: string): Promise<number | null> {
    return stat(path).then(
      (s) => s.size,
      () => null,
    )
  }

  async discard(path: string): Promise<void> {
    await rm(path, { force: true })
  }
}

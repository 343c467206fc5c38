import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { DecodeDone } from '../jobs/media.worker'
import type { BundleFilesRepository } from './bundle-files.repository'
import type { FfmpegRepository } from './ffmpeg.repository'

export interface Rendition {
  path: string
  sha256: string
  bytes: number
}

/**
 * Makes what a player profile needs from an original — a converted image, a remuxed or
 * transcoded video — into the cache (cache/exports/<variant>/aa/bb/<own sha256>.<ext>),
 * written under a temporary name and renamed, and named by its own hash.
 */
export class RenditionsRepository {
  constructor(
    private readonly cacheDir: string,
    private readonly files: BundleFilesRepository,
  ) {}

  /**
   * `source`: the original's path, or its pixels already decoded (and oriented) by the media
   * worker, for what sharp cannot read (HEIF).
   */
  async image(
    source: string | DecodeDone,
    variant: string,
    plan: { width: number; height: number; format: 'webp' | 'jpeg' | 'png'; quality: number },
  ): Promise<Rendition> {
    const ext = plan.format === 'jpeg' ? 'jpg' : plan.format
    const tmp = this.tmp(ext)
    // Loaded on first use: most commands never convert an image, and sharp takes 0.1 s to load.
    const { default: sharp } = await import('sharp')
    const input =
      typeof source === 'string'
        ? sharp(source, { failOn: 'none', pages: 1 })
        : sharp(Buffer.from(source.pixels.buffer, source.pixels.byteOffset, source.pixels.length), {
            raw: { width: source.width, height: source.height, channels: source.channels },
          })
    // Raw pixels carry no EXIF: rotate() leaves them as the worker oriented them.
    let pipeline = input
      .rotate()
      .toColourspace('srgb')
      .resize({ width: plan.width, height: plan.height, fit: 'inside', withoutEnlargement: true })
    pipeline =
      plan.format === 'jpeg'
        ? pipeline.flatten({ background: '#000000' }).jpeg({ quality: plan.quality, mozjpeg: true })
        : plan.format === 'png'
          ? pipeline.png({ compressionLevel: 9 })
          : pipeline.webp({ quality: plan.quality })
    try {
      await pipeline.toFile(tmp)
    } catch (error) {
      // sharp leaves what it wrote so far (a full disk, a broken file).
      await rm(tmp, { force: true })
      throw error
    }
    return this.keep(tmp, variant, ext)
  }

  async video(
    ffmpeg: FfmpegRepository,
    variant: string,
    args: (output: string) => string[],
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<Rendition> {
    const tmp = this.tmp('mp4')
    try {
      await ffmpeg.run(args(tmp), timeoutMs, signal)
    } catch (error) {
      await rm(tmp, { force: true })
      throw error
    }
    return this.keep(tmp, variant, 'mp4')
  }

  /** Whether an MP4/MOV's index (moov) comes before its media data (mdat). */
  async isFaststart(path: string): Promise<boolean> {
    const handle = await open(path, 'r')
    try {
      const header = Buffer.alloc(16)
      let offset = 0
      for (let i = 0; i < 64; i++) {
        const { bytesRead } = await handle.read(header, 0, 16, offset)
        if (bytesRead < 8) return false
        let size = header.readUInt32BE(0)
        const type = header.toString('latin1', 4, 8)
        if (type === 'moov') return true
        if (type === 'mdat') return false
        if (size === 1) size = Number(header.readBigUInt64BE(8))
        if (size < 8) return false
        offset += size
      }
      return false
    } finally {
      await handle.close()
    }
  }

  /** A cached rendition by its path relative to the cache directory, with its size; null if gone. */
  async find(rel: string): Promise<{ file: string; size: number } | null> {
    const file = join(this.cacheDir, ...rel.split('/'))
    const size = await this.files.sizeOf(file)
    return size === null ? null : { file, size }
  }

  private tmp(ext: string): string {
    const dir = join(this.cacheDir, 'tmp')
    mkdirSync(dir, { recursive: true })
    return join(dir, `${randomUUID()}.${ext}`)
  }

  private async keep(tmp: string, variant: string, ext: string): Promise<Rendition> {
    try {
      const sha256 = await this.files.hashFile(tmp)
      const dir = join(this.cacheDir, 'exports', variant, sha256.slice(0, 2), sha256.slice(2, 4))
      mkdirSync(dir, { recursive: true })
      const path = join(dir, `${sha256}.${ext}`)
      await rename(tmp, path)
      return { path, sha256, bytes: (await this.files.sizeOf(path)) ?? 0 }
    } catch (error) {
      await rm(tmp, { force: true })
      throw error
    }
  }
}

import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MediaVariant } from '../../shared/integrations'
import { MEDIA_VARIANTS } from '../../shared/integrations'
import { variantPath, type VariantSpec } from '../integrations/media-rules'
import type { VariantFile } from './integration-media.repository'

// sharp (libvips) takes a fifth of a second to load: only a process that caches integration
// media pays for it, not every CLI command (docs/indexing.md, "Speed").
const loadSharp = async () => (await import('sharp')).default

/**
 * The files of the integration media cache: `cache/integrations/YYYY-MM-DD/<sha256>/` with one
 * WebP per variant and a metadata.json. A folder is built in cache/tmp and renamed into place
 * whole, so a crash never leaves half an item where the index could point.
 */
export class IntegrationFilesRepository {
  constructor(private readonly cacheDir: string) {}

  private abs(rel: string): string {
    return join(this.cacheDir, ...rel.split('/'))
  }

  /**
   * Decodes once (first frame, EXIF orientation applied, sRGB) and writes every variant plus
   * metadata.json into `dir`. Throws a readable error when the image cannot be decoded.
   */
  async write(
    bytes: Buffer,
    dir: string,
    specs: Record<MediaVariant, VariantSpec>,
    maxPixels: number,
    metadata: Record<string, unknown>,
  ): Promise<{
    width: number
    height: number
    variants: Record<MediaVariant, VariantFile>
    storedBytes: number
  }> {
    const sharp = await loadSharp()
    const header = await sharp(bytes, { limitInputPixels: maxPixels, pages: 1 })
      .metadata()
      .catch((error: Error) => {
        throw new Error(`the image could not be decoded (${error.message})`)
      })
    if (!header.width || !header.height) throw new Error('the image has no size')
    const tmp = join(this.cacheDir, 'tmp', `integration-${randomUUID()}`)
    await mkdir(tmp, { recursive: true })
    try {
      const variants = {} as Record<MediaVariant, VariantFile>
      let storedBytes = 0
      for (const variant of MEDIA_VARIANTS) {
        const spec = specs[variant]
        const info = await sharp(bytes, { limitInputPixels: maxPixels, pages: 1, failOn: 'error' })
          .rotate()
          .toColorspace('srgb')
          .resize({
            width: spec.width,
            height: spec.height,
            fit: spec.fit,
            withoutEnlargement: true,
          })
          .webp({ quality: spec.quality })
          .toFile(join(tmp, `${variant}.webp`))
        variants[variant] = {
          path: variantPath(dir, variant),
          width: info.width,
          height: info.height,
          bytes: info.size,
        }
        storedBytes += info.size
      }
      const json = `${JSON.stringify({ ...metadata, variants }, null, 2)}\n`
      await writeFile(join(tmp, 'metadata.json'), json)
      storedBytes += Buffer.byteLength(json)
      const target = this.abs(dir)
      await mkdir(join(target, '..'), { recursive: true })
      if (existsSync(target)) await rm(target, { recursive: true, force: true })
      await rename(tmp, target)
      return { width: header.width, height: header.height, variants, storedBytes }
    } catch (error) {
      await rm(tmp, { recursive: true, force: true })
      throw error
    }
  }

  /** Rewrites metadata.json (new source URLs, last use) in place, through a temporary file. */
  async writeMetadata(dir: string, metadata: Record<string, unknown>): Promise<void> {
    const path = join(this.abs(dir), 'metadata.json')
    const tmp = `${path}.${randomUUID()}.tmp`
    await writeFile(tmp, `${JSON.stringify(metadata, null, 2)}\n`)
    await rename(tmp, path)
  }

  /** Every variant file is there and not empty. */
  async intact(variants: Record<MediaVariant, VariantFile>): Promise<boolean> {
    for (const variant of MEDIA_VARIANTS) {
      const file = variants[variant]
      const size = file
        ? await stat(this.abs(file.path)).then(
            (s) => s.size,
            () => 0,
          )
        : 0
      if (size === 0) return false
    }
    return true
  }

  /** When a folder last changed (epoch ms), or null when it is gone. */
  async changedAt(rel: string): Promise<number | null> {
    return stat(this.abs(rel)).then(
      (s) => s.mtimeMs,
      () => null,
    )
  }

  exists(rel: string): boolean {
    return existsSync(this.abs(rel))
  }

  /** Removes an item's folder; answers the bytes it held. */
  async remove(dir: string): Promise<number> {
    const bytes = await this.sizeOf(dir)
    await rm(this.abs(dir), { recursive: true, force: true })
    return bytes
  }

  async sizeOf(dir: string): Promise<number> {
    const entries = await readdir(this.abs(dir), { withFileTypes: true }).catch(() => [])
    let total = 0
    for (const entry of entries)
      if (entry.isFile())
        total += await stat(join(this.abs(dir), entry.name)).then(
          (s) => s.size,
          () => 0,
        )
    return total
  }

  /** Every `integrations/<day>/<sha256>` folder on disk. */
  async listItems(): Promise<string[]> {
    const root = this.abs('integrations')
    const days = await readdir(root, { withFileTypes: true }).catch(() => [])
    const items: string[] = []
    for (const day of days) {
      if (!day.isDirectory()) continue
      const inside = await readdir(join(root, day.name), { withFileTypes: true }).catch(() => [])
      for (const item of inside) items.push(`integrations/${day.name}/${item.name}`)
    }
    return items
  }

  /** Day folders left empty by removals go too. */
  async removeEmptyDays(): Promise<void> {
    const root = this.abs('integrations')
    const days = await readdir(root, { withFileTypes: true }).catch(() => [])
    for (const day of days)
      if (day.isDirectory()) await rmdir(join(root, day.name)).catch(() => undefined)
  }
}

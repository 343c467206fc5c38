import type { ExifTool, Tags } from 'exiftool-vendored'
import { guardedExiftool } from './exiftool-guard'

/** Tags that are bookkeeping of exiftool itself, or binary blobs, not the file's metadata. */
const DROP = new Set([
  'SourceFile',
  'errors',
  'warnings',
  'ExifToolVersion',
  'Directory',
  'FileName',
  'FilePermissions',
  'ThumbnailImage',
  'PreviewImage',
  'JpgFromRaw',
])

export type MetadataTags = Record<string, unknown>

/**
 * One long-lived exiftool process (exiftool-vendored batches requests over its stdin), for
 * EXIF, IPTC and XMP, and for the JPEG previews embedded in RAW and HEIC files.
 */
export class ExiftoolRepository {
  /** A promise, so that close() also ends a tool whose module was still loading. */
  private tool: Promise<ExifTool> | undefined

  constructor(private readonly taskTimeoutMs = 30_000) {}

  /** Loaded and started on first use: commands that read no metadata never pay for it. */
  private exiftool(): Promise<ExifTool> {
    this.tool ??= Promise.all([import('exiftool-vendored'), guardedExiftool()]).then(
      ([{ ExifTool }, guarded]) =>
        new ExifTool({ maxProcs: 1, taskTimeoutMillis: this.taskTimeoutMs, ...guarded }),
      (error: unknown) => {
        this.tool = undefined
        throw error
      },
    )
    return this.tool
  }

  /** Process ids of the running exiftool children (none before first use or after close). */
  async pids(): Promise<number[]> {
    return this.tool ? (await this.tool).pids : []
  }

  /** Metadata as plain JSON values (dates become ISO strings), grouped later by the caller. */
  async read(path: string): Promise<MetadataTags> {
    const tags: Tags = await (await this.exiftool()).read(path)
    const out: MetadataTags = {}
    for (const [key, value] of Object.entries(tags)) {
      if (DROP.has(key) || value === undefined) continue
      out[key] = toJson(value)
    }
    return out
  }

  /** Writes the largest embedded JPEG (RAW previews, HEIC thumbnails); false when there is none. */
  async extractEmbeddedJpeg(path: string, output: string): Promise<boolean> {
    const tool = await this.exiftool()
    for (const extract of [
      (s: string, d: string) => tool.extractJpgFromRaw(s, d),
      (s: string, d: string) => tool.extractPreview(s, d),
      (s: string, d: string) => tool.extractThumbnail(s, d),
    ]) {
      try {
        await extract(path, output)
        return true
      } catch {
        continue
      }
    }
    return false
  }

  /** Ends the exiftool children: in-flight reads get a moment to finish, then they are killed. */
  async close(): Promise<void> {
    const tool = this.tool
    this.tool = undefined
    await (await tool?.catch(() => undefined))?.end()
  }
}

function toJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(toJson)
  const withIso = value as { toISOString?: () => string; rawValue?: unknown }
  if (typeof withIso.toISOString === 'function') return withIso.toISOString()
  if (Buffer.isBuffer(value)) return undefined
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]))
}

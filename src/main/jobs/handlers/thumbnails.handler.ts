import { posterArgs, posterTimeSeconds } from '../../media/ffmpeg-args'
import { decodeBudgetBytes, decoderFor, type ImageDecoder } from '../../media/image-plan'
import { PdfToolError } from '../../repositories/pdf.repository'
import type { ProcessingAsset } from '../../repositories/processing.repository'
import type { ImageDone } from '../media.worker'
import { originalPath, PermanentFailure, type JobContext, type JobHandler } from '../job-context'

const POSTER_TIMEOUT_MS = 60_000
const PDF_PAGE_TIMEOUT_MS = 60_000

/** The WebP pyramid (and pHash) of an image, of a video's poster frame or of a PDF's page 1. */
export const generateThumbnails: JobHandler = async (asset, context, signal) => {
  if (!asset.sha256) throw new Error('The file has no content hash yet.')
  const dir = context.cache.prepare(asset.sha256)
  const source =
    asset.type === 'video'
      ? await poster(asset, context, signal)
      : asset.mime === 'application/pdf'
        ? await firstPage(asset, context, signal)
        : await decodable(asset, context)
  try {
    const estimate = decodeBudgetBytes(source.decoder, asset.width ?? 6000, asset.height ?? 4000)
    const result = await context.pool.image(
      {
        source: source.path,
        decoder: source.decoder,
        outDir: dir.abs,
        tmpDir: context.cache.tmpDir,
      },
      estimate,
      signal,
    )
    if (!result.ok) {
      if (result.error.code === 'NOT_FOUND')
        throw new PermanentFailure(
          'The file is no longer there: it was moved or deleted after it was indexed.',
        )
      if (result.error.code === 'IO') throw new Error(result.error.message)
      throw new PermanentFailure(result.error.message)
    }
    record(asset, result.value, dir.rel, context)
    return []
  } finally {
    if (source.temporary) await context.cache.discard(source.path)
  }
}

function record(asset: ProcessingAsset, done: ImageDone, rel: string, context: JobContext): void {
  const now = context.now()
  context.assets.transaction(() => {
    for (const v of done.variants) {
      context.derivatives.save(
        {
          sha256: asset.sha256!,
          variant: v.variant,
          path: `${rel}/${v.variant}.webp`,
          width: v.width,
          height: v.height,
          bytes: v.bytes,
          mime: 'image/webp',
        },
        now,
      )
    }
    // A PDF's size is page 1's as rendered (points scaled to a 1920 px long edge).
    if (asset.type === 'image' || asset.mime === 'application/pdf') {
      context.assets.setFacts(
        asset.id,
        { width: done.width, height: done.height, orientation: done.orientation },
        now,
      )
    }
    context.assets.setPhash(asset.id, done.phash, now)
    context.colors.save(asset.id, done.palette)
    if (done.warning) context.assets.setMetadata(asset.id, 'warnings', [done.warning], now)
  })
}

interface Source {
  path: string
  decoder: ImageDecoder
  /** Made for this step (a poster frame, an extracted preview): deleted afterwards. */
  temporary: boolean
}

/**
 * The file itself when the worker can decode it (sharp, or libheif for HEIF); for camera RAW
 * files, the JPEG preview embedded in them.
 */
async function decodable(asset: ProcessingAsset, context: JobContext): Promise<Source> {
  const path = originalPath(asset)
  if (!needsEmbeddedPreview(asset))
    return { path, decoder: decoderFor(asset.mime), temporary: false }
  const preview = context.cache.tmpFile('jpg')
  if (await context.exiftool.extractEmbeddedJpeg(path, preview))
    return { path: preview, decoder: 'sharp', temporary: true }
  throw new PermanentFailure(
    `This ${asset.ext.toUpperCase()} file cannot be decoded here, and it holds no embedded preview.`,
  )
}

const RAW = new Set(['cr2', 'cr3', 'nef', 'arw', 'dng', 'orf', 'rw2', 'raf', 'srw', 'pef'])

/** Neither sharp's prebuilt libvips nor libheif reads camera RAW. */
function needsEmbeddedPreview(asset: ProcessingAsset): boolean {
  return (
    RAW.has(asset.ext) ||
    /^image\/x-.*-(cr2|nef|arw|orf|rw2|raf|srw|pef|dng)$/.test(asset.mime ?? '')
  )
}

/** A frame at 1 s (50 % for clips under 2 s), falling back to the first frame. */
async function poster(
  asset: ProcessingAsset,
  context: JobContext,
  signal: AbortSignal,
): Promise<Source> {
  const output = context.cache.tmpFile('png')
  const input = originalPath(asset)
  const ffmpeg = context.ffmpeg()
  const at = posterTimeSeconds(asset.durationMs === null ? null : asset.durationMs / 1000)
  for (const seconds of at > 0 ? [at, 0] : [0]) {
    try {
      await ffmpeg.run(posterArgs({ input, output, atSeconds: seconds }), POSTER_TIMEOUT_MS, signal)
      if (((await context.cache.sizeOf(output)) ?? 0) > 0)
        return { path: output, decoder: 'sharp', temporary: true }
    } catch (error) {
      if (seconds === 0)
        throw new PermanentFailure(
          `No frame of this video could be decoded (${(error as Error).message}).`,
        )
    }
  }
  throw new PermanentFailure('No frame of this video could be decoded.')
}

/** Page 1 of a PDF, rendered by pdftoppm to a temporary PNG (long edge 1920 px). */
async function firstPage(
  asset: ProcessingAsset,
  context: JobContext,
  signal: AbortSignal,
): Promise<Source> {
  const output = context.cache.tmpFile('png')
  const prefix = output.slice(0, -'.png'.length)
  try {
    await context.pdf().renderFirstPage(originalPath(asset), prefix, PDF_PAGE_TIMEOUT_MS, signal)
  } catch (error) {
    await context.cache.discard(output)
    // A missing poppler-utils (AppError) or a timeout is retried as usual; a refusal is final.
    if (error instanceof PdfToolError && !error.timedOut)
      throw new PermanentFailure(`Page 1 of this PDF cannot be drawn (${error.message}).`)
    throw error
  }
  if (((await context.cache.sizeOf(output)) ?? 0) > 0)
    return { path: output, decoder: 'sharp', temporary: true }
  throw new PermanentFailure('Page 1 of this PDF cannot be drawn.')
}

import { parseFfprobe } from '../../media/ffmpeg-args'
import { displayedSize, orientationOf } from '../../media/image-plan'
import { renderedSize } from '../../media/pdf'
import { PdfToolError } from '../../repositories/pdf.repository'
import type { Facts } from '../../repositories/processing.repository'
import { JobName } from '../job-names'
import { originalPath, PermanentFailure, type JobHandler } from '../job-context'

const PROBE_TIMEOUT_MS = 30_000
const PDFINFO_TIMEOUT_MS = 30_000

/**
 * EXIF/IPTC/XMP through exiftool; streams through ffprobe for audio and video; pages, page 1's
 * size and text metadata through pdfinfo for PDFs.
 */
export const extractMetadata: JobHandler = async (asset, context, signal) => {
  const path = originalPath(asset)
  const now = context.now()
  const facts: Facts = {}
  if (asset.type !== 'video') {
    const tags = await context.exiftool.read(path)
    context.assets.setMetadata(asset.id, 'exif', tags, now)
    facts.title = stringTag(tags, 'Title', 'ObjectName', 'Headline')
    facts.takenMs = dateTag(tags, 'DateTimeOriginal', 'CreateDate', 'DateCreated')
    const width = numberTag(tags, 'ImageWidth', 'ExifImageWidth')
    const height = numberTag(tags, 'ImageHeight', 'ExifImageHeight')
    if (asset.type === 'image' && width && height) {
      const shown = displayedSize(width, height, numberTag(tags, 'Orientation') ?? undefined)
      Object.assign(facts, { ...shown, orientation: orientationOf(shown.width, shown.height) })
    }
  }
  if (asset.type === 'video' || asset.type === 'audio') {
    const raw = await context.ffmpeg().probe(path, PROBE_TIMEOUT_MS)
    const video = parseFfprobe(raw)
    context.assets.setMetadata(asset.id, 'ffprobe', video, now)
    // Kept whole: exports decide copy/remux/transcode from details VideoFacts leaves out.
    context.assets.setMetadata(asset.id, 'ffprobeRaw', raw, now)
    if (asset.type === 'video' && !video.hasVideo) {
      // Generic containers (MP4, Ogg, ASF) also carry sound alone: that is audio, not a failure.
      if (!video.hasAudio)
        throw new PermanentFailure('This file has no video stream Marquee can decode.')
      context.assets.setIdentity(asset.id, asset.mime ?? 'audio/mp4', 'audio', now)
      asset.type = 'audio'
    }
    facts.durationMs = video.durationMs
    facts.codecs = [video.videoCodec, video.audioCodec].filter(Boolean).join('/') || null
    if (asset.type === 'video' && video.width && video.height) {
      Object.assign(facts, {
        width: video.width,
        height: video.height,
        orientation: orientationOf(video.width, video.height),
      })
    }
  }
  if (isPdf(asset.mime)) {
    let pdf
    try {
      pdf = await context.pdf().info(path, PDFINFO_TIMEOUT_MS, signal)
    } catch (error) {
      // A missing poppler-utils (AppError) is the machine's, not the file's: retried as usual.
      if (error instanceof PdfToolError && !error.timedOut)
        throw new PermanentFailure(`This PDF cannot be read (${error.message}).`)
      throw error
    }
    context.assets.setMetadata(asset.id, 'pdf', pdf, now)
    facts.title ??= pdf.title
    if (pdf.pageSize) {
      const size = renderedSize(pdf.pageSize)
      Object.assign(facts, { ...size, orientation: orientationOf(size.width, size.height) })
    }
  }
  context.assets.setFacts(asset.id, facts, now)
  if (asset.type === 'image' || isPdf(asset.mime)) return [JobName.AssetGenerateThumbnails]
  if (asset.type === 'video') return [JobName.AssetGenerateThumbnails, JobName.AssetGeneratePreview]
  return []
}

/** PDFs get a thumbnail of page 1 (other documents nothing yet); they stay `document`. */
const isPdf = (mime: string | null): boolean => mime === 'application/pdf'

function stringTag(tags: Record<string, unknown>, ...names: string[]): string | null {
  for (const name of names)
    if (typeof tags[name] === 'string' && tags[name]) return tags[name] as string
  return null
}

/** A date tag as epoch ms (exiftool's dates arrive as ISO strings; without a zone, local). */
function dateTag(tags: Record<string, unknown>, ...names: string[]): number | null {
  for (const name of names) {
    const value = tags[name]
    if (typeof value !== 'string') continue
    const ms = Date.parse(value)
    if (Number.isFinite(ms) && ms > 0) return ms
  }
  return null
}

function numberTag(tags: Record<string, unknown>, ...names: string[]): number | null {
  for (const name of names) if (typeof tags[name] === 'number') return tags[name] as number
  return null
}

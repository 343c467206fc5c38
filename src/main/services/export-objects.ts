import { extname, join } from 'node:path'
import type { AssetType } from '../../shared/domain'
import { AppError } from '../errors'
import type { PlayerProfile } from '../export/profiles'
import { imageExt, imageMime, planObject } from '../export/object-plan'
import { exportVideoArgs } from '../export/video-plan'
import type { DecodeDone } from '../jobs/media.worker'
import type { MediaPool } from '../jobs/pool'
import { parseFfprobe, type VideoFacts } from '../media/ffmpeg-args'
import { decodeBudgetBytes, decoderFor, type ImageDecoder } from '../media/image-plan'
import type { DerivativesRepository } from '../repositories/derivatives.repository'
import type { FfmpegRepository } from '../repositories/ffmpeg.repository'
import type { ProcessingAsset } from '../repositories/processing.repository'
import type { RenditionsRepository } from '../repositories/renditions.repository'

export type Handling = 'copied' | 'remuxed' | 'transcoded' | 'converted'

/** One media object of a bundle: which file to copy, and what the manifest says about it. */
export interface MediaObject {
  assetId: number
  name: string
  type: AssetType
  mime: string
  ext: string
  sha256: string
  size: number
  /** The file to copy into the bundle: the original, or a cached rendition. */
  file: string
  handling: Handling
  reasons: string[]
  facts: VideoFacts | null
  width: number | null
  height: number | null
  durationMs: number | null
  source: { sha256: string; path: string; assetId: number }
}

export interface PrepareDeps {
  derivatives: DerivativesRepository
  renditions: RenditionsRepository
  /** Decodes what only the media worker can (HEIF, with libheif), off the main thread. */
  pool: Pick<MediaPool, 'decode'>
  ffmpeg: () => FfmpegRepository
  cacheDir: string
  now: () => number
}

const TRANSCODE_TIMEOUT_MS = 60 * 60_000

/**
 * Decides, per asset, whether the original goes as is or a rendition is needed, and makes (or
 * finds in the cache, by source hash + profile) that rendition.
 */
export async function prepareObject(
  asset: ProcessingAsset,
  profile: PlayerProfile,
  keepAudio: boolean,
  deps: PrepareDeps,
  signal: AbortSignal,
): Promise<MediaObject> {
  const original = join(asset.rootPath, asset.dir, asset.name)
  const base = {
    assetId: asset.id,
    name: asset.name,
    type: asset.type,
    source: { sha256: asset.sha256!, path: original, assetId: asset.id },
  }
  const video =
    asset.type === 'video'
      ? {
          probe: storedProbe(asset) ?? (await deps.ffmpeg().probe(original, 30_000)),
          faststart: await deps.renditions.isFaststart(original).catch(() => false),
        }
      : null
  const decided = planObject(asset, profile, keepAudio, video)
  if (decided.kind === 'unplayable') throw new AppError('INVALID_ARGUMENT', decided.reason)
  if (decided.kind === 'image') {
    const plan = decided.plan
    const variant = `export:${profileKey(profile)}`
    const decoder = decoderFor(asset.mime)
    const rendition = await cached(asset, variant, imageMime(plan.format), deps, async () => {
      const source =
        decoder === 'sharp'
          ? original
          : await decodeInWorker(asset, original, decoder, plan, deps, signal)
      return deps.renditions.image(source, variant, plan)
    })
    return {
      ...base,
      ...rendition,
      width: plan.width,
      height: plan.height,
      ext: imageExt(plan.format),
      mime: imageMime(plan.format),
      handling: 'converted',
      reasons: [],
      facts: null,
      durationMs: null,
    }
  }
  if (decided.kind === 'video') {
    const { plan, facts } = decided
    if (plan.handling === 'copied') {
      return {
        ...base,
        mime: 'video/mp4',
        ext: 'mp4',
        sha256: asset.sha256!,
        size: asset.size,
        file: original,
        handling: 'copied',
        reasons: [],
        facts,
        width: facts.width,
        height: facts.height,
        durationMs: facts.durationMs,
      }
    }
    const variant = `export:${profileKey(profile)}:${keepAudio ? 'audio' : 'silent'}`
    const rendition = await cached(asset, variant, 'video/mp4', deps, async () =>
      deps.renditions.video(
        deps.ffmpeg(),
        variant,
        (output) => exportVideoArgs({ input: original, output, plan, facts, profile }),
        TRANSCODE_TIMEOUT_MS,
        signal,
      ),
    )
    const out = parseFfprobe(await deps.ffmpeg().probe(rendition.file, 30_000))
    return {
      ...base,
      ...rendition,
      mime: 'video/mp4',
      ext: 'mp4',
      handling: plan.handling,
      reasons: plan.reasons,
      facts: out,
      width: out.width,
      height: out.height,
      durationMs: out.durationMs,
    }
  }
  return {
    ...base,
    mime: asset.mime ?? 'application/octet-stream',
    ext: extname(asset.name).slice(1).toLowerCase() || 'bin',
    sha256: asset.sha256!,
    size: asset.size,
    file: original,
    handling: 'copied',
    reasons: [],
    facts: asset.type === 'audio' ? storedFacts(asset) : null,
    width: null,
    height: null,
    durationMs: asset.durationMs,
  }
}

/** A rendition from the cache when it is there (and its file too), else made now and recorded. */
async function cached(
  asset: ProcessingAsset,
  variant: string,
  mime: string,
  deps: PrepareDeps,
  make: () => Promise<{ path: string; sha256: string; bytes: number }>,
): Promise<{
  file: string
  sha256: string
  size: number
  width: number | null
  height: number | null
}> {
  const known = deps.derivatives.one(asset.sha256!, variant)
  if (known?.contentSha256) {
    const found = await deps.renditions.find(known.path)
    if (found?.size === known.bytes) {
      const { width, height } = known
      return { file: found.file, sha256: known.contentSha256, size: found.size, width, height }
    }
  }
  const made = await make()
  const rel = made.path
    .slice(deps.cacheDir.length + 1)
    .split(/[\\/]/)
    .join('/')
  deps.derivatives.save(
    {
      sha256: asset.sha256!,
      variant,
      path: rel,
      width: null,
      height: null,
      bytes: made.bytes,
      mime,
      contentSha256: made.sha256,
    },
    deps.now(),
  )
  return { file: made.path, sha256: made.sha256, size: made.bytes, width: null, height: null }
}

/**
 * The picture decoded by the media worker and already fitted to the plan (a 12-megapixel HEIF
 * takes libheif about a second: never on the main thread, which serves the UI and the API).
 */
async function decodeInWorker(
  asset: ProcessingAsset,
  original: string,
  decoder: ImageDecoder,
  plan: { width: number; height: number },
  deps: PrepareDeps,
  signal: AbortSignal,
): Promise<DecodeDone> {
  const result = await deps.pool.decode(
    { source: original, decoder, width: plan.width, height: plan.height },
    decodeBudgetBytes(decoder, asset.width ?? 6000, asset.height ?? 4000),
    signal,
  )
  if (result.ok) return result.value
  if (result.error.code === 'NOT_FOUND')
    throw new AppError('NOT_FOUND', `${asset.name} is no longer there: it was moved or deleted.`)
  throw new Error(`${asset.name} could not be converted for the player: ${result.error.message}`)
}

/** The ffprobe output stored at processing time (the file has not changed since: same hash). */
export function storedProbe(asset: ProcessingAsset): unknown {
  return (JSON.parse(asset.metadata) as { ffprobeRaw?: unknown }).ffprobeRaw ?? null
}

function storedFacts(asset: ProcessingAsset): VideoFacts {
  const metadata = JSON.parse(asset.metadata) as { ffprobe?: VideoFacts }
  if (!metadata.ffprobe)
    throw new AppError('INVALID_ARGUMENT', `${asset.name} has not been analysed yet.`)
  return metadata.ffprobe
}

/**
 * Renditions are cached by source hash + this key. A custom profile's key carries its settings,
 * so one deleted and added again with other numbers never reuses the old renditions.
 */
function profileKey(profile: PlayerProfile): string {
  return profile.revision ? `${profile.id}@${profile.revision}` : profile.id
}

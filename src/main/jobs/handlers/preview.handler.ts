import { join } from 'node:path'
import { parseFfprobe, previewArgs } from '../../media/ffmpeg-args'
import { originalPath, PermanentFailure, type JobHandler } from '../job-context'
import { FfmpegError } from '../../repositories/ffmpeg.repository'

const PREVIEW_TIMEOUT_MS = 15 * 60_000

/** The 720p H.264 preview the viewer plays, with faststart; shared by every copy of the content. */
export const generatePreview: JobHandler = async (asset, context, signal) => {
  if (!asset.sha256) throw new Error('The file has no content hash yet.')
  if (context.derivatives.forHash(asset.sha256).some((d) => d.variant === 'preview')) return []
  const dir = context.cache.prepare(asset.sha256)
  const tmp = context.cache.tmpFile('mp4')
  const ffmpeg = context.ffmpeg()
  const probed = parseFfprobe(await ffmpeg.probe(originalPath(asset), 30_000))
  try {
    await ffmpeg.run(
      previewArgs({
        input: originalPath(asset),
        output: tmp,
        hasAudio: probed.hasAudio,
        width: probed.width,
        height: probed.height,
        frameRate: probed.frameRate,
      }),
      PREVIEW_TIMEOUT_MS,
      signal,
    )
  } catch (error) {
    if (error instanceof FfmpegError && !error.timedOut)
      throw new PermanentFailure(`The preview could not be made: ${error.message}`)
    throw error
  }
  const out = parseFfprobe(await ffmpeg.probe(tmp, 30_000))
  const bytes = await context.cache.moveIn(tmp, join(dir.abs, 'preview.mp4'))
  context.derivatives.save(
    {
      sha256: asset.sha256,
      variant: 'preview',
      path: `${dir.rel}/preview.mp4`,
      width: out.width,
      height: out.height,
      bytes,
      mime: 'video/mp4',
    },
    context.now(),
  )
  return []
}

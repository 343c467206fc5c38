import { join } from 'node:path'
import { paletteOf } from '../../media/palette'
import type { JobHandler } from '../job-context'

/** The small thumbnail is at most 200 px; the box only bounds the decode. */
const BOX = 256

/**
 * The palette of an asset processed before palettes existed (migration 16 queues them), read
 * from its small thumbnail rather than the original: a millisecond or two against a full decode.
 * The thumbnails step computes it from the same size of picture for everything processed since.
 */
export const analyze: JobHandler = async (asset, context, signal) => {
  if (!asset.sha256 || context.colors.palette(asset.id).length > 0) return []
  const small = context.derivatives.one(asset.sha256, 'small')
  // No thumbnail (it failed, or is being made): the thumbnails step will give it a palette.
  if (!small) return []
  const result = await context.pool.decode(
    {
      source: join(context.cache.cacheDir, ...small.path.split('/')),
      decoder: 'sharp',
      width: BOX,
      height: BOX,
    },
    BOX * BOX * 4 * 2,
    signal,
  )
  if (!result.ok) {
    if (result.error.code === 'NOT_FOUND') return []
    throw new Error(result.error.message)
  }
  const { pixels, channels } = result.value
  context.colors.save(asset.id, paletteOf(pixels, channels))
  return []
}

import { JobName } from '../job-names'
import { originalPath, PermanentFailure, type JobHandler } from '../job-context'

/** Streaming SHA-256 on the pool; a file that changed while it was read is read again. */
export const hash: JobHandler = async (asset, context, signal) => {
  const result = await context.pool.hash(originalPath(asset), signal)
  if (!result.ok) {
    if (result.error.code === 'NOT_FOUND') {
      throw new PermanentFailure(
        'The file is no longer there: it was moved or deleted after it was indexed. A rescan will find it.',
      )
    }
    throw new Error(result.error.message)
  }
  const done = result.value
  if (done.changed)
    throw new Error('The file changed while it was being read; it will be read again.')
  context.assets.setHash(
    asset.id,
    done.sha256,
    done.fingerprint,
    done.size,
    done.mtimeMs,
    context.now(),
  )
  return [JobName.AssetExtractMetadata]
}

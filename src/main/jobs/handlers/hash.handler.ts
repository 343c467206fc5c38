import { afterHash } from './virus-scan.handler'
import { originalPath, PermanentFailure, type JobHandler } from '../job-context'

/**
 * Streaming SHA-256 on the pool; a file that changed while it was read is read again. Files on
 * network roots are hashed on a reader thread of their root instead: the pool's asynchronous
 * reads would share libuv's four threads with everything else, and a hung share would take them.
 */
export const hash: JobHandler = async (asset, context, signal) => {
  const path = originalPath(asset)
  const result = context.originals.isNetwork(asset.rootId)
    ? await context.originals.hash(asset.rootId, path, signal)
    : await context.pool.hash(path, signal)
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
  return afterHash(asset)
}

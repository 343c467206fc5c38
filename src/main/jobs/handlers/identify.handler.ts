import { describeNonMedia, extensionMatchesMime, mediaTypeForMime } from '../../media/file-kind'
import { JobName } from '../job-names'
import { originalPath, PermanentFailure, type JobHandler } from '../job-context'

const HEAD = 4100

/** MIME from the bytes, not the name: a non-media file behind a media extension fails here. */
export const identify: JobHandler = async (asset, context) => {
  // Through a reader thread on network roots: a hung share must not hold libuv's pool.
  const head = await context.originals.head(asset.rootId, originalPath(asset), HEAD)
  if (head.length === 0) throw new PermanentFailure(`This .${asset.ext} file is empty (0 bytes).`)
  const { fileTypeFromBuffer } = await import('file-type')
  const detected = (await fileTypeFromBuffer(head)) ?? svgOf(head)
  const type = detected ? mediaTypeForMime(detected.mime) : null
  if (!detected || !type) {
    if (asset.type === 'other') {
      context.assets.setMetadata(
        asset.id,
        'identify',
        { mime: detected?.mime ?? null },
        context.now(),
      )
      return [JobName.AssetHash]
    }
    const what = describeNonMedia(head)
    throw new PermanentFailure(
      what.startsWith('not ')
        ? `This .${asset.ext} file is not ${article(asset.type)} ${asset.type}: its bytes match no media format Marquee knows.`
        : `This .${asset.ext} is ${what}, not ${article(asset.type)} ${asset.type}.`,
    )
  }
  const matches = extensionMatchesMime(asset.ext, detected.mime)
  context.assets.setIdentity(asset.id, detected.mime, type, context.now())
  context.assets.setMetadata(
    asset.id,
    'identify',
    {
      mime: detected.mime,
      detectedExtension: detected.ext,
      extension: asset.ext,
      extensionMatches: matches,
    },
    context.now(),
  )
  return [JobName.AssetHash]
}

/** file-type does not sniff SVG (it is text): an XML document with an <svg> root is an image. */
function svgOf(head: Uint8Array): { mime: string; ext: string } | undefined {
  const text = Buffer.from(head).toString('utf8').trimStart()
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)
    ? { mime: 'image/svg+xml', ext: 'svg' }
    : undefined
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a')

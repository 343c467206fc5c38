import { describeNonMedia, extensionMatchesMime, mediaTypeForMime } from '../../media/file-kind'
import { RandomAccessTokenizer, type RandomAccessSource } from '../../media/random-access-tokenizer'
import { JobName } from '../job-names'
import { afterHash } from './virus-scan.handler'
import { originalPath, PermanentFailure, type JobHandler } from '../job-context'

/** The first bytes: what the messages about files that are not media describe. */
const HEAD = 4100

/**
 * The step after identify: hashing, unless the hash is known already — an import hashed the
 * file while copying it (a scan that finds a changed file clears the old hash).
 */
const afterIdentify = (asset: { sha256: string | null; virusScan: number }): JobName[] =>
  asset.sha256 ? afterHash(asset) : [JobName.AssetHash]

/** MIME from the bytes, not the name: a non-media file behind a media extension fails here. */
export const identify: JobHandler = async (asset, context, signal) => {
  // Through a reader thread on network roots: a hung share must not hold libuv's pool.
  const file = await context.originals.open(asset.rootId, originalPath(asset), signal)
  const { head, detected } = await sniff(file).finally(() => file.close())
  if (head.length === 0) throw new PermanentFailure(`This .${asset.ext} file is empty (0 bytes).`)
  const type = detected ? mediaTypeForMime(detected.mime) : null
  if (!detected || !type) {
    if (asset.type === 'other') {
      context.assets.setMetadata(
        asset.id,
        'identify',
        { mime: detected?.mime ?? null },
        context.now(),
      )
      return afterIdentify(asset)
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
  return afterIdentify(asset)
}

/**
 * file-type over the whole file, as `fileTypeFromFile` would: it reads where the format points,
 * not only the first bytes. A TIFF's (and a TIFF-based RAW's) directory may be anywhere in the
 * file; a FLAC may start after a long ID3 tag.
 */
async function sniff(
  file: RandomAccessSource,
): Promise<{ head: Uint8Array; detected: { mime: string; ext: string } | undefined }> {
  const tokenizer = new RandomAccessTokenizer(file)
  const buffer = new Uint8Array(HEAD)
  const head = buffer.subarray(0, await tokenizer.peekBuffer(buffer, { mayBeLess: true }))
  if (head.length === 0) return { head, detected: undefined }
  const { fileTypeFromBuffer, fileTypeFromTokenizer } = await import('file-type')
  // The first bytes alone are the fallback: from them file-type takes a long ID3 tag for an MP3's,
  // which the whole file contradicts when padding sits between the tag and the first frame.
  const detected =
    (await fileTypeFromTokenizer(tokenizer)) ?? (await fileTypeFromBuffer(head)) ?? svgOf(head)
  return { head, detected }
}

/** file-type does not sniff SVG (it is text): an XML document with an <svg> root is an image. */
function svgOf(head: Uint8Array): { mime: string; ext: string } | undefined {
  const text = Buffer.from(head).toString('utf8').trimStart()
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)
    ? { mime: 'image/svg+xml', ext: 'svg' }
    : undefined
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a')

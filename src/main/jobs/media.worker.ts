import { createHash, randomUUID } from 'node:crypto'
import { open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import sharp, { type OutputInfo } from 'sharp'
import {
  checkPixels,
  displayedSize,
  orientationOf,
  PIXEL_LIMIT,
  THUMBNAIL_SIZES,
  WEBP_QUALITY,
} from '../media/image-plan'
import { phashFromGray32, phashToHex } from '../media/phash'
import { isOutOfSpace } from '../errors'

export type MediaTask =
  { kind: 'hash'; path: string } | { kind: 'image'; source: string; outDir: string; tmpDir: string }

export type TaskError = {
  code: 'NOT_FOUND' | 'TOO_LARGE' | 'UNREADABLE' | 'IO'
  message: string
}

export interface HashDone {
  sha256: string
  fingerprint: string
  size: number
  mtimeMs: number
  /** The file changed while it was being read: the hash is of nothing in particular. */
  changed: boolean
}

export interface Variant {
  variant: keyof typeof THUMBNAIL_SIZES
  file: string
  width: number
  height: number
  bytes: number
}

export interface ImageDone {
  width: number
  height: number
  orientation: 'landscape' | 'portrait' | 'square'
  phash: string
  variants: Variant[]
  warning: string | null
}

export type TaskResult<T> = { ok: true; value: T } | { ok: false; error: TaskError }

const SAMPLE = 16 * 1024
const CHUNK = 1024 * 1024

/** The one function this worker exports: CPU work on one file, errors returned as data. */
export default async function mediaTask(
  task: MediaTask,
): Promise<TaskResult<HashDone | ImageDone>> {
  try {
    return {
      ok: true,
      value: task.kind === 'hash' ? await hashFile(task.path) : await thumbnails(task),
    }
  } catch (error) {
    return { ok: false, error: asTaskError(error) }
  }
}

/** Streaming SHA-256 and the quick fingerprint, with size and mtime checked before and after. */
async function hashFile(path: string): Promise<HashDone> {
  const before = await stat(path)
  const hash = createHash('sha256')
  const print = createHash('sha256').update(`${before.size}:`)
  // One buffer, reused: a stream would allocate a fresh megabyte for every chunk.
  const buffer = Buffer.allocUnsafe(CHUNK)
  const handle = await open(path, 'r')
  try {
    let position = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position)
      if (bytesRead === 0) break
      const chunk = buffer.subarray(0, bytesRead)
      hash.update(chunk)
      if (position < SAMPLE) print.update(chunk.subarray(0, SAMPLE - position))
      position += bytesRead
    }
    if (before.size > SAMPLE) {
      const tail = Buffer.alloc(Math.min(SAMPLE, before.size - SAMPLE))
      const { bytesRead } = await handle.read(tail, 0, tail.length, before.size - tail.length)
      print.update(tail.subarray(0, bytesRead))
    }
  } finally {
    await handle.close()
  }
  const after = await stat(path)
  return {
    sha256: hash.digest('hex'),
    fingerprint: print.digest('hex'),
    size: after.size,
    mtimeMs: Math.trunc(after.mtimeMs),
    changed: after.size !== before.size || after.mtimeMs !== before.mtimeMs,
  }
}

/**
 * Decodes once (shrink-on-load straight to the largest size), honours EXIF orientation,
 * converts to 8-bit sRGB, and cascades: large → medium → small → the pHash's 32×32.
 */
async function thumbnails(task: Extract<MediaTask, { kind: 'image' }>): Promise<ImageDone> {
  const header = await sharp(task.source, { limitInputPixels: false }).metadata()
  if (!header.width || !header.height)
    throw new Unreadable('Marquee could not find the size of this image.')
  const limit = checkPixels(header.width, header.height)
  if (!limit.ok) throw new TooLarge(limit.message)

  let warning: string | null = null
  let large: { data: Buffer; info: OutputInfo }
  try {
    large = await decode(task.source, 'warning')
  } catch (strict) {
    // Strict decoding refuses a damaged file; a lenient one may still render what is there.
    // (libvips' error text is not a reliable guide: its error buffer is shared by threads.)
    try {
      large = await decode(task.source, 'none')
    } catch {
      throw strict
    }
    warning = 'The file is truncated or damaged; its thumbnails show the part that could be read.'
  }
  const variants: Variant[] = []
  let current = large
  for (const variant of ['large', 'medium', 'small'] as const) {
    if (variant !== 'large') current = await shrink(current, THUMBNAIL_SIZES[variant])
    variants.push(await writeWebp(current, variant, task))
  }
  // Flattened first: colour hidden under transparent pixels must not change the hash.
  const gray = await sharp(current.data, { raw: rawOf(current.info) })
    .flatten({ background: '#ffffff' })
    .resize(32, 32, { fit: 'fill' })
    .grayscale()
    .raw()
    .toBuffer()
  const shown = displayedSize(header.width, header.height, header.orientation)
  return {
    width: shown.width,
    height: shown.height,
    orientation: orientationOf(shown.width, shown.height),
    phash: phashToHex(phashFromGray32(new Uint8Array(gray.buffer, gray.byteOffset, gray.length))),
    variants,
    warning,
  }
}

function decode(source: string, failOn: 'warning' | 'none') {
  const size = THUMBNAIL_SIZES.large
  return sharp(source, { limitInputPixels: PIXEL_LIMIT, failOn, pages: 1 })
    .rotate()
    .toColourspace('srgb')
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
}

const rawOf = (info: OutputInfo) => ({
  width: info.width,
  height: info.height,
  channels: info.channels as 1 | 2 | 3 | 4,
})

function shrink(from: { data: Buffer; info: OutputInfo }, size: number) {
  return sharp(from.data, { raw: rawOf(from.info) })
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true })
}

/** Written to the cache's tmp folder, then renamed into place: never a half-written file. */
async function writeWebp(
  image: { data: Buffer; info: OutputInfo },
  variant: Variant['variant'],
  task: Extract<MediaTask, { kind: 'image' }>,
): Promise<Variant> {
  const tmp = join(task.tmpDir, `${randomUUID()}.webp`)
  const file = join(task.outDir, `${variant}.webp`)
  const info = await sharp(image.data, { raw: rawOf(image.info) })
    .webp({ quality: WEBP_QUALITY })
    .toFile(tmp)
    .catch(async (error: unknown) => {
      // A write that failed (a full disk) leaves no partial file taking space.
      await rm(tmp, { force: true })
      throw error
    })
  await rename(tmp, file)
  return { variant, file, width: info.width, height: info.height, bytes: info.size }
}

class TooLarge extends Error {}
class Unreadable extends Error {}

function asTaskError(error: unknown): TaskError {
  if (error instanceof TooLarge) return { code: 'TOO_LARGE', message: error.message }
  if (error instanceof Unreadable) return { code: 'UNREADABLE', message: error.message }
  const code = (error as NodeJS.ErrnoException).code
  const message = error instanceof Error ? error.message : String(error)
  // sharp says "write error … No space left on device" without a code: keep it recognisable.
  if (isOutOfSpace(error)) return { code: 'IO', message: `ENOSPC: ${message.replace(/\s+/g, ' ')}` }
  if (code === 'ENOENT') return { code: 'NOT_FOUND', message: 'The file is no longer there.' }
  if (code) return { code: 'IO', message: `${code}: ${message}` }
  return {
    code: 'UNREADABLE',
    message: `The image could not be decoded: ${message.split('\n')[0]}`,
  }
}

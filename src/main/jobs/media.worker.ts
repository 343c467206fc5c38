import { createHash, randomUUID } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import sharp, { type OutputInfo, type Sharp } from 'sharp'
import {
  checkPixels,
  displayedSize,
  orientationOf,
  PIXEL_LIMIT,
  THUMBNAIL_SIZES,
  WEBP_EFFORT,
  WEBP_QUALITY,
  type ImageDecoder,
} from '../media/image-plan'
import { paletteOf, type PaletteColor } from '../media/palette'
import { phashFromGray32, phashToHex } from '../media/phash'
import { asWriteFailure, isOutOfSpace } from '../errors'
import { HeifRepository } from '../repositories/heif.repository'
import { StorageRepository } from '../repositories/storage.repository'

export type MediaTask =
  | { kind: 'hash'; path: string }
  | { kind: 'image'; source: string; decoder: ImageDecoder; outDir: string; tmpDir: string }
  /** The picture fitted inside width × height, as raw pixels (an export's rendition of a HEIF). */
  | { kind: 'decode'; source: string; decoder: ImageDecoder; width: number; height: number }

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
  /** Up to five colours of the `small` variant, largest share first (media/palette.ts). */
  palette: PaletteColor[]
  variants: Variant[]
  warning: string | null
}

/** 8-bit sRGB pixels, as shown (orientation applied), `channels` samples a pixel. */
export interface DecodeDone {
  width: number
  height: number
  channels: 3 | 4
  pixels: Uint8Array
}

export type TaskResult<T> = { ok: true; value: T } | { ok: false; error: TaskError }

const SAMPLE = 16 * 1024
const CHUNK = 1024 * 1024

/** One per thread: its WebAssembly instance is reused from file to file. */
const heif = new HeifRepository()
const storage = new StorageRepository()

/** The one function this worker exports: CPU work on one file, errors returned as data. */
export default async function mediaTask(
  task: MediaTask,
): Promise<TaskResult<HashDone | ImageDone | DecodeDone>> {
  try {
    return { ok: true, value: await run(task) }
  } catch (error) {
    return { ok: false, error: asTaskError(error) }
  }
}

function run(task: MediaTask): Promise<HashDone | ImageDone | DecodeDone> {
  if (task.kind === 'hash') return hashFile(task.path)
  if (task.kind === 'image') return thumbnails(task)
  return decodeTask(task)
}

/**
 * Streaming SHA-256 and the quick fingerprint, with size and mtime checked before and after.
 * Synchronous reads: this thread has nothing else to do meanwhile, and an asynchronous read is
 * a hop to libuv's pool and back for every chunk (~15 % more CPU for the same bytes, measured
 * against `openssl dgst`); a read that hangs (a share) holds this thread, not one of libuv's.
 */
async function hashFile(path: string): Promise<HashDone> {
  const before = await stat(path)
  const hash = createHash('sha256')
  const print = createHash('sha256').update(`${before.size}:`)
  // One buffer, reused: a stream would allocate a fresh megabyte for every chunk.
  const buffer = Buffer.allocUnsafe(CHUNK)
  const fd = openSync(path, 'r')
  try {
    let position = 0
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, CHUNK, position)
      if (bytesRead === 0) break
      const chunk = buffer.subarray(0, bytesRead)
      hash.update(chunk)
      if (position < SAMPLE) print.update(chunk.subarray(0, SAMPLE - position))
      position += bytesRead
    }
    if (before.size > SAMPLE) {
      const tail = Buffer.alloc(Math.min(SAMPLE, before.size - SAMPLE))
      const bytesRead = readSync(fd, tail, 0, tail.length, before.size - tail.length)
      print.update(tail.subarray(0, bytesRead))
    }
  } finally {
    closeSync(fd)
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

type Raw = { data: Buffer; info: OutputInfo }

/**
 * Decodes once (shrink-on-load straight to the largest size), honours orientation, converts to
 * 8-bit sRGB, and cascades: large → medium → small → the pHash's 32×32.
 */
async function thumbnails(task: Extract<MediaTask, { kind: 'image' }>): Promise<ImageDone> {
  const size = THUMBNAIL_SIZES.large
  const decoded = await decode(task.source, task.decoder, { width: size, height: size })
  const variants: Variant[] = []
  let current = decoded.image
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
  return {
    width: decoded.width,
    height: decoded.height,
    orientation: orientationOf(decoded.width, decoded.height),
    phash: phashToHex(phashFromGray32(new Uint8Array(gray.buffer, gray.byteOffset, gray.length))),
    // The smallest variant holds the picture's colours at a fraction of the cost.
    palette: paletteOf(
      new Uint8Array(current.data.buffer, current.data.byteOffset, current.data.length),
      current.info.channels,
    ),
    variants,
    warning: decoded.warning,
  }
}

async function decodeTask(task: Extract<MediaTask, { kind: 'decode' }>): Promise<DecodeDone> {
  const { image } = await decode(task.source, task.decoder, {
    width: task.width,
    height: task.height,
  })
  return {
    width: image.info.width,
    height: image.info.height,
    channels: image.info.channels as 3 | 4,
    pixels: image.data,
  }
}

interface Decoded {
  /** The picture fitted inside the box asked for, never enlarged. */
  image: Raw
  /** The whole picture's size as shown. */
  width: number
  height: number
  warning: string | null
}

type Box = { width: number; height: number }

/**
 * The picture as shown, fitted inside `box`, in 8-bit sRGB. Orientation is applied once: libheif
 * applies a HEIF's `irot`/`imir` (its EXIF Orientation, only informative in HEIF, is ignored);
 * sharp applies EXIF Orientation to everything else. HEIF in a codec libheif's build lacks (AV1)
 * goes to sharp, whose libvips reads AVIF.
 */
async function decode(source: string, decoder: ImageDecoder, box: Box): Promise<Decoded> {
  if (decoder === 'libheif') {
    const decoded = await heif.decode(source, refuseTooLarge, async (pixels) => {
      const raw = { width: pixels.width, height: pixels.height, channels: 4 as const }
      const input = sharp(pixels.data, { raw })
      const image = await fit(pixels.hasAlpha ? input : input.removeAlpha(), box)
      return { image, width: pixels.width, height: pixels.height, warning: null }
    })
    if (decoded) return decoded
  }
  return decodeWithSharp(source, box)
}

async function decodeWithSharp(source: string, box: Box): Promise<Decoded> {
  const header = await sharp(source, { limitInputPixels: false }).metadata()
  if (!header.width || !header.height)
    throw new Unreadable('Marquee could not find the size of this image.')
  refuseTooLarge(header.width, header.height)
  const open = (failOn: 'warning' | 'none') =>
    fit(sharp(source, { limitInputPixels: PIXEL_LIMIT, failOn, pages: 1 }).rotate(), box)
  let warning: string | null = null
  let image: Raw
  try {
    image = await open('warning')
  } catch (strict) {
    // Strict decoding refuses a damaged file; a lenient one may still render what is there.
    // (libvips' error text is not a reliable guide: its error buffer is shared by threads.)
    try {
      image = await open('none')
    } catch {
      throw strict
    }
    warning = 'The file is truncated or damaged; its thumbnails show the part that could be read.'
  }
  // libvips drops a HEIF's (AVIF's) EXIF Orientation, as libheif has applied `irot` already.
  const shown = displayedSize(header.width, header.height, header.orientation)
  return { image, ...shown, warning }
}

function refuseTooLarge(width: number, height: number): void {
  const limit = checkPixels(width, height)
  if (!limit.ok) throw new TooLarge(limit.message)
}

function fit(pipeline: Sharp, box: Box): Promise<Raw> {
  return pipeline
    .toColourspace('srgb')
    .resize({ ...box, fit: 'inside', withoutEnlargement: true })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
}

const rawOf = (info: OutputInfo) => ({
  width: info.width,
  height: info.height,
  channels: info.channels as 1 | 2 | 3 | 4,
})

function shrink(from: Raw, size: number) {
  return sharp(from.data, { raw: rawOf(from.info) })
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true })
}

/** Written to the cache's tmp folder, then renamed into place: never a half-written file. */
async function writeWebp(
  image: Raw,
  variant: Variant['variant'],
  task: Extract<MediaTask, { kind: 'image' }>,
): Promise<Variant> {
  const tmp = join(task.tmpDir, `${randomUUID()}.webp`)
  const file = join(task.outDir, `${variant}.webp`)
  // Generous for a WebP of these pixels (a photo's is a tenth of them or less). Not tried
  // without that much room: a libvips save that fails on a full disk has been seen to leave its
  // other threads waiting for ever (docs/decisions.md, "A full disk").
  const needed = (image.data.length >> 2) + 256 * 1024
  if (freeBytesAt(task.tmpDir) < needed)
    throw asWriteFailure(new Error(`no room for the ${variant} thumbnail`), 0, needed)
  const info = await sharp(image.data, { raw: rawOf(image.info) })
    .webp({ quality: WEBP_QUALITY, effort: WEBP_EFFORT })
    .toFile(tmp)
    .catch(async (error: unknown) => {
      // A write that failed (a full disk) leaves no partial file taking space.
      await rm(tmp, { force: true })
      throw asWriteFailure(error, freeBytesAt(task.tmpDir), needed)
    })
  await rename(tmp, file)
  return { variant, file, width: info.width, height: info.height, bytes: info.size }
}

function freeBytesAt(dir: string): number {
  try {
    return storage.space(dir).freeBytes
  } catch {
    return Number.POSITIVE_INFINITY
  }
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

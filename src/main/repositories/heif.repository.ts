import { readFile } from 'node:fs/promises'
import type { HeifError, Libheif } from 'libheif-js/libheif-wasm/libheif-bundle.js'

/** A decoded HEIF picture: 8-bit RGBA, rows packed, already turned and mirrored as shown. */
export interface HeifPixels {
  width: number
  height: number
  /** A view of libheif's memory: valid only until the `use` callback it was given to settles. */
  data: Buffer
  hasAlpha: boolean
}

/**
 * libheif's heap (WebAssembly memory) only grows. Past this, the instance is dropped after the
 * decode, and a new one (~50 ms to start) serves the next file: a worker that once decoded a
 * 100-megapixel picture must not keep a gigabyte for the rest of its life.
 */
const KEEP_HEAP_BYTES = 256 * 1024 ** 2

/** libheif's subcodes for "no decoder for this codec in this build" (an AV1-coded HEIF). */
const NO_DECODER = new Set([3000, 6003])

/**
 * Decodes HEIF (HEVC) images with libheif compiled to WebAssembly (libheif-js): sharp's prebuilt
 * libvips has no HEVC decoder. Synchronous and single-threaded: run it on a worker thread.
 *
 * libheif applies the file's `irot`, `imir` and `clap` and assembles grids (iPhones store a photo
 * as 512×512 tiles). EXIF Orientation is left alone: in HEIF it is only informative, and iPhones
 * write it as well as `irot`, so applying it too would turn the picture twice.
 */
export class HeifRepository {
  private lib: Libheif | undefined

  /**
   * Decodes the primary image of the file at `path` and hands the pixels to `use`, or answers
   * null when this build cannot decode its codec (the caller tries sharp). `check` sees the
   * size before anything is decoded, and throws to refuse it (the pixel limit).
   */
  async decode<T>(
    path: string,
    check: (width: number, height: number) => void,
    use: (pixels: HeifPixels) => Promise<T>,
  ): Promise<T | null> {
    const file = await readFile(path)
    const lib = (this.lib ??= await startLibheif())
    const context = lib.heif_context_alloc()
    let handle: ReturnType<Libheif['heif_js_context_get_primary_image_handle']> | undefined
    let image: ReturnType<Libheif['heif_js_decode_image2']> | undefined
    try {
      assertOk(lib.heif_context_read_from_memory(context, file), lib)
      handle = lib.heif_js_context_get_primary_image_handle(context)
      if ('code' in handle) throw failure(handle)
      check(lib.heif_image_handle_get_width(handle), lib.heif_image_handle_get_height(handle))
      image = lib.heif_js_decode_image2(
        handle,
        lib.heif_colorspace.heif_colorspace_RGB,
        lib.heif_chroma.heif_chroma_interleaved_RGBA,
      )
      if ('code' in image) {
        if (NO_DECODER.has(image.subcode.value)) return null
        throw failure(image)
      }
      const interleaved = lib.heif_channel.heif_channel_interleaved.value
      const plane = image.channels.find((c) => c.id.value === interleaved)
      if (!plane) throw new Error('libheif returned no RGBA plane.')
      return await use({
        width: plane.width,
        height: plane.height,
        data: packed(plane.data, plane.width * 4, plane.height, plane.stride),
        hasAlpha: lib.heif_image_handle_has_alpha_channel(handle) !== 0,
      })
    } catch (error) {
      // A trap (a decoder bug, memory exhausted) may leave the instance broken: start afresh.
      if (error instanceof WebAssembly.RuntimeError) this.lib = undefined
      throw error
    } finally {
      if (this.lib === lib) {
        if (image && !('code' in image)) lib.heif_image_release(image.image)
        if (handle && !('code' in handle)) lib.heif_image_handle_release(handle)
        lib.heif_context_free(context)
        if (lib.HEAPU8.byteLength > KEEP_HEAP_BYTES) this.lib = undefined
      }
    }
  }
}

/**
 * Loaded on first use (2 MB of JavaScript with the WebAssembly inside): most workers never see a
 * HEIF.
 */
async function startLibheif(): Promise<Libheif> {
  const { default: createLibheif } = await import('libheif-js/libheif-wasm/libheif-bundle.js')
  return createLibheif()
}

/**
 * The rows without their padding. Rows already packed are not copied: sharp reads them where
 * libheif put them.
 */
function packed(data: Uint8Array, rowBytes: number, rows: number, stride: number): Buffer {
  if (stride === rowBytes) return Buffer.from(data.buffer, data.byteOffset, rowBytes * rows)
  const out = Buffer.allocUnsafe(rowBytes * rows)
  for (let y = 0; y < rows; y++)
    out.set(data.subarray(y * stride, y * stride + rowBytes), y * rowBytes)
  return out
}

function assertOk(error: HeifError, lib: Libheif): void {
  if (error.code.value !== lib.heif_error_code.heif_error_Ok.value) throw failure(error)
}

function failure(error: HeifError): Error {
  return new Error(error.message)
}

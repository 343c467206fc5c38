// The part of libheif-js (libheif 1.23 built with emscripten, HEVC decoding by libde265) that
// HeifRepository uses. The package ships typings for its raw module only, mostly `any`.
declare module 'libheif-js/libheif-wasm/libheif-bundle.js' {
  /** An embind enum value: compare `.value`. */
  interface EnumValue {
    value: number
  }

  export interface HeifError {
    code: EnumValue
    subcode: EnumValue
    message: string
  }

  interface HeifPlane {
    id: EnumValue
    width: number
    height: number
    stride: number
    /** A view of the module's heap, valid until the image is released or the heap grows. */
    data: Uint8Array
  }

  interface DecodedImage {
    image: HeifImage
    width: number
    height: number
    channels: HeifPlane[]
  }

  // Opaque pointers to libheif objects.
  interface HeifContext {
    readonly __brand: 'heif_context'
  }
  interface HeifImageHandle {
    readonly __brand: 'heif_image_handle'
  }
  interface HeifImage {
    readonly __brand: 'heif_image'
  }

  export interface Libheif {
    HEAPU8: Uint8Array
    heif_get_version(): string
    heif_colorspace: { heif_colorspace_RGB: EnumValue }
    heif_chroma: { heif_chroma_interleaved_RGBA: EnumValue }
    heif_channel: { heif_channel_interleaved: EnumValue }
    heif_error_code: { heif_error_Ok: EnumValue }
    heif_context_alloc(): HeifContext
    heif_context_free(context: HeifContext): void
    /** Copies the file into the heap and parses its boxes (no decoding yet). */
    heif_context_read_from_memory(context: HeifContext, data: Uint8Array): HeifError
    heif_js_context_get_primary_image_handle(context: HeifContext): HeifImageHandle | HeifError
    /** Width and height as shown: after `irot`, `imir` and `clap`. */
    heif_image_handle_get_width(handle: HeifImageHandle): number
    heif_image_handle_get_height(handle: HeifImageHandle): number
    heif_image_handle_has_alpha_channel(handle: HeifImageHandle): number
    heif_image_handle_release(handle: HeifImageHandle): void
    /** Decodes with libheif's default options: transformations applied, grids assembled. */
    heif_js_decode_image2(
      handle: HeifImageHandle,
      colorspace: EnumValue,
      chroma: EnumValue,
    ): DecodedImage | HeifError
    heif_image_release(image: HeifImage): void
  }

  export default function createLibheif(options?: object): Libheif
}

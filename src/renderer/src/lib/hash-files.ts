import { createSHA256 } from 'hash-wasm'

/** How far the hashing of a drop is. */
export interface HashProgress {
  /** Files hashed so far, of totalFiles. */
  files: number
  totalFiles: number
  bytes: number
  totalBytes: number
}

/**
 * Each read of a large file is one slice: the page never holds more than this of it, and the
 * event loop runs between slices (hashing one takes about 10 ms), so a large drop leaves the
 * page responsive without a worker (docs/decisions.md, "Imports").
 */
const SLICE_BYTES = 2 * 1024 * 1024

/**
 * Files up to this size are read whole and hashed by the browser (Web Crypto: native, off the
 * page's thread, about 2.5× hash-wasm here), where the page is a secure context (127.0.0.1).
 */
const WHOLE_BYTES = 32 * 1024 * 1024

/**
 * The SHA-256 (hex) of each file, in order; large ones read slice by slice (WebAssembly):
 * what the core needs to say which files are already in the library before any is uploaded.
 */
export async function hashFiles(
  files: readonly File[],
  onProgress: (progress: HashProgress) => void,
  signal?: AbortSignal,
): Promise<string[]> {
  const hasher = await createSHA256()
  const subtle = globalThis.isSecureContext ? globalThis.crypto?.subtle : undefined
  const progress: HashProgress = {
    files: 0,
    totalFiles: files.length,
    bytes: 0,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
  }
  onProgress({ ...progress })
  const sums: string[] = []
  for (const file of files) {
    signal?.throwIfAborted()
    if (subtle && file.size <= WHOLE_BYTES) {
      const digest = await subtle.digest('SHA-256', await file.arrayBuffer())
      sums.push(hex(new Uint8Array(digest)))
      progress.bytes += file.size
      progress.files++
      onProgress({ ...progress })
      continue
    }
    hasher.init()
    for (let at = 0; at < file.size; at += SLICE_BYTES) {
      signal?.throwIfAborted()
      const slice = await file.slice(at, at + SLICE_BYTES).arrayBuffer()
      hasher.update(new Uint8Array(slice))
      progress.bytes += slice.byteLength
      onProgress({ ...progress })
    }
    sums.push(hasher.digest('hex'))
    progress.files++
    onProgress({ ...progress })
  }
  return sums
}

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

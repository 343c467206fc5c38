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
 * Each read is one slice: the page never holds more than this of a file, and the event loop
 * runs between slices (hashing one takes a few milliseconds), so a large drop leaves the page
 * responsive without a worker (docs/decisions.md, "Imports").
 */
const SLICE_BYTES = 4 * 1024 * 1024

/**
 * The SHA-256 (hex) of each file, in order, read slice by slice (WebAssembly, about 1 GB/s):
 * what the core needs to say which files are already in the library before any is uploaded.
 */
export async function hashFiles(
  files: readonly File[],
  onProgress: (progress: HashProgress) => void,
  signal?: AbortSignal,
): Promise<string[]> {
  const hasher = await createSHA256()
  const progress: HashProgress = {
    files: 0,
    totalFiles: files.length,
    bytes: 0,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
  }
  onProgress({ ...progress })
  const sums: string[] = []
  for (const file of files) {
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

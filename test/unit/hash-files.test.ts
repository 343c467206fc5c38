import { createHash, randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { hashFiles, type HashProgress } from '../../src/renderer/src/lib/hash-files'

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

describe("the page's hashing of a drop", () => {
  afterEach(() => vi.unstubAllGlobals())
  // Empty, small, and larger than a slice and than the whole-file limit (several slices).
  const contents = [Buffer.alloc(0), randomBytes(1000), randomBytes(33 * 1024 * 1024 + 7)]
  const files = contents.map((bytes, i) => new File([bytes], `f${i}.bin`))

  for (const secure of [false, true])
    it(`gives each file's SHA-256 in order, with progress to the last byte (${secure ? 'Web Crypto for small files' : 'WebAssembly only'})`, async () => {
      vi.stubGlobal('isSecureContext', secure)
      const seen: HashProgress[] = []
      const sums = await hashFiles(files, (p) => seen.push(p))
      expect(sums).toEqual(contents.map(sha))
      const total = contents.reduce((sum, b) => sum + b.length, 0)
      expect(seen[0]).toEqual({ files: 0, totalFiles: 3, bytes: 0, totalBytes: total })
      expect(seen.at(-1)).toEqual({ files: 3, totalFiles: 3, bytes: total, totalBytes: total })
      // The large file reports between its slices, not only at its end.
      expect(seen.filter((p) => p.files === 2).length).toBeGreaterThan(10)
    })

  it('stops when aborted', async () => {
    const controller = new AbortController()
    const hashing = hashFiles(files, (p) => p.bytes > 0 && controller.abort(), controller.signal)
    await expect(hashing).rejects.toThrow()
  })
})

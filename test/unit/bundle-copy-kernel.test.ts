import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  KERNEL_COPY_MAX_BYTES,
  kernelCanCopy,
  kernelCopyHashing,
} from '../../src/main/repositories/bundle-copy-kernel'
import { BundleFilesRepository } from '../../src/main/repositories/bundle-files.repository'
import { tempDir } from '../support/temp'

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/** A source of `size` random bytes in a fresh folder. */
function source(size: number): { dir: string; path: string; bytes: Buffer } {
  const dir = tempDir()
  const bytes = randomBytes(size)
  const path = join(dir, 'clip.mp4')
  writeFileSync(path, bytes)
  return { dir, path, bytes }
}

describe.runIf(process.platform === 'linux')('bundle objects copied by the kernel', () => {
  it('copies every byte and hashes what was written, counting each byte once', async () => {
    // Larger than one read of the part, and not a multiple of it.
    const { dir, path, bytes } = source(9 * 1024 * 1024 + 123)
    expect(kernelCanCopy(path, bytes.length)).toBe(true)
    expect(kernelCanCopy(path, KERNEL_COPY_MAX_BYTES + 1)).toBe(false)
    const part = join(dir, 'staging', 'clip.part')
    let counted = 0
    mkdirSync(join(dir, 'staging'))
    const hash = await kernelCopyHashing(path, part, new AbortController().signal, (n) => {
      counted += n
    })
    expect(hash).toBe(sha256(bytes))
    expect(counted).toBe(bytes.length)
    expect(readFileSync(part).equals(bytes)).toBe(true)
  })

  it('places the object when the hash is the expected one, and drops it when not', async () => {
    const { dir, path, bytes } = source(3 * 1024 * 1024)
    const files = new BundleFilesRepository()
    const signal = new AbortController().signal
    const part = join(dir, '.staging', 'a.part')
    const target = join(dir, 'objects', 'a.mp4')
    const wrong = '0'.repeat(64)
    expect(await files.copyDurably(path, part, target, wrong, signal, () => {})).toBe(false)
    expect(existsSync(part)).toBe(false)
    expect(existsSync(target)).toBe(false)
    expect(await files.copyDurably(path, part, target, sha256(bytes), signal, () => {})).toBe(true)
    expect(existsSync(part)).toBe(false)
    expect(readFileSync(target).equals(bytes)).toBe(true)
  })

  it('leaves no part behind when stopped', async () => {
    const { dir, path } = source(2 * 1024 * 1024)
    const part = join(dir, 'clip.part')
    const stop = new AbortController()
    stop.abort(new Error('cancelled'))
    await expect(kernelCopyHashing(path, part, stop.signal, () => {})).rejects.toThrow('cancelled')
    expect(existsSync(part)).toBe(false)
  })
})

import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BundleFilesRepository } from '../../src/main/repositories/bundle-files.repository'
import { ImportFilesRepository } from '../../src/main/repositories/import-files.repository'
import { tempDir } from '../support/temp'
import { sourceWorkers } from '../support/workers'

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/** A source of `size` random bytes in a fresh folder. */
function source(size: number): { dir: string; path: string; bytes: Buffer } {
  const dir = tempDir()
  const bytes = randomBytes(size)
  const path = join(dir, 'clip.mp4')
  writeFileSync(path, bytes)
  return { dir, path, bytes }
}

const pools: ImportFilesRepository[] = []
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close()
})

function bundleFiles(): BundleFilesRepository {
  const threads = new ImportFilesRepository(sourceWorkers('import'), {
    timeoutMs: 30_000,
    threads: 2,
  })
  pools.push(threads)
  return new BundleFilesRepository(threads)
}

describe('bundle objects copied on the copy threads', () => {
  it('copies every byte, counts each once, and places the object only when its hash is the stored one', async () => {
    // Larger than one read of the hash, and not a multiple of it.
    const { dir, path, bytes } = source(9 * 1024 * 1024 + 123)
    const files = bundleFiles()
    const signal = new AbortController().signal
    const part = join(dir, '.staging', 'a.part')
    const target = join(dir, 'objects', 'a.mp4')
    expect(await files.copyDurably(path, part, target, '0'.repeat(64), signal, () => {})).toBe(
      false,
    )
    expect(existsSync(part)).toBe(false)
    expect(existsSync(target)).toBe(false)
    let counted = 0
    const ok = await files.copyDurably(path, part, target, sha256(bytes), signal, (n) => {
      counted += n
    })
    expect(ok).toBe(true)
    expect(counted).toBe(bytes.length)
    expect(existsSync(part)).toBe(false)
    expect(readFileSync(target).equals(bytes)).toBe(true)
  })

  it('copies several at once, each whole', async () => {
    const { dir } = source(1)
    const files = bundleFiles()
    const signal = new AbortController().signal
    const objects = Array.from({ length: 5 }, (_, i) => {
      const bytes = randomBytes(3 * 1024 * 1024 + i)
      const path = join(dir, `src-${i}.mp4`)
      writeFileSync(path, bytes)
      return { path, bytes, target: join(dir, 'objects', `${i}.mp4`) }
    })
    const results = await Promise.all(
      objects.map((o, i) =>
        files.copyDurably(
          o.path,
          join(dir, '.staging', `${i}.part`),
          o.target,
          sha256(o.bytes),
          signal,
          () => {},
        ),
      ),
    )
    expect(results).toEqual([true, true, true, true, true])
    for (const o of objects) expect(readFileSync(o.target).equals(o.bytes)).toBe(true)
    expect(readdirSync(join(dir, '.staging'))).toEqual([])
  })

  it('leaves no part behind when stopped', async () => {
    const { dir, path, bytes } = source(2 * 1024 * 1024)
    const part = join(dir, '.staging', 'clip.part')
    const stop = new AbortController()
    stop.abort(new Error('cancelled'))
    await expect(
      bundleFiles().copyDurably(
        path,
        part,
        join(dir, 'o.mp4'),
        sha256(bytes),
        stop.signal,
        () => {},
      ),
    ).rejects.toThrow('cancelled')
    expect(existsSync(part)).toBe(false)
  })
})

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import mediaTask from '../../src/main/jobs/media.worker'
import { readOriginal, type OriginalsRequest } from '../../src/main/repositories/originals.worker'
import { seededBytes } from '../fixtures/media-tools'
import { tempDir } from '../support/temp'

const control = { stopped: () => false, alive: () => undefined }
const run = (request: OriginalsRequest) => readOriginal(request, control).reply

describe("a network root's reader thread", () => {
  it('hashes exactly as the media pool does (SHA-256 and quick fingerprint)', async () => {
    const dir = tempDir()
    for (const [name, size] of [
      ['small.bin', 9_000],
      ['middle.bin', 20_000],
      ['large.bin', 3 * 1024 * 1024 + 17],
    ] as const) {
      const path = join(dir, name)
      writeFileSync(path, seededBytes(size, size))
      const pool = await mediaTask({ kind: 'hash', path })
      expect(run({ op: 'hash', path }), name).toEqual(pool)
    }
  })

  it('reads byte ranges, short at the end of the file', () => {
    const dir = tempDir()
    const bytes = seededBytes(5000, 3)
    writeFileSync(join(dir, 'a.bin'), bytes)
    const path = join(dir, 'a.bin')
    const middle = run({ op: 'read', path, position: 100, length: 50 })
    expect(middle).toEqual({ ok: true, value: new Uint8Array(bytes.subarray(100, 150)) })
    const tail = run({ op: 'read', path, position: 4990, length: 50 })
    expect(tail.ok && (tail.value as Uint8Array).length).toBe(10)
  })

  it("tells a file's size, for reads anywhere in it", () => {
    const path = join(tempDir(), 'a.bin')
    writeFileSync(path, seededBytes(7000, 4))
    expect(run({ op: 'size', path })).toEqual({ ok: true, value: 7000 })
    expect(run({ op: 'size', path: `${path}.gone` })).toMatchObject({
      ok: false,
      error: { code: 'ENOENT' },
    })
  })

  it('resolves only regular files whose real path stays inside the root', () => {
    const root = tempDir()
    const outside = tempDir()
    writeFileSync(join(outside, 'secret.txt'), 'secret')
    mkdirSync(join(root, 'sub'))
    writeFileSync(join(root, 'sub', 'a.jpg'), 'jpeg')
    symlinkSync(join(outside, 'secret.txt'), join(root, 'escape.txt'))
    const resolve = (rel: string) => run({ op: 'resolve', base: root, candidate: join(root, rel) })
    expect(resolve('sub/a.jpg')).toMatchObject({ ok: true, value: { size: 4 } })
    expect(resolve('escape.txt')).toEqual({ ok: true, value: null })
    expect(resolve('sub')).toEqual({ ok: true, value: null })
    expect(resolve('missing.jpg')).toMatchObject({ ok: false, error: { code: 'ENOENT' } })
  })

  it('stops a hash it was told to stop, and says so as data', () => {
    const dir = tempDir()
    const path = join(dir, 'big.bin')
    writeFileSync(path, seededBytes(3 * 1024 * 1024, 1))
    const reply = readOriginal({ op: 'hash', path }, { stopped: () => true, alive: () => {} }).reply
    expect(reply).toEqual({ ok: false, error: { code: null, message: 'stopped' } })
  })
})

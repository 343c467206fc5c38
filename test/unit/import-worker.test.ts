import {
  appendFileSync,
  existsSync,
  linkSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  runImportFs,
  suffixed,
  type Control,
  type ImportFsReply,
} from '../../src/main/repositories/import.worker'
import { kernelCanCopy } from '../../src/main/repositories/import-fs-kernel'
import { randomContent, sha256Of } from '../support/imports'
import { tempDir } from '../support/temp'

const MiB = 1024 * 1024
const control = (bytes: (n: number) => void = () => undefined, stopped = () => false): Control => ({
  stopped,
  bytes,
})

function value<T>(reply: ImportFsReply): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`)
  return reply.value as T
}

function source(bytes: number) {
  const dir = tempDir()
  const path = join(dir, 'clip.mp4')
  writeFileSync(path, randomContent(bytes))
  const { size, mtimeMs } = statSync(path)
  return { path, expected: { size, mtimeMs: Math.trunc(mtimeMs) } }
}

describe('the import thread', () => {
  it('copies through the part while hashing, keeps the modification time, and reads back when asked', async () => {
    const { path, expected } = source(6 * MiB)
    const part = join(tempDir(), 'In', '.marquee-import-x-1.part')
    let seen = 0
    const copied = value<{ status: string; sha256: string; mtimeMs: number }>(
      await runImportFs(
        { op: 'copy', source: path, expected, part, verify: true },
        control((n) => (seen += n)),
      ),
    )
    expect(copied).toMatchObject({
      status: 'copied',
      sha256: sha256Of(path),
      mtimeMs: expected.mtimeMs,
    })
    expect(seen).toBe(6 * MiB)
    expect(sha256Of(part)).toBe(sha256Of(path))
    expect(Math.trunc(statSync(part).mtimeMs)).toBe(expected.mtimeMs)
  })

  it('lets the kernel copy into a local part while it hashes the source, and keeps the time', async () => {
    const { path, expected } = source(6 * MiB)
    const part = join(tempDir(), 'In', '.marquee-import-x-6.part')
    let seen = 0
    const copied = value<{ status: string; sha256: string; mtimeMs: number; size: number }>(
      await runImportFs(
        { op: 'copy', source: path, expected, part, verify: false, inKernel: true },
        control((n) => (seen += n)),
      ),
    )
    expect(copied).toMatchObject({
      status: 'copied',
      sha256: sha256Of(path),
      mtimeMs: expected.mtimeMs,
      size: 6 * MiB,
    })
    expect(seen).toBe(6 * MiB)
    expect(sha256Of(part)).toBe(sha256Of(path))
    expect(Math.trunc(statSync(part).mtimeMs)).toBe(expected.mtimeMs)
  })

  for (const inKernel of [false, true])
    it(`answers changed, and leaves no part, when the source changes before its copy ends${inKernel ? ' (kernel copy)' : ''}`, async () => {
      const { path, expected } = source(9 * MiB)
      const part = join(tempDir(), `.marquee-import-x-7${inKernel}.part`)
      let first = true
      const reply = await runImportFs(
        { op: 'copy', source: path, expected, part, verify: false, inKernel },
        control(() => {
          if (first) appendFileSync(path, 'more')
          first = false
        }),
      )
      expect(value(reply)).toEqual({ status: 'changed' })
      expect(existsSync(part)).toBe(false)
    })

  it('lets the kernel copy only sources on a local filesystem of Linux', () => {
    const { path } = source(1024)
    expect(kernelCanCopy(path)).toBe(process.platform === 'linux')
    expect(kernelCanCopy(join(tempDir(), 'gone.mp4'))).toBe(false)
  })

  it('kernel copy: stops when told to, and removes the part', async () => {
    const { path, expected } = source(9 * MiB)
    const part = join(tempDir(), '.marquee-import-x-8.part')
    let chunks = 0
    const reply = await runImportFs(
      { op: 'copy', source: path, expected, part, verify: false, inKernel: true },
      control(
        () => chunks++,
        () => chunks > 0,
      ),
    )
    expect(value(reply)).toEqual({ status: 'stopped' })
    expect(existsSync(part)).toBe(false)
  })

  it('stops between chunks when told to, and removes the part', async () => {
    const { path, expected } = source(9 * MiB)
    const part = join(tempDir(), '.marquee-import-x-3.part')
    let chunks = 0
    const reply = await runImportFs(
      { op: 'copy', source: path, expected, part, verify: false },
      control(
        () => chunks++,
        () => chunks > 0,
      ),
    )
    expect(value(reply)).toEqual({ status: 'stopped' })
    expect(existsSync(part)).toBe(false)
  })

  it('puts the part in place under a free name, never over a file', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'clip.mp4'), 'first')
    writeFileSync(join(dir, 'clip (2).mp4'), 'second')
    const part = join(dir, '.marquee-import-x-4.part')
    writeFileSync(part, 'third')
    const placed = value<{ name: string }>(
      await runImportFs({ op: 'commit', part, dir, name: 'clip.mp4' }, control()),
    )
    expect(placed.name).toBe('clip (3).mp4')
    expect(readdirSync(dir).sort()).toEqual(['clip (2).mp4', 'clip (3).mp4', 'clip.mp4'])
    expect(readFileSync(join(dir, 'clip.mp4'), 'utf8')).toBe('first')
    expect(readFileSync(join(dir, 'clip (3).mp4'), 'utf8')).toBe('third')
  })

  it('after a crash, finds a part already in place by its inode, or tells a lone part from nothing', async () => {
    const dir = tempDir()
    const part = join(dir, '.marquee-import-x-5.part')
    writeFileSync(join(dir, 'a.jpg'), 'someone else')
    writeFileSync(part, 'ours')
    const inode = String(statSync(part).ino)
    expect(
      value(await runImportFs({ op: 'recover', part, dir, name: 'a.jpg', inode }, control())),
    ).toEqual({ state: 'part' })
    // Killed between the link and the unlink: the part and its placed twin share the inode.
    linkSync(part, join(dir, 'a (2).jpg'))
    expect(
      value(await runImportFs({ op: 'recover', part, dir, name: 'a.jpg', inode }, control())),
    ).toMatchObject({
      state: 'committed',
      file: { name: 'a (2).jpg', inode },
    })
    expect(existsSync(part)).toBe(false)
    expect(
      value(await runImportFs({ op: 'recover', part, dir, name: 'b.jpg', inode }, control())),
    ).toEqual({ state: 'none' })
  })

  it('probes the deepest folder that exists of a target not made yet', async () => {
    const dir = tempDir()
    const probe = value<{ existing: string; writable: boolean; freeBytes: number }>(
      await runImportFs({ op: 'probe', dir: join(dir, 'Inbox', '2026-05-01') }, control()),
    )
    expect(probe).toMatchObject({ existing: dir, writable: true })
    expect(probe.freeBytes).toBeGreaterThan(0)
    expect(existsSync(join(dir, 'Inbox'))).toBe(false)
  })

  it('suffixes before the extension', async () => {
    expect(suffixed('clip.mp4', 2)).toBe('clip (2).mp4')
    expect(suffixed('README', 3)).toBe('README (3)')
    expect(suffixed('archive.tar.gz', 2)).toBe('archive.tar (2).gz')
  })
})

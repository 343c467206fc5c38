import { createHash } from 'node:crypto'
import { closeSync, constants, copyFileSync, fstatSync, fsyncSync, futimesSync } from 'node:fs'
import { mkdirSync, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { quickFingerprint } from '../scan/fingerprint'
import { CHUNK } from './import-fs-read'
import { removeQuietly } from './import-fs-write'
import type { Control, ImportFsRequest, ImportFsResults } from './import.worker'

/**
 * The copy of a file into a local library folder, bytes moved by the kernel (`copy_file_range`,
 * as `cp` does) rather than through this thread: a read and a write through user space cost
 * about three times the system time of the kernel's copy, and that, not hashing, was most of an
 * import's time. The part is then read back from the page cache and hashed, so the hash is of
 * what was written, and fsynced. Same answers as `copy` (import-fs-write.ts).
 *
 * Stopping is checked before and after the copy, not during it: only files small enough to copy
 * well within the time limit come here (`KERNEL_COPY_MAX_BYTES`), and there are no bytes to tell
 * of while the kernel copies.
 */
export function copyInKernel(
  request: Extract<ImportFsRequest, { op: 'copy' }>,
  control: Control,
): ImportFsResults['copy'] {
  const before = statSync(request.source)
  const { expected, part } = request
  if (
    expected &&
    (before.size !== expected.size || Math.trunc(before.mtimeMs) !== expected.mtimeMs)
  )
    return { status: 'changed' }
  mkdirSync(dirname(part), { recursive: true })
  removeQuietly(part)
  if (control.stopped()) return { status: 'stopped' }
  let output: number | undefined
  const drop = <S extends 'stopped' | 'changed'>(status: S): { status: S } => {
    const fd = output!
    output = undefined
    return gone(part, fd, status)
  }
  try {
    copyFileSync(request.source, part, constants.COPYFILE_EXCL)
    output = openSync(part, 'r+')
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafeSlow(CHUNK)
    let position = 0
    for (;;) {
      if (control.stopped()) return drop('stopped')
      const n = readSync(output, buffer, 0, CHUNK, position)
      if (n === 0) break
      hash.update(buffer.subarray(0, n))
      position += n
      control.bytes(n)
    }
    const after = statSync(request.source)
    if (position !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs)
      return drop('changed')
    futimesSync(output, before.atimeMs / 1000, before.mtimeMs / 1000)
    fsyncSync(output)
    const partInode = String(fstatSync(output).ino)
    closeSync(output)
    output = undefined
    return {
      status: 'copied',
      sha256: hash.digest('hex'),
      fingerprint: quickFingerprint(part, before.size),
      size: before.size,
      mtimeMs: Math.trunc(before.mtimeMs),
      partInode,
    }
  } catch (error) {
    // A failed copy (a full disk) leaves no part behind.
    if (output !== undefined) closeSync(output)
    output = undefined
    removeQuietly(part)
    throw error
  } finally {
    if (output !== undefined) closeSync(output)
  }
}

function gone<S extends 'stopped' | 'changed'>(part: string, fd: number, status: S): { status: S } {
  closeSync(fd)
  removeQuietly(part)
  return { status }
}

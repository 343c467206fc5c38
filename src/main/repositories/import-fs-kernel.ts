import { createHash } from 'node:crypto'
import { closeSync, constants, copyFile, fstatSync, futimesSync } from 'node:fs'
import { mkdirSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { promisify } from 'node:util'
import { quickFingerprint } from '../scan/fingerprint'
import { classifyPath, parseMountInfo } from '../scan/mounts'
import { CHUNK } from './import-fs-read'
import { removeQuietly } from './import-fs-write'
import type { Control, ImportFsRequest, ImportFsResults } from './import.worker'

const copyFileAsync = promisify(copyFile)

/**
 * Whether the kernel may copy this source: on Linux, from a local filesystem. Its copy runs on
 * libuv's pool, and a source on a share that hangs must never hold one of those four threads
 * (the chunked copy blocks only its own thread); the mount table is read each time, as shares
 * come and go.
 */
export function kernelCanCopy(source: string): boolean {
  if (process.platform !== 'linux') return false
  try {
    const mounts = parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'))
    return classifyPath(realpathSync(source), mounts, 'linux') === 'local'
  } catch {
    return false
  }
}

/**
 * The copy of a file into a local library folder, bytes moved by the kernel (`copy_file_range`,
 * as `cp` does) rather than through this thread: a read and a write through user space cost
 * about three times the system time of the kernel's copy, and that, not hashing, was most of an
 * import's time. The kernel's copy is one call on libuv's pool; meanwhile this thread reads the
 * source just behind it and hashes it — the stream being copied, as the issue asks of a local
 * target (only a network target is read back). That the bytes written are the bytes hashed
 * rests on the source not changing: its size, time and inode are compared before and after,
 * and the part's size with the source's; a source that moved is `changed` (copied once more,
 * then reported). Then the source's time and the same answers as `copy`
 * (import-fs-write.ts), except the fsync: the caller asks for it (`syncLocal`) once the copy's slot is
 * free. Stopping is seen between reads; the kernel's copy is let finish, then
 * the part removed.
 */
export async function copyInKernel(
  request: Extract<ImportFsRequest, { op: 'copy' }>,
  control: Control,
): Promise<ImportFsResults['copy']> {
  const { expected, part } = request
  const input = openSync(request.source, 'r')
  let output: number | undefined
  const close = (): void => {
    const fd = output
    output = undefined
    if (fd !== undefined) closeSync(fd)
  }
  const drop = async <S extends 'stopped' | 'changed'>(status: S): Promise<{ status: S }> => {
    close()
    removeQuietly(part)
    return { status }
  }
  let copying: Promise<void> | undefined
  try {
    const before = fstatSync(input)
    if (
      expected &&
      (before.size !== expected.size || Math.trunc(before.mtimeMs) !== expected.mtimeMs)
    )
      return { status: 'changed' }
    mkdirSync(dirname(part), { recursive: true })
    removeQuietly(part)
    if (control.stopped()) return { status: 'stopped' }
    copying = copyFileAsync(request.source, part, constants.COPYFILE_EXCL)
    let copied = false
    let failed = false
    copying.then(
      () => (copied = true),
      () => (copied = failed = true),
    )
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafeSlow(CHUNK)
    let position = 0
    // Hashes the source a little behind the kernel, below what it has put in the part: the
    // bytes hashed are bytes copied, so they are the progress and the sign of life the watchdog
    // hears (a part that stops growing, a stuck disk, says nothing), and the copy has just read
    // them. Measured in docs/decisions.md "Imports".
    for (;;) {
      if (control.stopped()) {
        await copying.catch(() => undefined)
        return await drop('stopped')
      }
      // The look at the end first: once the copy has ended, every byte may be read.
      const ended = copied
      // A failed copy (a full disk) is answered now, not after hashing the rest.
      if (failed) break
      output ??= openedNow(part)
      const below = ended ? Infinity : output === undefined ? 0 : fstatSync(output).size
      const want = Math.min(CHUNK, below - position)
      const n = want > 0 ? readSync(input, buffer, 0, want, position) : 0
      if (n > 0) {
        hash.update(buffer.subarray(0, n))
        position += n
        control.bytes(n)
      } else if (ended) break
      else await pause()
    }
    await copying
    output ??= openSync(part, 'r+')
    // The source's time; the fsync that covers it comes later (`syncLocal`, outside the copy
    // slots: waiting for the disk need not hold a core's worth of copying back).
    futimesSync(output, before.atimeMs / 1000, before.mtimeMs / 1000)
    const after = statSync(request.source)
    if (
      position !== before.size ||
      fstatSync(output).size !== before.size ||
      after.size !== before.size ||
      after.mtimeMs !== before.mtimeMs ||
      after.ino !== before.ino
    )
      return await drop('changed')
    const partInode = String(fstatSync(output).ino)
    close()
    return {
      status: 'copied',
      sha256: hash.digest('hex'),
      fingerprint: quickFingerprint(part, before.size),
      size: before.size,
      mtimeMs: Math.trunc(before.mtimeMs),
      partInode,
      synced: false,
    }
  } catch (error) {
    // A failed copy or fsync (a full disk) leaves no part behind; the copy is let end first.
    await copying?.catch(() => undefined)
    close()
    removeQuietly(part)
    throw error
  } finally {
    closeSync(input)
  }
}

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1))

/** The part opened, if the kernel's copy has made it yet. */
function openedNow(part: string): number | undefined {
  try {
    return openSync(part, 'r+')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

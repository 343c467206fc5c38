import { createHash } from 'node:crypto'
import { closeSync, constants, copyFile, fstatSync, fsync, futimesSync } from 'node:fs'
import { mkdirSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { promisify } from 'node:util'
import { quickFingerprint } from '../scan/fingerprint'
import { classifyPath, parseMountInfo } from '../scan/mounts'
import { CHUNK } from './import-fs-read'
import { removeQuietly } from './import-fs-write'
import type { Control, ImportFsRequest, ImportFsResults } from './import.worker'

const fsyncAsync = promisify(fsync)
const copyFileAsync = promisify(copyFile)
/** How often the part's growth is looked at while the kernel copies. */
const WATCH_MS = 200

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
 * import's time. The part is then read back from the page cache and hashed, so the hash is of
 * what was written, while its fsync runs beside the hashing (libuv's pool): the disk writes as
 * the CPU hashes. The answer waits for both. Same answers as `copy` (import-fs-write.ts).
 *
 * The kernel's copy is one call on libuv's pool: while it runs this thread watches the part grow
 * and tells the caller's watchdog it is alive (a part that stops growing says nothing, so a
 * stuck disk is still given up). Stopping is checked once the copy has ended.
 */
export async function copyInKernel(
  request: Extract<ImportFsRequest, { op: 'copy' }>,
  control: Control,
): Promise<ImportFsResults['copy']> {
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
  let synced: Promise<void> | undefined
  // Waits for the fsync under way (the descriptor must stay open until it ends), then closes.
  const close = async (): Promise<void> => {
    const fd = output
    output = undefined
    await synced?.catch(() => undefined)
    if (fd !== undefined) closeSync(fd)
  }
  const drop = async <S extends 'stopped' | 'changed'>(status: S): Promise<{ status: S }> => {
    await close()
    removeQuietly(part)
    return { status }
  }
  try {
    await copyWatched(request.source, part, control)
    output = openSync(part, 'r+')
    // The time first, so that the one fsync covers it.
    futimesSync(output, before.atimeMs / 1000, before.mtimeMs / 1000)
    synced = fsyncAsync(output)
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafeSlow(CHUNK)
    let position = 0
    for (;;) {
      if (control.stopped()) return await drop('stopped')
      const n = readSync(output, buffer, 0, CHUNK, position)
      if (n === 0) break
      hash.update(buffer.subarray(0, n))
      position += n
      control.bytes(n)
    }
    const after = statSync(request.source)
    if (position !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs)
      return await drop('changed')
    await synced
    const partInode = String(fstatSync(output).ino)
    await close()
    return {
      status: 'copied',
      sha256: hash.digest('hex'),
      fingerprint: quickFingerprint(part, before.size),
      size: before.size,
      mtimeMs: Math.trunc(before.mtimeMs),
      partInode,
    }
  } catch (error) {
    // A failed copy or fsync (a full disk) leaves no part behind.
    await close()
    removeQuietly(part)
    throw error
  }
}

/** The kernel's copy, with a sign of life to the watchdog each time the part has grown. */
async function copyWatched(source: string, part: string, control: Control): Promise<void> {
  let seen = 0
  const watch = setInterval(() => {
    let size = seen
    try {
      size = statSync(part).size
    } catch {
      // Not made yet: nothing to tell.
    }
    // No bytes counted here (the hash that follows counts them): only that it is alive.
    if (size > seen) control.bytes(0)
    seen = size
  }, WATCH_MS)
  try {
    await copyFileAsync(source, part, constants.COPYFILE_EXCL)
  } finally {
    clearInterval(watch)
  }
}

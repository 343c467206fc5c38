import { createHash } from 'node:crypto'
import { constants, readFileSync, realpathSync } from 'node:fs'
import { copyFile, open, rm, type FileHandle } from 'node:fs/promises'
import { classifyPath, parseMountInfo } from '../scan/mounts'

/** 4 MiB reads of the part: few calls, and still well inside the page cache's fresh pages. */
const CHUNK = 4 * 1024 * 1024

/**
 * The largest object the kernel copies. Its copy is one call that cannot be stopped, so a
 * cancelled export waits for it (nothing may still be writing once the export says it stopped:
 * the user may pull the stick): at most ~1 s on an internal disk, ~40 s on a slow USB 2 stick.
 * Larger objects take the chunked copy, which stops between chunks.
 */
export const KERNEL_COPY_MAX_BYTES = 1024 ** 3

/**
 * Whether a bundle object may be copied by the kernel: on Linux, from a local filesystem, up to
 * KERNEL_COPY_MAX_BYTES. The copy is one call on libuv's pool, and a source on a share that
 * hangs must never hold one of those four threads; the mount table is read each time, as shares
 * come and go. (The same rule as imports' kernel copies, import-fs-kernel.ts on the import
 * branch: see docs/decisions.md.)
 */
export function kernelCanCopy(source: string, size: number): boolean {
  if (process.platform !== 'linux' || size > KERNEL_COPY_MAX_BYTES) return false
  try {
    const mounts = parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'))
    return classifyPath(realpathSync(source), mounts, 'linux') === 'local'
  } catch {
    return false
  }
}

/**
 * Copies `source` to a new `part` with the kernel's copy (`copy_file_range`, as `cp` does: the
 * bytes never pass through this process) while hashing the part a little behind it, from the
 * page cache. The hash is of what was written, and hashing overlaps copying. The part is
 * fsynced before this returns. Reading below the part's size is safe: the kernel raises the size
 * only after the bytes under it are in the page cache. Returns the part's SHA-256; a failed or
 * stopped copy leaves no part behind.
 */
export async function kernelCopyHashing(
  source: string,
  part: string,
  signal: AbortSignal,
  onBytes: (n: number) => void,
): Promise<string> {
  await rm(part, { force: true })
  let copied = false
  const copying = copyFile(source, part, constants.COPYFILE_EXCL).finally(() => (copied = true))
  copying.catch(() => undefined) // its failure is thrown below, where it is awaited
  let handle: FileHandle | undefined
  try {
    handle = await openedWhenMade(part, () => copied)
    if (!handle) {
      await copying
      throw Object.assign(new Error(`${part} was not made by the copy`), { code: 'ENOENT' })
    }
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafeSlow(CHUNK)
    let position = 0
    for (;;) {
      signal.throwIfAborted()
      // Look at the end before the read: a read after the copy ended sees every byte.
      const ended = copied
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position)
      if (bytesRead > 0) {
        hash.update(buffer.subarray(0, bytesRead))
        position += bytesRead
        onBytes(bytesRead)
      } else if (ended) break
      else await pause()
    }
    await copying
    await handle.sync()
    return hash.digest('hex')
  } catch (error) {
    await copying.catch(() => undefined)
    await handle?.close().catch(() => undefined)
    handle = undefined
    await rm(part, { force: true })
    throw error
  } finally {
    await handle?.close()
  }
}

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1))

/** The part opened once the kernel's copy has made it; undefined if the copy ended without. */
async function openedWhenMade(part: string, ended: () => boolean): Promise<FileHandle | undefined> {
  for (;;) {
    const over = ended()
    try {
      return await open(part, 'r+')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      if (over) return undefined
    }
    await pause()
  }
}

import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { mkdir, open, rename, rm, stat, statfs, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { verifyBundle, type BundleReport } from '../export/verify-bundle'
import { Slots } from '../slots'
import { AppError } from '../errors'
import { ImportStalled, type ImportFilesRepository } from './import-files.repository'

/** statfs types of FAT filesystems (vfat, msdos), where one file cannot reach 4 GiB. */
const FAT_MAGIC = new Set([0x4d44])
export const FAT32_MAX_FILE = 4 * 1024 ** 3 - 1

/**
 * The filesystem side of writing a bundle: durable copies (hash while copying, fsync, rename,
 * fsync the folder), resumable partial copies, atomic small files, free space.
 */
/**
 * The largest object the kernel copies. Its copy is one call that cannot be stopped, so a
 * cancelled export waits for it (nothing may still be writing once the export says it stopped:
 * the user may pull the stick): at most ~1 s on an internal disk, ~40 s on a slow USB 2 stick.
 * Larger objects take the chunked copy, which stops between chunks.
 */
export const KERNEL_COPY_MAX_BYTES = 1024 ** 3

/** Objects whose bytes move (and are hashed) at once: one a core (see `copyDurably`). */
const COPYING = 2

export class BundleFilesRepository {
  private readonly copying = new Slots(COPYING)

  /**
   * `threads` are the copy threads imports use (import.worker.ts): fresh copies run there, the
   * kernel moving the bytes while the thread hashes them. Without them (tests of the rest) every
   * copy is the chunked one on this thread.
   */
  constructor(private readonly threads?: ImportFilesRepository) {}

  async space(dir: string): Promise<{ free: number; fat: boolean }> {
    await mkdir(dir, { recursive: true })
    const info = await statfs(dir)
    return { free: Number(info.bavail) * Number(info.bsize), fat: FAT_MAGIC.has(Number(info.type)) }
  }

  /** Size of a file, or null when there is none. */
  async sizeOf(path: string): Promise<number | null> {
    try {
      return (await stat(path)).size
    } catch {
      return null
    }
  }

  async hashFile(
    path: string,
    signal?: AbortSignal,
    onBytes?: (n: number) => void,
  ): Promise<string> {
    const hash = createHash('sha256')
    for await (const chunk of createReadStream(path, {
      highWaterMark: 1024 * 1024,
      signal,
    }) as AsyncIterable<Buffer>) {
      hash.update(chunk)
      onBytes?.(chunk.length)
    }
    return hash.digest('hex')
  }

  /**
   * Copies `source` to `target` through `part`: continues an earlier partial copy, hashes
   * everything, fsyncs, and renames into place only when the hash is the expected one.
   * Returns false (and drops the part) when the source's bytes are not what was expected.
   */
  async copyDurably(
    source: string,
    part: string,
    target: string,
    expectedSha256: string,
    signal: AbortSignal,
    onBytes: (n: number) => void,
  ): Promise<boolean> {
    await mkdir(dirname(part), { recursive: true })
    let offset = (await this.sizeOf(part)) ?? 0
    const sourceSize = (await stat(source)).size
    if (offset > sourceSize) offset = 0
    if (offset === 0 && this.threads) {
      const sha256 = await this.copyOnThread(source, part, sourceSize, signal, onBytes)
      return this.placeIfExpected(part, target, sha256 === expectedSha256)
    }
    const hash = createHash('sha256')
    if (offset > 0) {
      // Resume: the bytes already there count, once hashed again.
      for await (const chunk of createReadStream(part, {
        end: offset - 1,
        signal,
      }) as AsyncIterable<Buffer>)
        hash.update(chunk)
      onBytes(offset)
    }
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        onBytes(chunk.length)
        done(null, chunk)
      },
    })
    await pipeline(
      createReadStream(source, { start: offset, highWaterMark: 1024 * 1024, signal }),
      hashing,
      createWriteStream(part, { flags: offset > 0 ? 'r+' : 'w', start: offset }),
    )
    await fsyncFile(part)
    return this.placeIfExpected(part, target, hash.digest('hex') === expectedSha256)
  }

  /**
   * A fresh copy on an import thread: from a local disk the kernel moves the bytes
   * (`copy_file_range`) while the thread hashes the source just behind it (import-fs-kernel.ts);
   * from a share, the chunked copy, which a hung share holds on that thread alone. Two objects
   * copy at once; the fsync of one (here, on libuv's pool: a slow stick may take long, and no
   * watchdog should call that a hang) runs while the next two copy. Returns the SHA-256 of what
   * was copied, or null when the source changed meanwhile.
   */
  private async copyOnThread(
    source: string,
    part: string,
    size: number,
    signal: AbortSignal,
    onBytes: (n: number) => void,
  ): Promise<string | null> {
    const threads = this.threads!
    const copied = await this.copying
      .run(() =>
        threads.run(
          {
            op: 'copy',
            source,
            expected: null,
            part,
            verify: false,
            inKernel: size <= KERNEL_COPY_MAX_BYTES,
          },
          { signal, onBytes },
        ),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ImportStalled)) throw error
        throw new AppError(
          'UNAVAILABLE',
          `${source} stopped answering (${error.message}): if it is on a NAS or a share, check that it is reachable, then export again; what was copied is kept.`,
        )
      })
    if (copied.status === 'stopped') {
      signal.throwIfAborted()
      throw new AppError('UNAVAILABLE', 'The copy was stopped: Marquee is closing.')
    }
    if (copied.status !== 'copied') {
      await rm(part, { force: true })
      return null
    }
    try {
      if (!copied.synced) await fsyncFile(part)
    } catch (error) {
      await rm(part, { force: true })
      throw error
    }
    return copied.sha256
  }

  /** The fsynced part renamed into place (and its folder fsynced), or dropped when wrong. */
  private async placeIfExpected(part: string, target: string, expected: boolean): Promise<boolean> {
    if (!expected) {
      await rm(part, { force: true })
      return false
    }
    await mkdir(dirname(target), { recursive: true })
    await rename(part, target)
    await fsyncDir(dirname(target))
    return true
  }

  /**
   * Writes a small file atomically: temporary name, fsync, rename, fsync the folder. A write
   * that fails (a full disk) leaves the old file as it was and no temporary file behind.
   */
  async writeAtomically(dir: string, name: string, content: string): Promise<void> {
    const tmp = join(dir, `.${name}.tmp`)
    try {
      await mkdir(dir, { recursive: true })
      await writeFile(tmp, content)
      await fsyncFile(tmp)
      await rename(tmp, join(dir, name))
    } catch (error) {
      await rm(tmp, { force: true })
      throw error
    }
    await fsyncDir(dir)
  }

  async readText(path: string): Promise<string | null> {
    if (!existsSync(path)) return null
    const handle = await open(path, 'r')
    try {
      return await handle.readFile('utf8')
    } finally {
      await handle.close()
    }
  }

  /** verify-bundle's checks, for the app: the same report the CLI prints. */
  verify(dir: string): Promise<BundleReport> {
    return verifyBundle(dir)
  }

  async removeFolder(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true })
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function fsyncDir(path: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

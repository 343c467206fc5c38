import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rm, utimes } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Readable } from 'node:stream'
import { quickFingerprint } from '../scan/fingerprint'

/** What a part's bytes are fed to as they are written (the upload's running SHA-256). */
export interface Digest {
  update(chunk: Buffer): unknown
}

/**
 * The `.part` files of serve-mode uploads (tus): each PATCH streams its body onto the end of
 * the part as it arrives — never a whole file in memory — feeding the upload's hash only with
 * bytes that were written. These are asynchronous calls on the main thread: the bytes come from
 * a socket there, at the browser's pace (docs/decisions.md, "Imports").
 */
export class UploadPartsRepository {
  async create(part: string): Promise<void> {
    await mkdir(dirname(part), { recursive: true })
    const handle = await open(part, 'w', 0o644)
    await handle.close()
  }

  /**
   * Writes `body` at `offset` (anything past it, from a write that broke off, is cut first);
   * resolves with the new end, also when the body stops early (a dropped connection).
   */
  async append(
    part: string,
    offset: number,
    body: Readable,
    digest: Digest,
    onBytes: (n: number) => void,
  ): Promise<number> {
    const handle = await open(part, 'r+')
    let position = offset
    try {
      await handle.truncate(offset)
      for await (const chunk of body as AsyncIterable<Buffer>) {
        for (let written = 0; written < chunk.length;) {
          const { bytesWritten } = await handle.write(
            chunk,
            written,
            chunk.length - written,
            position + written,
          )
          written += bytesWritten
        }
        digest.update(chunk)
        position += chunk.length
        onBytes(chunk.length)
      }
    } finally {
      await handle.close()
    }
    return position
  }

  /** The digest of the part's first `length` bytes (a resume this process did not follow). */
  async digestOf(part: string, length: number, digest: Digest): Promise<void> {
    if (length === 0) return
    for await (const chunk of createReadStream(part, {
      end: length - 1,
      highWaterMark: 1024 * 1024,
    }) as AsyncIterable<Buffer>)
      digest.update(chunk)
  }

  /**
   * The last bytes are in: the modification time the browser gave, fsync, and what placing the
   * part needs (its inode, the quick fingerprint; the SHA-256 of a read-back when asked).
   */
  async finish(
    part: string,
    mtimeMs: number,
    readBack: boolean,
  ): Promise<{ partInode: string; fingerprint: string; size: number; readBack: string | null }> {
    await utimes(part, mtimeMs / 1000, mtimeMs / 1000)
    const handle = await open(part, 'r+')
    let info
    try {
      await handle.sync()
      info = await handle.stat()
    } finally {
      await handle.close()
    }
    let sha: string | null = null
    if (readBack) {
      const hash = createHash('sha256')
      await this.digestOf(part, info.size, hash)
      sha = hash.digest('hex')
    }
    return {
      partInode: String(info.ino),
      fingerprint: quickFingerprint(part, info.size),
      size: info.size,
      readBack: sha,
    }
  }

  async remove(part: string): Promise<void> {
    await rm(part, { force: true })
  }
}

import { open, stat, type FileHandle } from 'node:fs/promises'
import type { RootKind } from '../../shared/domain'
import type { HashDone, TaskResult } from '../jobs/media.worker'
import type { RandomAccessSource } from '../media/random-access-tokenizer'
import type { WorkerSpec } from '../workers'
import type { ServableFile } from './media-files.repository'
import type { FileStamp } from './originals.worker'
import { ReaderThreads, RootUnavailable, type OriginalsSettings } from './reader-threads'

export { RootUnavailable, type OriginalsSettings } from './reader-threads'

export type RootLookup = (id: number) => { path: string; kind: RootKind } | undefined

/** An original open for reads at any position; `close` it when done. */
export interface OriginalFile extends RandomAccessSource {
  close(): Promise<void>
}

/** Read by the media route's streams: large enough that a round trip per chunk costs little. */
const CHUNK = 1024 * 1024

/**
 * Reads of originals that must not wait on a hung share. Network roots are read on their
 * reader threads (see ReaderThreads and docs/indexing.md); local roots keep the asynchronous
 * fast path. A network root that does not answer throws RootUnavailable.
 */
export class OriginalsRepository {
  private readonly threads: ReaderThreads

  constructor(
    spec: WorkerSpec,
    private readonly rootOf: RootLookup,
    settings: OriginalsSettings,
    /** Told when a network root stops answering (the composition root marks it offline). */
    onUnavailable: (rootId: number, reason: string) => void = () => undefined,
  ) {
    this.threads = new ReaderThreads(spec, (id) => rootOf(id)?.path, settings, onUnavailable)
  }

  isNetwork(rootId: number): boolean {
    return this.rootOf(rootId)?.kind === 'network'
  }

  /** The media route's containment check on a network root; null when there is no such file. */
  async resolveInside(
    rootId: number,
    base: string,
    candidate: string,
  ): Promise<ServableFile | null> {
    try {
      return await this.threads.run(rootId, { op: 'resolve', base, candidate }, false)
    } catch (error) {
      if (error instanceof RootUnavailable) throw error
      return null
    }
  }

  /** Bytes `start..end` inclusive of a file on a network root, a chunk per call. */
  read(rootId: number, path: string, start: number, end: number): ReadableStream<Uint8Array> {
    let position = start
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const length = Math.min(CHUNK, end - position + 1)
        const bytes =
          length > 0
            ? await this.threads.run(rootId, { op: 'read', path, position, length }, false)
            : new Uint8Array(0)
        position += bytes.length
        if (bytes.length > 0) controller.enqueue(bytes)
        if (bytes.length < length || position > end) controller.close()
      },
    })
  }

  /**
   * An original opened for reads anywhere in it: identify's, since file-type goes where a format
   * points (a TIFF's IFD, past an ID3 tag). On a network root every read runs on a reader thread;
   * a local root's file stays open until `close`.
   */
  async open(rootId: number, path: string, signal?: AbortSignal): Promise<OriginalFile> {
    if (this.isNetwork(rootId)) {
      const size = await this.threads.run(rootId, { op: 'size', path }, true, signal)
      return {
        size,
        read: (position, length) =>
          this.threads.run(rootId, { op: 'read', path, position, length }, true, signal),
        close: () => Promise.resolve(),
      }
    }
    const handle = await open(path, 'r')
    try {
      const { size } = await handle.stat()
      return {
        size,
        read: (position, length) => readAt(handle, position, length),
        close: () => handle.close(),
      }
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  /** Size and mtime of an original (the bitrot check's before and after). */
  async stat(rootId: number, path: string, signal?: AbortSignal): Promise<FileStamp> {
    if (this.isNetwork(rootId)) return this.threads.run(rootId, { op: 'stat', path }, true, signal)
    const stats = await stat(path)
    return { size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) }
  }

  /** SHA-256 and fingerprint of a file on a network root (local roots use the media pool). */
  async hash(rootId: number, path: string, signal?: AbortSignal): Promise<TaskResult<HashDone>> {
    try {
      return { ok: true, value: await this.threads.run(rootId, { op: 'hash', path }, true, signal) }
    } catch (error) {
      if (error instanceof RootUnavailable || signal?.aborted) throw error
      const { code, message } = error as NodeJS.ErrnoException
      if (code === 'ENOENT') return { ok: false, error: { code: 'NOT_FOUND', message } }
      return { ok: false, error: { code: 'IO', message: code ? `${code}: ${message}` : message } }
    }
  }

  /** Ends idle threads; busy ones end when their call returns (nothing waits for a hung one). */
  close(): Promise<void> {
    return this.threads.close()
  }
}

/** Up to `length` bytes from `position`: fewer only where the file ends. */
async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buffer = Buffer.alloc(length)
  let filled = 0
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return buffer.subarray(0, filled)
}

import { open } from 'node:fs/promises'
import type { RootKind } from '../../shared/domain'
import type { HashDone, TaskResult } from '../jobs/media.worker'
import type { WorkerSpec } from '../workers'
import type { ServableFile } from './media-files.repository'
import { ReaderThreads, RootUnavailable, type OriginalsSettings } from './reader-threads'

export { RootUnavailable, type OriginalsSettings } from './reader-threads'

export type RootLookup = (id: number) => { path: string; kind: RootKind } | undefined

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

  /** The first `bytes` bytes of an original (a job's read: network roots through a thread). */
  async head(rootId: number, path: string, bytes: number): Promise<Uint8Array> {
    if (this.isNetwork(rootId))
      return this.threads.run(rootId, { op: 'read', path, position: 0, length: bytes }, true)
    const handle = await open(path, 'r')
    try {
      const buffer = Buffer.alloc(bytes)
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
      return buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
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

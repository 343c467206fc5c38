import { AbstractTokenizer, EndOfStreamError, type IReadChunkOptions } from 'strtok3/core'

/** Bytes anywhere in a file, as a repository reads them (a network root's on a reader thread). */
export interface RandomAccessSource {
  readonly size: number
  /** Up to `length` bytes from `position`: fewer only where the file ends. */
  read(position: number, length: number): Promise<Uint8Array>
}

/** One call per block: a reader-thread round trip on a network root. */
const BLOCK = 64 * 1024
/** 1 MB: a TIFF needs two blocks (header, IFD), a file behind a long ID3 tag two or three. */
const MAX_BLOCKS = 16

/**
 * A strtok3 tokenizer over a RandomAccessSource, for file-type's `fromTokenizer`: it goes where
 * the format points (a TIFF's IFD, past an ID3 tag) instead of seeing only the first bytes, and
 * knows the file's size, as `fileTypeFromFile` does. file-type's many small reads are served from
 * aligned 64 KB blocks, read once. Past 16 blocks the file is treated as ending there, as file-type
 * treats a truncated file: a pathological file cannot make identification read it all.
 */
export class RandomAccessTokenizer extends AbstractTokenizer {
  readonly fileInfo: { size: number }
  private readonly blocks = new Map<number, Promise<Uint8Array>>()

  constructor(private readonly source: RandomAccessSource) {
    super()
    this.fileInfo = { size: source.size }
  }

  supportsRandomAccess(): boolean {
    return true
  }

  setPosition(position: number): void {
    this.validateLength(position, 'position')
    this.position = position
  }

  async readBuffer(buffer: Uint8Array, options?: IReadChunkOptions): Promise<number> {
    const normalized = this.normalizeOptions(buffer, options)
    const bytesRead = await this.peekBuffer(buffer, normalized)
    this.position = normalized.position + bytesRead
    return bytesRead
  }

  async peekBuffer(buffer: Uint8Array, options?: IReadChunkOptions): Promise<number> {
    const { position, length, mayBeLess } = this.normalizeOptions(buffer, options)
    const wanted = Math.max(0, Math.min(length, this.fileInfo.size - position))
    let filled = 0
    while (filled < wanted) {
      const at = position + filled
      const index = Math.floor(at / BLOCK)
      const block = await this.block(index)
      const from = at - index * BLOCK
      // A block shorter than asked for: the file shrank since its size was read.
      if (from >= block.length) break
      const take = Math.min(wanted - filled, block.length - from)
      buffer.set(block.subarray(from, from + take), filled)
      filled += take
    }
    if (!mayBeLess && filled < length) throw new EndOfStreamError()
    return filled
  }

  private block(index: number): Promise<Uint8Array> {
    let block = this.blocks.get(index)
    if (!block) {
      if (this.blocks.size >= MAX_BLOCKS) return Promise.reject(new EndOfStreamError())
      const start = index * BLOCK
      block = this.source.read(start, Math.min(BLOCK, this.fileInfo.size - start))
      this.blocks.set(index, block)
    }
    return block
  }
}

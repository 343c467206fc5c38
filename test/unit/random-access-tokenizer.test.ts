import { fileTypeFromBuffer, fileTypeFromTokenizer } from 'file-type'
import { EndOfStreamError } from 'strtok3/core'
import { describe, expect, it } from 'vitest'
import {
  RandomAccessTokenizer,
  type RandomAccessSource,
} from '../../src/main/media/random-access-tokenizer'
import { handMadeTiff, id3Tag, uncompressedImage, type TiffField } from '../fixtures/format-tools'
import { gradientTiff } from '../fixtures/formats'
import { seededBytes } from '../fixtures/media-tools'

/** A file in memory that records where each read started. */
function inMemory(bytes: Uint8Array): RandomAccessSource & { reads: number[] } {
  const reads: number[] = []
  return {
    reads,
    size: bytes.length,
    read: async (position, length) => {
      reads.push(position)
      return bytes.subarray(position, position + length)
    },
  }
}

const identify = (source: RandomAccessSource) =>
  fileTypeFromTokenizer(new RandomAccessTokenizer(source))

/** A 480×360 8-bit RGB TIFF (~500 KB) with `extra` tags in its directory, after the pixels. */
function tiffWith(extra: TiffField[]): Buffer {
  const [width, height] = [480, 360]
  const samples = seededBytes(width * height * 3, 5)
  return handMadeTiff('II', [
    uncompressedImage('II', { width, height, bands: 3, bits: 8, samples }, extra),
  ])
}

describe('identifying a file from wherever its format points', () => {
  it('finds a TIFF whose directory is far from its first bytes, in a few block reads', async () => {
    for (const order of ['II', 'MM'] as const) {
      const tiff = gradientTiff(order, 360, 240, 8)
      expect(await fileTypeFromBuffer(tiff.subarray(0, 4100))).toBeUndefined()
      const file = inMemory(tiff)
      expect(await identify(file)).toEqual({ ext: 'tif', mime: 'image/tiff' })
      // The header's block, then the directory's (at most two, when it straddles a boundary).
      expect(file.reads.length).toBeLessThanOrEqual(3)
      expect(file.reads[0]).toBe(0)
    }
  })

  it('tells TIFF-based RAW files by the tags in their directory', async () => {
    const dng = tiffWith([{ tag: 50706, type: 'byte', values: [1, 4, 0, 0] }])
    expect(await identify(inMemory(dng))).toEqual({ ext: 'dng', mime: 'image/x-adobe-dng' })
    const arw = tiffWith([{ tag: 50341, type: 'byte', values: [0x50, 0x72, 0x69, 0x6d] }])
    expect(await identify(inMemory(arw))).toEqual({ ext: 'arw', mime: 'image/x-sony-arw' })
  })

  it('looks past an ID3 tag longer than the first bytes', async () => {
    const tag = id3Tag('Cover', seededBytes(60_000, 9))
    const flac = Buffer.concat([tag, Buffer.from('fLaC'), seededBytes(2000, 10)])
    expect(await fileTypeFromBuffer(flac.subarray(0, 4100))).toMatchObject({ mime: 'audio/mpeg' })
    expect(await identify(inMemory(flac))).toEqual({ ext: 'flac', mime: 'audio/flac' })
  })

  it('passes on a failed read instead of calling the file unknown', async () => {
    const tiff = gradientTiff('II', 360, 240, 8)
    const hung: RandomAccessSource = {
      size: tiff.length,
      read: async (position, length) => {
        if (position > 0) throw new Error('The library folder is not answering')
        return tiff.subarray(position, position + length)
      },
    }
    await expect(identify(hung)).rejects.toThrow('not answering')
  })

  it('reads at most 1 MB of a file, then treats it as ending there', async () => {
    const file = inMemory(seededBytes(4 * 1024 * 1024, 11))
    const tokenizer = new RandomAccessTokenizer(file)
    const byte = new Uint8Array(1)
    for (let block = 0; block < 16; block++)
      await tokenizer.peekBuffer(byte, { position: block * 200_000 })
    await expect(tokenizer.peekBuffer(byte, { position: 3_500_000 })).rejects.toBeInstanceOf(
      EndOfStreamError,
    )
    expect(new Set(file.reads).size).toBe(16)
  })

  it('ends a file that shrank since its size was read where its bytes end', async () => {
    const bytes = seededBytes(100_000, 12)
    const shrunk: RandomAccessSource = {
      size: 200_000,
      read: async (position, length) => bytes.subarray(position, position + length),
    }
    const tokenizer = new RandomAccessTokenizer(shrunk)
    const buffer = new Uint8Array(50_000)
    expect(await tokenizer.peekBuffer(buffer, { position: 80_000, mayBeLess: true })).toBe(20_000)
    await expect(tokenizer.readBuffer(buffer, { position: 80_000 })).rejects.toBeInstanceOf(
      EndOfStreamError,
    )
    // file-type knows that end for what it is (one strtok3, one EndOfStreamError): no type.
    const tiff = gradientTiff('II', 360, 240, 8)
    const cut: RandomAccessSource = {
      size: tiff.length,
      read: async (position, length) => tiff.subarray(position, Math.min(position + length, 5000)),
    }
    expect(await identify(cut)).toBeUndefined()
  })
})

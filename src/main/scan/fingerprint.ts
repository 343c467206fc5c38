import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'

const SAMPLE = 16 * 1024

/**
 * A quick content fingerprint: SHA-256 over the size, the first and the last 16 KiB. Two files
 * with the same fingerprint are very likely the same content; the full SHA-256 confirms it.
 */
export function quickFingerprint(path: string, size: number): string {
  const hash = createHash('sha256').update(`${size}:`)
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(Math.min(SAMPLE, size))
    hash.update(buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)))
    if (size > SAMPLE) {
      const tail = Buffer.alloc(Math.min(SAMPLE, size - SAMPLE))
      hash.update(tail.subarray(0, readSync(fd, tail, 0, tail.length, size - tail.length)))
    }
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import type { HashDone } from '../jobs/media.worker'
import { isInside } from '../paths'
import type { ServableFile } from './media-files.repository'

/** What a reader thread does for a network root; every call in it is synchronous. */
export type OriginalsRequest =
  | { op: 'resolve'; base: string; candidate: string }
  | { op: 'read'; path: string; position: number; length: number }
  | { op: 'size'; path: string }
  | { op: 'hash'; path: string }
  | { op: 'stat'; path: string }

export interface OriginalsResults {
  resolve: ServableFile | null
  read: Uint8Array
  size: number
  hash: HashDone
  stat: FileStamp
}

/** Size and modification time (ms, truncated as the index stores it). */
export interface FileStamp {
  size: number
  mtimeMs: number
}

export type OriginalsReply =
  | { ok: true; value: OriginalsResults[keyof OriginalsResults] }
  | { ok: false; error: { code: string | null; message: string } }

export type OriginalsCommand = { type: 'run'; request: OriginalsRequest } | { type: 'retire' }

export type OriginalsMessage =
  { type: 'ready' } | { type: 'alive' } | { type: 'reply'; reply: OriginalsReply }

export interface OriginalsWorkerData {
  /** Int32Array[1], set to 1 by the caller when it no longer wants the running request. */
  stop: SharedArrayBuffer
}

const SAMPLE = 16 * 1024
const CHUNK = 1024 * 1024
const ALIVE_MS = 200

class Stopped extends Error {}

/**
 * Runs one request with synchronous calls. A call that hangs on a frozen share blocks this
 * thread only — never libuv's pool, which every other file read of the process shares — and
 * the caller's watchdog gives the thread up. Errors come back as data.
 */
export function readOriginal(
  request: OriginalsRequest,
  control: { stopped(): boolean; alive(): void },
): { reply: OriginalsReply; transfer: ArrayBuffer[] } {
  try {
    switch (request.op) {
      case 'resolve':
        return {
          reply: { ok: true, value: resolveInside(request.base, request.candidate) },
          transfer: [],
        }
      case 'read': {
        const bytes = readRange(request.path, request.position, request.length)
        return { reply: { ok: true, value: bytes }, transfer: [bytes.buffer as ArrayBuffer] }
      }
      case 'size':
        return { reply: { ok: true, value: statSync(request.path).size }, transfer: [] }
      case 'stat': {
        const stats = statSync(request.path)
        const value = { size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) }
        return { reply: { ok: true, value }, transfer: [] }
      }
      case 'hash':
        return { reply: { ok: true, value: hashFile(request.path, control) }, transfer: [] }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? null
    const message =
      error instanceof Stopped ? 'stopped' : error instanceof Error ? error.message : String(error)
    return { reply: { ok: false, error: { code, message } }, transfer: [] }
  }
}

/**
 * The media route's rule: a regular file whose real path stays inside the real path of the
 * root. Errors go back to the caller, which tells a missing file from a sick share.
 */
function resolveInside(base: string, candidate: string): ServableFile | null {
  const realBase = realpathSync.native(base)
  const realFile = realpathSync.native(candidate)
  if (!isInside(realFile, realBase)) return null
  const info = statSync(realFile)
  if (!info.isFile()) return null
  return { path: realFile, size: info.size, mtimeMs: info.mtimeMs }
}

function readRange(path: string, position: number, length: number): Uint8Array {
  // Its own ArrayBuffer (never Buffer's shared pool), so it can be transferred.
  const bytes = new Uint8Array(length)
  const fd = openSync(path, 'r')
  try {
    let filled = 0
    while (filled < length) {
      const n = readSync(fd, bytes, filled, length - filled, position + filled)
      if (n === 0) break
      filled += n
    }
    return filled === length ? bytes : bytes.slice(0, filled)
  } finally {
    closeSync(fd)
  }
}

/** Streaming SHA-256 and the quick fingerprint, exactly as the media pool computes them. */
function hashFile(path: string, control: { stopped(): boolean; alive(): void }): HashDone {
  const fd = openSync(path, 'r')
  try {
    const before = fstatSync(fd)
    const hash = createHash('sha256')
    const print = createHash('sha256').update(`${before.size}:`)
    const buffer = Buffer.allocUnsafeSlow(CHUNK)
    let position = 0
    let lastAlive = Date.now()
    for (;;) {
      if (control.stopped()) throw new Stopped()
      const bytesRead = readSync(fd, buffer, 0, CHUNK, position)
      if (bytesRead === 0) break
      const chunk = buffer.subarray(0, bytesRead)
      hash.update(chunk)
      if (position < SAMPLE) print.update(chunk.subarray(0, SAMPLE - position))
      position += bytesRead
      if (Date.now() - lastAlive >= ALIVE_MS) {
        lastAlive = Date.now()
        control.alive()
      }
    }
    if (before.size > SAMPLE) {
      const tail = Buffer.alloc(Math.min(SAMPLE, before.size - SAMPLE))
      const bytesRead = readSync(fd, tail, 0, tail.length, before.size - tail.length)
      print.update(tail.subarray(0, bytesRead))
    }
    const after = statSync(path)
    return {
      sha256: hash.digest('hex'),
      fingerprint: print.digest('hex'),
      size: after.size,
      mtimeMs: Math.trunc(after.mtimeMs),
      changed: after.size !== before.size || after.mtimeMs !== before.mtimeMs,
    }
  } finally {
    closeSync(fd)
  }
}

if (parentPort) {
  const port = parentPort
  const stop = new Int32Array((workerData as OriginalsWorkerData).stop)
  const control = {
    stopped: () => Atomics.load(stop, 0) === 1,
    alive: () => port.postMessage({ type: 'alive' } satisfies OriginalsMessage),
  }
  port.on('message', (command: OriginalsCommand) => {
    // A retired thread (its share stopped answering) reaches this only once its call returned.
    if (command.type === 'retire') return port.close()
    const { reply, transfer } = readOriginal(command.request, control)
    port.postMessage({ type: 'reply', reply } satisfies OriginalsMessage, transfer)
  })
  port.postMessage({ type: 'ready' } satisfies OriginalsMessage)
}

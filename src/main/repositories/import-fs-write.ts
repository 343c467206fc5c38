import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  futimesSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { dirname, extname, join } from 'node:path'
import { quickFingerprint } from '../scan/fingerprint'
import { CHUNK } from './import-fs-read'
import type { Control, FinalFile, ImportFsRequest, ImportFsResults } from './import.worker'

// The writing side of an import's thread: the durable copy into the part, placing it without
// overwriting, recovery after a crash, and removing parts (see import.worker.ts).

/** ` (2)` … ` (9999)`: past that something is wrong with the folder, not the name. */
const MAX_SUFFIX = 9999

/**
 * Streams the source into the part while hashing it, fsyncs, keeps the source's modification
 * time, and (network roots) reads the part back. A source whose size or time moved during the
 * copy is `changed`; the part is gone unless the answer is `copied`.
 */
export function copy(
  request: Extract<ImportFsRequest, { op: 'copy' }>,
  control: Control,
): ImportFsResults['copy'] {
  const input = openSync(request.source, 'r')
  let output: number | undefined
  const abandon = <S extends 'stopped' | 'changed' | 'mismatch'>(status: S): { status: S } => {
    const fd = output!
    output = undefined
    return drop(request.part, fd, status)
  }
  try {
    const before = fstatSync(input)
    const { expected } = request
    if (
      expected &&
      (before.size !== expected.size || Math.trunc(before.mtimeMs) !== expected.mtimeMs)
    )
      return { status: 'changed' }
    mkdirSync(dirname(request.part), { recursive: true })
    removeQuietly(request.part)
    output = openSync(request.part, 'wx', 0o644)
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafeSlow(CHUNK)
    for (let position = 0; ;) {
      if (control.stopped()) return abandon('stopped')
      const n = readSync(input, buffer, 0, CHUNK, position)
      if (n === 0) break
      hash.update(buffer.subarray(0, n))
      for (let written = 0; written < n;)
        written += writeSync(output, buffer, written, n - written, position + written)
      position += n
      control.bytes(n)
    }
    futimesSync(output, before.atimeMs / 1000, before.mtimeMs / 1000)
    fsyncSync(output)
    const after = statSync(request.source)
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) return abandon('changed')
    const sha256 = hash.digest('hex')
    if (request.verify && readBack(request.part, control) !== sha256) return abandon('mismatch')
    const partInode = String(fstatSync(output).ino)
    closeSync(output)
    output = undefined
    return {
      status: 'copied',
      sha256,
      fingerprint: quickFingerprint(request.part, before.size),
      size: before.size,
      mtimeMs: Math.trunc(before.mtimeMs),
      partInode,
      synced: true,
    }
  } catch (error) {
    // A failed write (a full disk) leaves no part behind.
    if (output !== undefined) abandon('stopped')
    throw error
  } finally {
    if (output !== undefined) closeSync(output)
    closeSync(input)
  }
}

function drop<S extends 'stopped' | 'changed' | 'mismatch'>(
  part: string,
  fd: number,
  status: S,
): { status: S } {
  try {
    closeSync(fd)
  } catch {
    // Closed already: the part is removed all the same.
  }
  removeQuietly(part)
  return { status }
}

function readBack(path: string, control: Control): string {
  const fd = openSync(path, 'r')
  try {
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafeSlow(CHUNK)
    for (let position = 0; ;) {
      const n = readSync(fd, buffer, 0, CHUNK, position)
      if (n === 0) break
      hash.update(buffer.subarray(0, n))
      position += n
      control.bytes(0)
    }
    return hash.digest('hex')
  } finally {
    closeSync(fd)
  }
}

/**
 * Puts the part in place under `name`, or `name (2)`, `name (3)`… — never over anything. A hard
 * link fails when the name exists, so no other writer can slip in between the look and the
 * move; where links are not supported (FAT, some shares) it looks, then renames.
 */
export function commit(part: string, dir: string, name: string): FinalFile {
  mkdirSync(dir, { recursive: true })
  let linksWork = true
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const candidate = n === 1 ? name : suffixed(name, n)
    const target = join(dir, candidate)
    if (linksWork) {
      try {
        linkSync(part, target)
        unlinkSync(part)
        return placed(dir, candidate)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EEXIST') continue
        if (code === 'ENOENT') throw error
        linksWork = false
      }
    }
    if (existsSync(target)) continue
    renameSync(part, target)
    return placed(dir, candidate)
  }
  throw Object.assign(new Error(`${dir} already holds ${MAX_SUFFIX} files named like ${name}`), {
    code: 'EEXIST',
  })
}

function placed(dir: string, name: string): FinalFile {
  fsyncDir(dir)
  const info = statSync(join(dir, name))
  return {
    name,
    inode: String(info.ino),
    device: String(info.dev),
    size: info.size,
    mtimeMs: Math.trunc(info.mtimeMs),
  }
}

/**
 * After a crash between copying and recording: where the part (known by its inode) ended up.
 * `committed`: it is in place under some candidate name (a stale link of the part is removed);
 * `part`: it is still only the part; `none`: neither is there any more.
 */
export function recover(
  request: Extract<ImportFsRequest, { op: 'recover' }>,
): ImportFsResults['recover'] {
  const { part, dir, name, inode } = request
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const candidate = n === 1 ? name : suffixed(name, n)
    let info
    try {
      info = statSync(join(dir, candidate))
    } catch {
      break
    }
    if (String(info.ino) === inode) {
      removeQuietly(part)
      return { state: 'committed', file: placed(dir, candidate) }
    }
  }
  return existsSync(part) ? { state: 'part' } : { state: 'none' }
}

/** `clip.mp4` → `clip (2).mp4`; `README` → `README (2)`. */
export function suffixed(name: string, n: number): string {
  const ext = extname(name)
  const stem = ext && ext !== name ? name.slice(0, -ext.length) : name
  return `${stem} (${n})${stem === name ? '' : ext}`
}

function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

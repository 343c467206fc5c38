import { createHash } from 'node:crypto'
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  futimesSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  opendirSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  statfsSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { isDefaultExcluded } from '../scan/filters'
import { quickFingerprint } from '../scan/fingerprint'

/** A file found under what was dropped. */
export interface ListedFile {
  /** Its absolute path, as dropped (a folder's files: the folder's path joined). */
  source: string
  /** The same with every symlink resolved (the data-directory check looks at this). */
  real: string
  /** Path inside the drop, '/'-separated: the dropped folder's own name comes first. */
  relPath: string
  size: number
  mtimeMs: number
}

export interface FinalFile {
  name: string
  inode: string
  device: string
  size: number
  mtimeMs: number
}

/** What a copy thread does; every call in it is synchronous (see ImportFilesRepository). */
export type ImportFsRequest =
  | { op: 'list'; sources: string[]; maxFiles: number }
  | { op: 'probe'; dir: string }
  | { op: 'hash'; path: string }
  | {
      op: 'copy'
      source: string
      /** What the plan saw; null takes the source as it is now (a retry). */
      expected: { size: number; mtimeMs: number } | null
      part: string
      /** Read the part back and compare hashes (network roots). */
      verify: boolean
    }
  | { op: 'commit'; part: string; dir: string; name: string }
  | { op: 'recover'; part: string; dir: string; name: string; inode: string }
  | { op: 'remove'; paths: string[] }

export interface ImportFsResults {
  list: { files: ListedFile[]; problems: Array<{ source: string; code: string }> }
  probe: { existing: string; writable: boolean; code: string | null; freeBytes: number }
  hash: { sha256: string; size: number; mtimeMs: number; changed: boolean }
  copy:
    | {
        status: 'copied'
        sha256: string
        fingerprint: string
        size: number
        mtimeMs: number
        partInode: string
      }
    | { status: 'changed' | 'stopped' | 'mismatch' }
  commit: FinalFile
  recover: { state: 'committed'; file: FinalFile } | { state: 'part' | 'none' }
  remove: null
}

export type ImportFsReply =
  | { ok: true; value: ImportFsResults[keyof ImportFsResults] }
  | { ok: false; error: { code: string | null; message: string } }

export type ImportFsCommand = { type: 'run'; request: ImportFsRequest } | { type: 'retire' }

export type ImportFsMessage =
  { type: 'ready' } | { type: 'bytes'; n: number } | { type: 'reply'; reply: ImportFsReply }

export interface ImportWorkerData {
  /** Int32Array[1], set to 1 by the caller to stop the running request between chunks. */
  stop: SharedArrayBuffer
}

export interface Control {
  stopped(): boolean
  /** Bytes read (hash) or copied (copy) since the last call: progress, and a sign of life. */
  bytes(n: number): void
}

const CHUNK = 4 * 1024 * 1024
/** ` (2)` … ` (9999)`: past that something is wrong with the folder, not the name. */
const MAX_SUFFIX = 9999

/**
 * Runs one request of an import with synchronous calls: a target or a source on a share that
 * hangs blocks this thread only, never libuv's pool, and the caller's watchdog gives it up.
 * Errors come back as data.
 */
export function runImportFs(request: ImportFsRequest, control: Control): ImportFsReply {
  try {
    return { ok: true, value: run(request, control) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? null
    return { ok: false, error: { code, message: (error as Error).message ?? String(error) } }
  }
}

function run(request: ImportFsRequest, control: Control): ImportFsResults[keyof ImportFsResults] {
  switch (request.op) {
    case 'list':
      return list(request.sources, request.maxFiles)
    case 'probe':
      return probe(request.dir)
    case 'hash':
      return hashFile(request.path, control)
    case 'copy':
      return copy(request, control)
    case 'commit':
      return commit(request.part, request.dir, request.name)
    case 'recover':
      return recover(request)
    case 'remove':
      for (const path of request.paths) removeQuietly(path)
      return null
  }
}

/** Files of the dropped paths; dropped folders are walked (symlinks inside are not followed). */
function list(sources: string[], maxFiles: number): ImportFsResults['list'] {
  const files: ListedFile[] = []
  const problems: Array<{ source: string; code: string }> = []
  for (const source of sources) {
    let real: string
    try {
      real = realpathSync.native(source)
      const info = statSync(real)
      if (info.isFile()) files.push(listed(source, real, basename(source), info))
      else if (info.isDirectory()) walk(source, real, basename(source), files, problems, maxFiles)
      else problems.push({ source, code: 'ENOTFILE' })
    } catch (error) {
      problems.push({ source, code: (error as NodeJS.ErrnoException).code ?? 'EIO' })
    }
    if (files.length > maxFiles) throw Object.assign(new Error('too many files'), { code: 'E2BIG' })
  }
  return { files, problems }
}

function walk(
  source: string,
  real: string,
  rel: string,
  files: ListedFile[],
  problems: Array<{ source: string; code: string }>,
  maxFiles: number,
): void {
  const stack = [{ source, real, rel }]
  while (stack.length > 0) {
    const folder = stack.pop()!
    let names: string[]
    try {
      const handle = opendirSync(folder.real)
      names = []
      try {
        for (let e = handle.readSync(); e !== null; e = handle.readSync()) names.push(e.name)
      } finally {
        handle.closeSync()
      }
    } catch (error) {
      problems.push({ source: folder.source, code: (error as NodeJS.ErrnoException).code ?? 'EIO' })
      continue
    }
    for (const name of names.sort()) {
      // Dotfiles and NAS litter are never media, as for the scanner: left out, not reported.
      if (isDefaultExcluded(name)) continue
      const entry = {
        source: join(folder.source, name),
        real: join(folder.real, name),
        rel: `${folder.rel}/${name}`,
      }
      try {
        const info = lstatSync(entry.real)
        if (info.isDirectory()) stack.push(entry)
        else if (info.isFile()) files.push(listed(entry.source, entry.real, entry.rel, info))
        else problems.push({ source: entry.source, code: 'ENOTFILE' })
      } catch (error) {
        problems.push({
          source: entry.source,
          code: (error as NodeJS.ErrnoException).code ?? 'EIO',
        })
      }
      if (files.length > maxFiles)
        throw Object.assign(new Error('too many files'), { code: 'E2BIG' })
    }
  }
}

function listed(
  source: string,
  real: string,
  relPath: string,
  info: { size: number; mtimeMs: number },
): ListedFile {
  return { source, real, relPath, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) }
}

/** The deepest folder of `dir` that exists: can it be written to, and how much room is there. */
function probe(dir: string): ImportFsResults['probe'] {
  let existing = dir
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing)
  const { bavail, bsize } = statfsSync(existing)
  try {
    accessSync(existing, constants.W_OK)
    return { existing, writable: true, code: null, freeBytes: bavail * bsize }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EACCES'
    return { existing, writable: false, code, freeBytes: bavail * bsize }
  }
}

function hashFile(path: string, control: Control): ImportFsResults['hash'] {
  const fd = openSync(path, 'r')
  try {
    const before = fstatSync(fd)
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafeSlow(CHUNK)
    for (let position = 0; ;) {
      if (control.stopped()) throw Object.assign(new Error('stopped'), { code: 'ESTOPPED' })
      const n = readSync(fd, buffer, 0, CHUNK, position)
      if (n === 0) break
      hash.update(buffer.subarray(0, n))
      position += n
      control.bytes(n)
    }
    const after = statSync(path)
    return {
      sha256: hash.digest('hex'),
      size: after.size,
      mtimeMs: Math.trunc(after.mtimeMs),
      changed: after.size !== before.size || after.mtimeMs !== before.mtimeMs,
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * Streams the source into the part while hashing it, fsyncs, keeps the source's modification
 * time, and (network roots) reads the part back. A source whose size or time moved during the
 * copy is `changed`; the part is gone unless the answer is `copied`.
 */
function copy(
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
function commit(part: string, dir: string, name: string): FinalFile {
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
function recover(request: Extract<ImportFsRequest, { op: 'recover' }>): ImportFsResults['recover'] {
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

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

if (parentPort) {
  const port = parentPort
  const stop = new Int32Array((workerData as ImportWorkerData).stop)
  let pending = 0
  let last = Date.now()
  const control: Control = {
    stopped: () => Atomics.load(stop, 0) === 1,
    bytes(n) {
      pending += n
      // At most ten messages a second: progress and the watchdog need no more.
      if (Date.now() - last < 100) return
      last = Date.now()
      port.postMessage({ type: 'bytes', n: pending } satisfies ImportFsMessage)
      pending = 0
    },
  }
  port.on('message', (command: ImportFsCommand) => {
    if (command.type === 'retire') return port.close()
    pending = 0
    last = Date.now()
    const reply = runImportFs(command.request, control)
    if (pending > 0) port.postMessage({ type: 'bytes', n: pending } satisfies ImportFsMessage)
    pending = 0
    port.postMessage({ type: 'reply', reply } satisfies ImportFsMessage)
  })
  port.postMessage({ type: 'ready' } satisfies ImportFsMessage)
}

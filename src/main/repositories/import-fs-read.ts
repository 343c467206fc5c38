import { createHash } from 'node:crypto'
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  opendirSync,
  readSync,
  realpathSync,
  statSync,
  statfsSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { isDefaultExcluded } from '../scan/filters'
import type { Control, ImportFsResults, ListedFile } from './import.worker'

// The reading side of an import's thread: what was dropped, the room and rights of the target,
// and the duplicate check's hash (see import.worker.ts).

/** Read and written 4 MB at a time: few calls, and a chunk stays cheap to hash between them. */
export const CHUNK = 4 * 1024 * 1024

/** Files of the dropped paths; dropped folders are walked (symlinks inside are not followed). */
export function list(sources: string[], maxFiles: number): ImportFsResults['list'] {
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
export function probe(dir: string): ImportFsResults['probe'] {
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

export function hashFile(path: string, control: Control): ImportFsResults['hash'] {
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

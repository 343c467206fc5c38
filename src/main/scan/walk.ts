import {
  closeSync,
  constants,
  existsSync,
  lstatSync,
  opendirSync,
  openSync,
  readdirSync,
  readFileSync,
  type Dirent,
} from 'node:fs'
import { join, sep } from 'node:path'
import { IGNORE_FILE, isDefaultExcluded, isIgnored, ruleSet, type RuleSet } from './filters'
import { mediaTypeOf } from './media-types'

/** Errors that mean the volume itself is gone or sick, not one entry: the scan must stop. */
const VOLUME_ERRORS = new Set([
  'EIO',
  'ENOTCONN',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ESTALE',
  'ENODEV',
  'ENXIO',
  'ECONNABORTED',
  'ECONNRESET',
  'ENETDOWN',
  'ENETUNREACH',
])

export class VolumeError extends Error {
  constructor(
    readonly code: string,
    readonly at: string,
  ) {
    super(`${code} at ${at}`)
  }
}

export const isVolumeError = (code: string | undefined): boolean =>
  code !== undefined && VOLUME_ERRORS.has(code)

export interface FoundFile {
  dir: string
  name: string
  size: number
  mtimeMs: number
  inode: string
  device: string
}

export interface WalkSink {
  /** All files found in one folder (called once per folder, possibly with none). */
  folder(dir: string, files: FoundFile[]): void
  /** An entry that could not be read: what the index holds under it must not go missing. */
  unreadable(relPath: string, code: string): void
  /** Called after every filesystem call, so the caller can show it is alive. */
  tick(): void
}

export interface WalkOptions {
  root: string
  sink: WalkSink
  /** Per-root exclusion patterns (gitignore syntax). */
  exclusions: readonly string[]
  indexAllFiles: boolean
  /** Stat through each folder's descriptor (network roots: see folderHandle). */
  statViaFolder?: boolean
  /**
   * List a folder in one call (local roots). Otherwise entry by entry, with a tick after each,
   * so a huge folder on a slow share shows it is alive while it is listed.
   */
  listInOneCall?: boolean
  /** Another walker lists the same root: they hand each other folders (walk-share.ts). */
  share?: WalkShare
}

/** A folder waiting to be listed, with the ignore rules that apply in it. */
export interface PendingFolder {
  dir: string
  rules: RuleSet[]
  depth: number
}

/**
 * How walkers of one root share its folders. Each walks depth-first from its own stack of
 * pending folders; `offer` is called before each folder is listed, and may take the oldest
 * pending folder (the shallowest: the biggest subtree) for the other walker; `wait` is called
 * when the stack is empty, and returns a folder given by the other walker, or null when neither
 * has any left (the walk is done).
 */
export interface WalkShare {
  /** One of the walkers starts at the root; the others start with what it hands them. */
  listsRoot: boolean
  offer(pending: PendingFolder[]): void
  wait(): PendingFolder | null
}

const MAX_DEPTH = 512

/**
 * Walks a root with synchronous calls, depth-first. It runs on a worker thread, so blocking
 * calls never touch the event loop that serves the UI, a hung NAS blocks only this thread (the
 * caller's watchdog gives up on it), and exactly one directory handle is open at a time.
 * Symlinks are never followed, so they cannot lead outside the root or into a loop.
 */
export function walkTree({
  root,
  sink,
  exclusions,
  indexAllFiles,
  statViaFolder = false,
  listInOneCall = false,
  share,
}: WalkOptions): void {
  const rootRules = ruleSet('', exclusions)
  const stack: PendingFolder[] =
    share && !share.listsRoot ? [] : [{ dir: '', rules: rootRules ? [rootRules] : [], depth: 0 }]
  for (;;) {
    if (stack.length === 0) {
      const given = share?.wait()
      if (!given) return
      stack.push(given)
    }
    share?.offer(stack)
    const { dir, rules: inherited, depth } = stack.pop()!
    const absDir = dir === '' ? root : join(root, dir)
    const entries = readFolder(absDir, dir, sink, listInOneCall)
    if (!entries) continue
    const at = folderHandle(absDir, statViaFolder)
    try {
      const rules = withIgnoreFile(inherited, entries, absDir, dir, sink)
      const files: FoundFile[] = []
      const subfolders: string[] = []
      for (const entry of entries) {
        const name = entry.name
        if (isDefaultExcluded(name)) continue
        const relPath = dir === '' ? name : `${dir}/${name}`
        let isDir = entry.isDirectory()
        let isFile = entry.isFile()
        if (!isDir && !isFile && !entry.isSymbolicLink() && !isSpecial(entry)) {
          // Some network filesystems report no type in the listing (DT_UNKNOWN).
          const info = statEntry(at.path(name), relPath, sink)
          if (!info) continue
          isDir = info.isDirectory()
          isFile = info.isFile()
        }
        if (isDir) {
          if (!isIgnored(rules, relPath, true)) subfolders.push(relPath)
        } else if (
          isFile &&
          (indexAllFiles || mediaTypeOf(name)) &&
          !isIgnored(rules, relPath, false)
        ) {
          const info = statEntry(at.path(name), relPath, sink)
          if (info?.isFile()) {
            files.push({
              dir,
              name,
              size: info.size,
              mtimeMs: Math.trunc(info.mtimeMs),
              inode: String(info.ino),
              device: String(info.dev),
            })
          }
        }
      }
      sink.folder(dir, files)
      if (depth + 1 > MAX_DEPTH) {
        for (const sub of subfolders) sink.unreadable(sub, 'ELOOP')
        continue
      }
      for (let i = subfolders.length - 1; i >= 0; i--) {
        stack.push({ dir: subfolders[i]!, rules, depth: depth + 1 })
      }
    } finally {
      at.close()
    }
  }
}

const PROC_FD = process.platform === 'linux' && existsSync('/proc/self/fd')

/**
 * Names inside one folder, for lstat. On Linux through the folder's open descriptor
 * (`/proc/self/fd/<fd>/<name>`), so the kernel looks up only the last name, as find's fstatat
 * does; an absolute path makes a network filesystem without caches resolve every folder of it
 * again, for every file. On local disks the dentry cache makes absolute paths cheaper than the
 * extra open and close, so they keep them.
 */
function folderHandle(
  absDir: string,
  viaFolder: boolean,
): { path(name: string): string; close(): void } {
  if (viaFolder && PROC_FD) {
    try {
      const fd = openSync(absDir, constants.O_RDONLY | constants.O_DIRECTORY)
      return { path: (name) => `/proc/self/fd/${fd}/${name}`, close: () => closeSync(fd) }
    } catch {
      // Fall through: the listing worked, so the absolute path will too.
    }
  }
  // absDir is normalised and a name holds no separator: no need for join's normalising.
  const prefix = absDir.endsWith(sep) ? absDir : `${absDir}${sep}`
  return { path: (name) => prefix + name, close: () => {} }
}

function isSpecial(entry: Dirent): boolean {
  return entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice()
}

function readFolder(
  absDir: string,
  dir: string,
  sink: WalkSink,
  inOneCall: boolean,
): Dirent[] | null {
  try {
    let entries: Dirent[]
    if (inOneCall) {
      entries = readdirSync(absDir, { withFileTypes: true })
      sink.tick()
    } else {
      entries = []
      const handle = opendirSync(absDir, { bufferSize: 256 })
      try {
        for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
          entries.push(entry)
          sink.tick()
        }
      } finally {
        handle.closeSync()
      }
    }
    // Name order keeps inserts into the (root, dir, name) index mostly appending.
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN'
    if (dir === '' || isVolumeError(code)) throw new VolumeError(code, dir || '.')
    sink.unreadable(dir, code)
    return null
  }
}

function statEntry(absPath: string, relPath: string, sink: WalkSink) {
  try {
    const info = lstatSync(absPath)
    sink.tick()
    return info
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN'
    if (isVolumeError(code)) throw new VolumeError(code, relPath)
    sink.unreadable(relPath, code)
    return null
  }
}

function withIgnoreFile(
  inherited: RuleSet[],
  entries: Dirent[],
  absDir: string,
  dir: string,
  sink: WalkSink,
): RuleSet[] {
  if (!entries.some((e) => e.name === IGNORE_FILE && e.isFile())) return inherited
  try {
    const rules = ruleSet(dir, readFileSync(join(absDir, IGNORE_FILE), 'utf8'))
    return rules ? [...inherited, rules] : inherited
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (isVolumeError(code)) throw new VolumeError(code!, `${dir}/${IGNORE_FILE}`)
    sink.unreadable(dir, code ?? 'EUNKNOWN')
    return inherited
  }
}

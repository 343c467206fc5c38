import { lstatSync, readdirSync, watch, type FSWatcher } from 'node:fs'
import { join, sep } from 'node:path'
import { parentPort } from 'node:worker_threads'
import { isDefaultExcluded } from './filters'

export type WatchRequest =
  | { type: 'watch'; id: number; path: string; writeFinishMs: number }
  | { type: 'unwatch'; id: number }

export type WatchEvent =
  | { type: 'changed'; id: number; path: string }
  | { type: 'failed'; id: number; message: string; limit: boolean }

/** The initial walk gives the thread back this often, so requests and events are not held up. */
const WALK_SLICE_MS = 20

/**
 * While events about more than one path keep coming, `changed` is posted at least this often
 * (writeFinishMs × this), so one file written for an hour does not hide the files dropped beside
 * it. Events about a single path wait for quiet, as that file's copy is all there is to wait for.
 */
const MAX_WAIT_FACTOR = 10

/** The OS ran out of watches or handles: the root falls back to periodic rescans. */
function isLimit(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOSPC' || code === 'EMFILE'
}

/** A folder that went away, or that we may not look into, between listing it and watching it. */
function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM'
}

function isDirectory(path: string): boolean {
  try {
    // lstat: a symlink to a folder is not followed (loops).
    return lstatSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
  } catch {
    return false
  }
}

/** Whether a path relative to the root has an excluded name anywhere in it. */
function isExcludedPath(relative: string): boolean {
  return relative.split(/[\\/]/).some((name) => name !== '' && isDefaultExcluded(name))
}

interface RootWatch {
  close(): void
}

type Fail = (error: unknown) => void

/**
 * One root, watched folder by folder: on Linux a folder's inotify watch reports its children's
 * changes, so files need no watch of their own (a watch per file ran out of the system's watches,
 * and of memory, at a million files). The tree is walked in slices; folders created, moved in or
 * renamed later are watched when their parent reports them, and folders that go away are let go.
 */
function watchFolders(root: string, touched: (path: string) => void, fail: Fail): RootWatch {
  const folders = new Map<string, FSWatcher>()
  const pending: string[] = [root]
  let walking: NodeJS.Immediate | undefined
  let closed = false

  const close = (): void => {
    closed = true
    if (walking) clearImmediate(walking)
    for (const watcher of folders.values()) watcher.close()
    folders.clear()
    pending.length = 0
  }
  const failWith = (error: unknown): void => {
    if (closed) return
    close()
    fail(error)
  }

  /** Lets go of a folder and everything under it. */
  const forget = (dir: string): void => {
    const watcher = folders.get(dir)
    if (!watcher) return
    watcher.close()
    folders.delete(dir)
    const prefix = dir + sep
    for (const [path, below] of folders) {
      if (path.startsWith(prefix)) {
        below.close()
        folders.delete(path)
      }
    }
  }

  const onEvent = (dir: string, type: string, name: string | Buffer | null): void => {
    if (closed) return
    if (name === null) {
      touched(dir)
      return
    }
    const base = name.toString()
    if (isDefaultExcluded(base)) return
    const child = join(dir, base)
    touched(child)
    // 'rename': the name was created, deleted or moved. A folder under it is watched afresh.
    if (type === 'rename') {
      forget(child)
      if (isDirectory(child)) {
        pending.push(child)
        schedule()
      }
    }
  }

  /** Watches one folder; returns false when it is gone (or may not be read) and is skipped. */
  const watchOne = (dir: string): boolean => {
    if (folders.has(dir)) return false
    let watcher: FSWatcher
    try {
      watcher = watch(dir, (type, name) => onEvent(dir, type, name))
    } catch (error) {
      if (isLimit(error) || dir === root || !isGone(error)) failWith(error)
      return false
    }
    watcher.on('error', (error) => {
      if (isGone(error) && dir !== root) forget(dir)
      else failWith(error)
    })
    folders.set(dir, watcher)
    return true
  }

  const walk = (): void => {
    walking = undefined
    const until = performance.now() + WALK_SLICE_MS
    while (!closed && pending.length > 0) {
      const dir = pending.pop()!
      // Watch first, then list: a child created in between is either listed or reported.
      if (!watchOne(dir)) continue
      try {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.isDirectory() && !isDefaultExcluded(entry.name)) {
            pending.push(join(dir, entry.name))
          }
        }
      } catch (error) {
        if (!isGone(error) || dir === root) failWith(error)
        else forget(dir)
      }
      if (performance.now() >= until) break
    }
    if (!closed && pending.length > 0) schedule()
  }

  const schedule = (): void => {
    if (!walking && !closed) walking = setImmediate(walk)
  }

  schedule()
  return { close }
}

/**
 * One recursive watch for the whole root, where the OS watches a tree natively (macOS FSEvents,
 * Windows ReadDirectoryChangesW): no walk, no watch per folder.
 */
function watchTree(root: string, touched: (path: string) => void, fail: Fail): RootWatch {
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(root, { recursive: true }, (_type, name) => {
      if (name === null) touched(root)
      else if (!isExcludedPath(name.toString())) touched(join(root, name.toString()))
    })
  } catch (error) {
    queueMicrotask(() => fail(error))
    return { close: () => {} }
  }
  watcher.on('error', (error) => {
    watcher?.close()
    fail(error)
  })
  return { close: () => watcher?.close() }
}

const nativeTreeWatch = process.platform === 'darwin' || process.platform === 'win32'

/**
 * Native filesystem events for local roots, on their own thread (the first walk of a big root
 * lists every folder). A root's `changed` is posted once its events have been quiet for
 * writeFinishMs (see MAX_WAIT_FACTOR for a root that never goes quiet): a file still being
 * copied keeps its folder busy. No state is kept per file; a file that pauses mid-copy is left
 * alone by the scanner's settle rule and picked up by its follow-up rescan.
 */
export function hostWatches(post: (event: WatchEvent) => void): (request: WatchRequest) => void {
  const roots = new Map<number, { watch: RootWatch; timer?: NodeJS.Timeout }>()
  return (request) => {
    if (request.type === 'unwatch') {
      const entry = roots.get(request.id)
      clearTimeout(entry?.timer)
      entry?.watch.close()
      roots.delete(request.id)
      return
    }
    const { id, path, writeFinishMs } = request
    const quietMs = Math.max(0, writeFinishMs)
    const maxWaitMs = quietMs * MAX_WAIT_FACTOR
    // The current burst of events: when it began, its last event, its paths (first, last, mixed).
    let first = 0
    let last = 0
    let firstPath = path
    let lastPath = path
    let mixed = false

    const flush = (): void => {
      const entry = roots.get(id)
      if (!entry) return
      const now = performance.now()
      const wait = Math.min(last + quietMs, mixed ? first + maxWaitMs : Infinity) - now
      if (wait > 0) {
        entry.timer = setTimeout(flush, wait)
        return
      }
      entry.timer = undefined
      post({ type: 'changed', id, path: lastPath })
    }
    const touched = (changed: string): void => {
      const entry = roots.get(id)
      if (!entry) return
      last = performance.now()
      lastPath = changed
      if (entry.timer) {
        mixed ||= changed !== firstPath
        return
      }
      first = last
      firstPath = changed
      mixed = false
      entry.timer = setTimeout(flush, quietMs)
    }
    const fail: Fail = (error) => {
      const entry = roots.get(id)
      if (!entry) return
      clearTimeout(entry.timer)
      entry.watch.close()
      roots.delete(id)
      post({ type: 'failed', id, message: (error as Error).message, limit: isLimit(error) })
    }

    const entry: { watch: RootWatch; timer?: NodeJS.Timeout } = { watch: { close: () => {} } }
    roots.set(id, entry)
    entry.watch = (nativeTreeWatch ? watchTree : watchFolders)(path, touched, fail)
  }
}

if (parentPort) {
  const port = parentPort
  const handle = hostWatches((event) => port.postMessage(event))
  port.on('message', (request: WatchRequest) => handle(request))
}

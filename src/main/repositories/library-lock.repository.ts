import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppInfo } from '../../shared/domain'

/** Who holds a library: written to `<dataDir>/marquee.lock` by the lock holder. */
export interface LockHolder {
  pid: number
  /** When the holder took the lock (ms since the epoch). */
  startedAt: number
  face: AppInfo['face']
  /** Where the holder listens for CLI calls (Unix socket path or Windows pipe name). */
  socket: string
}

type LockAttempt = { acquired: true; lock: LibraryLock } | { acquired: false; holder: LockHolder }

export interface LibraryLock {
  readonly holder: LockHolder
  release(): void
}

const LOCK_FILE = 'marquee.lock'
/** A guard folder that makes "read the lock, decide, write it" one step across processes. */
const GUARD_DIR = 'marquee.lock.guard'
/** A guard older than this was left by a process that died inside the few lines it covers. */
const STALE_GUARD_MS = 10_000
/** Unix socket paths are limited to 104 (macOS) / 108 (Linux) bytes. */
const MAX_SOCKET_PATH = 100

/**
 * The data directory's owner lock: one file holding the holder's pid, start time, face and socket.
 * A lock whose process is gone is stale and is taken over. Plain files only, so it works the same
 * on every OS and on every filesystem the data directory may live on.
 */
export class LibraryLockRepository {
  constructor(
    private readonly dataDir: string,
    private readonly isAlive: (holder: LockHolder) => boolean = holderIsAlive,
  ) {}

  get lockPath(): string {
    return join(this.dataDir, LOCK_FILE)
  }

  /** Where the holder of this library listens: in the data directory when the path fits. */
  socketPath(platform: NodeJS.Platform = process.platform): string {
    const id = createHash('sha256').update(this.dataDir).digest('hex').slice(0, 16)
    if (platform === 'win32') return `\\\\.\\pipe\\marquee-${id}`
    const inside = join(this.dataDir, 'marquee.sock')
    return Buffer.byteLength(inside) <= MAX_SOCKET_PATH
      ? inside
      : join(tmpdir(), `marquee-${id}.sock`)
  }

  /** The live holder of the library, if any (a stale lock counts as none). */
  holder(): LockHolder | null {
    const current = this.read()
    return current && this.isAlive(current) ? current : null
  }

  /** Takes the lock unless a live process holds it. */
  tryAcquire(face: AppInfo['face'], now: number = Date.now()): LockAttempt {
    mkdirSync(this.dataDir, { recursive: true })
    return this.guarded(() => {
      const current = this.read()
      if (current && this.isAlive(current)) return { acquired: false, holder: current }
      const holder: LockHolder = {
        pid: process.pid,
        startedAt: now,
        face,
        socket: this.socketPath(),
      }
      this.write(holder)
      return { acquired: true, lock: { holder, release: () => this.release(holder) } }
    })
  }

  /** Removes the lock if it is still ours. A data directory that is gone holds no lock. */
  private release(holder: LockHolder): void {
    if (!existsSync(this.dataDir)) return
    this.guarded(() => {
      const current = this.read()
      if (current?.pid === holder.pid && current.startedAt === holder.startedAt) {
        try {
          unlinkSync(this.lockPath)
        } catch {
          // Already gone: nothing to release.
        }
      }
    })
  }

  private read(): LockHolder | null {
    try {
      const value = JSON.parse(readFileSync(this.lockPath, 'utf8')) as Partial<LockHolder>
      if (typeof value.pid !== 'number' || typeof value.startedAt !== 'number') return null
      return {
        pid: value.pid,
        startedAt: value.startedAt,
        face: value.face ?? 'cli',
        socket: typeof value.socket === 'string' ? value.socket : this.socketPath(),
      }
    } catch {
      // Missing, or half-written by a process that died: no holder.
      return null
    }
  }

  /** Written to a temporary file, fsynced and renamed: a reader never sees half a lock. */
  private write(holder: LockHolder): void {
    const temp = `${this.lockPath}.${process.pid}.tmp`
    const fd = openSync(temp, 'w', 0o600)
    try {
      writeSync(fd, `${JSON.stringify(holder)}\n`)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, this.lockPath)
  }

  private guarded<T>(work: () => T): T {
    const guard = join(this.dataDir, GUARD_DIR)
    for (let attempt = 0; ; attempt++) {
      try {
        mkdirSync(guard)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        if (isOlderThan(guard, STALE_GUARD_MS)) {
          try {
            rmdirSync(guard)
          } catch {
            // Another process cleared it first.
          }
        } else if (attempt > 2000) {
          throw new Error(`The library lock in ${this.dataDir} stays busy (${guard}).`)
        } else sleepSync(5)
      }
    }
    try {
      return work()
    } finally {
      rmdirSync(guard)
    }
  }
}

/** A process exists when signal 0 reaches it, or when it belongs to someone else (EPERM). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The holder's process still runs: its pid answers, and (where the system says when a process
 * started: Linux) it is not a newer process that was given a dead holder's pid.
 */
function holderIsAlive(holder: LockHolder): boolean {
  if (!processIsAlive(holder.pid)) return false
  const started = processStartMs(holder.pid)
  return started === null || started <= holder.startedAt + 5_000
}

/** When a process started, from /proc (Linux); null where that cannot be read. */
function processStartMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 22 (starttime, in clock ticks since boot) comes after the parenthesised name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[19])
    const boot = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))
    if (!Number.isFinite(ticks) || !boot) return null
    return Number(boot[1]) * 1000 + (ticks / 100) * 1000
  } catch {
    return null
  }
}

function isOlderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms
  } catch {
    return false
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

import {
  close,
  closeSync,
  fstatSync,
  fsync,
  openSync,
  statfsSync,
  unlinkSync,
  writeSync,
} from 'node:fs'

export interface VolumeSpace {
  /** Bytes an unprivileged process may still write. */
  freeBytes: number
  totalBytes: number
}

/** Free space of the volume that holds a path (statfs). */
export class StorageRepository {
  space(path: string): VolumeSpace {
    const info = statfsSync(path)
    return { freeBytes: info.bavail * info.bsize, totalBytes: info.blocks * info.bsize }
  }

  /**
   * Keeps `bytes` of the volume in a file of our own, so that when the disk fills the library
   * can give them back and still write down what happened. Best effort: false when it could
   * not be made (no room), and no half-made file is left.
   */
  holdReserve(path: string, bytes: number): boolean {
    let fd: number | undefined
    try {
      fd = openSync(path, 'a+', 0o600)
      const had = fstatSync(fd).size
      const chunk = Buffer.alloc(Math.min(1024 * 1024, bytes))
      for (let size = had; size < bytes;) {
        size += writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - size))
      }
      // Only what was written now needs the disk: every start of the core (each CLI run) held a
      // reserve already whole, and waited for an fsync of it (~1-8 ms, more while the disk is busy).
      // The blocks are the file's once written; the fsync, which only makes that survive a crash
      // (a lost reserve is written again at the next start), runs on the thread pool instead of
      // holding up the start of a new library (~6 ms before its first scan).
      if (had < bytes) {
        const written = fd
        fd = undefined
        fsync(written, () => close(written, () => undefined))
      }
      return true
    } catch {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
      this.releaseReserve(path)
      return false
    } finally {
      if (fd !== undefined) closeSync(fd)
    }
  }

  releaseReserve(path: string): void {
    try {
      unlinkSync(path)
    } catch {
      // Not there: nothing held.
    }
  }
}

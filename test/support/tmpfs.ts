import { execFileSync, spawnSync } from 'node:child_process'
import { tempDir } from './temp'

/**
 * A small real filesystem that can be filled: a tmpfs of `size` (e.g. `48m`) on a fresh folder.
 * Mounting needs root. CI runs as root and must run these tests, so elsewhere this fails with a
 * message saying so rather than skipping them.
 */
export interface Tmpfs {
  dir: string
  /** Unmounts it (lazily if something still holds it open); safe to call twice. */
  unmount(): void
}

export function mountTmpfs(size: string): Tmpfs {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    throw new Error(
      `This test mounts a ${size} tmpfs, which needs Linux and root; CI runs it as root. ` +
        `Run it as root (e.g. in the CI container): it is not skipped.`,
    )
  }
  const dir = tempDir('marquee-tmpfs-')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim()
    throw new Error(`Could not mount a tmpfs on ${dir}: ${stderr || String(error)}`)
  }
  let mounted = true
  return {
    dir,
    unmount() {
      if (!mounted) return
      if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir])
      mounted = false
    },
  }
}

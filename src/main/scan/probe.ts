import { accessSync, constants, opendirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type { VolumeIdentity } from '../repositories/roots.repository'
import { isDefaultExcluded } from './filters'

export type Probe =
  { ok: true; identity: VolumeIdentity; empty: boolean } | { ok: false; reason: string }

/**
 * Is the root there, a readable folder, and still the volume we indexed? Runs on the scan
 * worker (synchronous calls; the caller's watchdog covers a hang).
 */
export function probeRoot(path: string, previous: VolumeIdentity): Probe {
  let device: string
  let isMountPoint: boolean
  try {
    const info = statSync(path)
    if (!info.isDirectory()) return { ok: false, reason: `${path} is no longer a folder.` }
    accessSync(path, constants.R_OK | constants.X_OK)
    const parent = statSync(dirname(path))
    device = String(info.dev)
    isMountPoint = path === dirname(path) || info.dev !== parent.dev
  } catch (error) {
    return { ok: false, reason: unreachable(path, (error as NodeJS.ErrnoException).code) }
  }
  if (previous.wasMountPoint && !isMountPoint) {
    return {
      ok: false,
      reason: `The share at ${path} is not mounted (only the empty mount point is left). Nothing was marked missing; it will be rescanned when it is mounted again.`,
    }
  }
  let empty = true
  try {
    const dir = opendirSync(path)
    try {
      for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
        if (!isDefaultExcluded(entry.name)) {
          empty = false
          break
        }
      }
    } finally {
      dir.closeSync()
    }
  } catch (error) {
    return { ok: false, reason: unreachable(path, (error as NodeJS.ErrnoException).code) }
  }
  return { ok: true, identity: { device, wasMountPoint: isMountPoint }, empty }
}

export function unreachable(path: string, code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return `${path} is not there: it was renamed or deleted, or its drive or share is disconnected. Nothing was marked missing; it will be rescanned when it returns.`
    case 'EACCES':
    case 'EPERM':
      return `Marquee may not read ${path} (${code}). Check its permissions; nothing was marked missing.`
    default:
      return `${path} is not reachable (${code ?? 'unknown error'}). Nothing was marked missing; it will be rescanned when it answers again.`
  }
}

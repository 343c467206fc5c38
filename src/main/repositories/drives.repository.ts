import { execFile } from 'node:child_process'
import { readdir, readFile, realpath, stat, statfs } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type { RemovableDrive } from '../../shared/exports'
import { blockDeviceOf, entryFor, parseProcMounts, type MountEntry } from '../export/drives'
import { parseMacMount } from '../scan/mounts'

const run = promisify(execFile)

/** statfs magic of FAT (vfat, msdos) on Linux, for when the mount table cannot be read. */
const FAT_MAGIC = 0x4d44

export interface DrivesSources {
  platform: NodeJS.Platform
  /** The Linux mount table; tests pass a fake one. */
  procMounts: string
  /** /sys/block, where each disk says whether it is removable; tests pass a fake tree. */
  sysBlock: string
}

/**
 * MARQUEE_PROC_MOUNTS and MARQUEE_SYS_BLOCK stand in for the real ones (the end-to-end tests
 * plug a fake USB stick in this way: no test machine has one).
 */
const DEFAULT_SOURCES: DrivesSources = {
  platform: process.platform,
  procMounts: process.env.MARQUEE_PROC_MOUNTS || '/proc/mounts',
  sysBlock: process.env.MARQUEE_SYS_BLOCK || '/sys/block',
}

/** Where an export would write: the nearest folder that exists, its disk's free space and type. */
export interface DestinationFacts {
  existing: string
  free: number
  fsType: string | null
  fatMagic: boolean
}

/**
 * What the operating system says about drives: which are removable (Linux: /proc/mounts and
 * /sys/block/<disk>/removable or a USB parent; macOS: /Volumes; Windows: drive type 2 from
 * PowerShell) and which filesystem a destination folder is on. See docs/exports.md.
 */
export class DrivesRepository {
  private readonly sources: DrivesSources

  constructor(sources: Partial<DrivesSources> = {}) {
    this.sources = { ...DEFAULT_SOURCES, ...sources }
  }

  async removable(): Promise<RemovableDrive[]> {
    switch (this.sources.platform) {
      case 'linux':
        return this.linuxRemovable()
      case 'darwin':
        return this.macVolumes()
      case 'win32':
        return windowsRemovable()
      default:
        return []
    }
  }

  async destination(dir: string): Promise<DestinationFacts> {
    let existing = dir
    while (!(await isDirectory(existing))) {
      const parent = dirname(existing)
      if (parent === existing) break
      existing = parent
    }
    const info = await statfs(existing)
    const real = await realpath(existing).catch(() => existing)
    const entry = entryFor(await this.mountTable(), real)
    return {
      existing,
      free: Number(info.bavail) * Number(info.bsize),
      fsType: entry?.fsType ?? null,
      fatMagic: Number(info.type) === FAT_MAGIC,
    }
  }

  private async mountTable(): Promise<MountEntry[]> {
    if (this.sources.platform === 'linux') {
      const text = await readFile(this.sources.procMounts, 'utf8').catch(() => '')
      return parseProcMounts(text)
    }
    if (this.sources.platform === 'darwin') {
      const { stdout } = await run('mount', [], { timeout: 5000 }).catch(() => ({ stdout: '' }))
      return parseMacMount(stdout).map((m) => ({ ...m, source: '' }))
    }
    return []
  }

  private async linuxRemovable(): Promise<RemovableDrive[]> {
    const drives = new Map<string, RemovableDrive>()
    for (const entry of await this.mountTable()) {
      const disk = blockDeviceOf(entry.source)
      if (!disk || drives.has(entry.mountPoint)) continue
      if (!(await this.isRemovableDisk(disk))) continue
      drives.set(entry.mountPoint, {
        path: entry.mountPoint,
        label: basename(entry.mountPoint) || entry.mountPoint,
        fsType: entry.fsType,
        ...(await spaceOf(entry.mountPoint)),
      })
    }
    return [...drives.values()]
  }

  /** Removable media flag, or a disk on the USB bus (USB SSDs often report removable=0). */
  private async isRemovableDisk(disk: string): Promise<boolean> {
    const folder = join(this.sources.sysBlock, disk)
    const flag = await readFile(join(folder, 'removable'), 'utf8').catch(() => '0')
    if (flag.trim() === '1') return true
    const device = await realpath(folder).catch(() => '')
    return /\/usb\d*\//.test(device)
  }

  private async macVolumes(): Promise<RemovableDrive[]> {
    const table = await this.mountTable()
    const names = await readdir('/Volumes').catch(() => [] as string[])
    const drives: RemovableDrive[] = []
    for (const name of names) {
      const path = join('/Volumes', name)
      // The start-up disk appears in /Volumes as a link to /.
      if ((await realpath(path).catch(() => '/')) === '/') continue
      const fsType = entryFor(table, path)?.fsType ?? 'unknown'
      drives.push({ path, label: name, fsType, ...(await spaceOf(path)) })
    }
    return drives
  }
}

async function windowsRemovable(): Promise<RemovableDrive[]> {
  const script =
    'Get-CimInstance Win32_LogicalDisk -Filter "DriveType=2" | ' +
    'Select-Object DeviceID,VolumeName,FileSystem,FreeSpace,Size | ConvertTo-Json -Compress'
  const { stdout } = await run('powershell.exe', ['-NoProfile', '-Command', script], {
    timeout: 10_000,
  }).catch(() => ({ stdout: '' }))
  if (!stdout.trim()) return []
  const parsed = JSON.parse(stdout) as WindowsDisk | WindowsDisk[]
  return (Array.isArray(parsed) ? parsed : [parsed]).map((d) => ({
    path: `${d.DeviceID}\\`,
    label: d.VolumeName || d.DeviceID,
    fsType: (d.FileSystem ?? 'unknown').toLowerCase(),
    free: d.FreeSpace ?? null,
    size: d.Size ?? null,
  }))
}

interface WindowsDisk {
  DeviceID: string
  VolumeName: string | null
  FileSystem: string | null
  FreeSpace: number | null
  Size: number | null
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  )
}

async function spaceOf(path: string): Promise<{ free: number | null; size: number | null }> {
  try {
    const info = await statfs(path)
    const block = Number(info.bsize)
    return { free: Number(info.bavail) * block, size: Number(info.blocks) * block }
  } catch {
    return { free: null, size: null }
  }
}

/**
 * Pure rules for removable drives and destination filesystems: parsing the Linux mount table
 * (/proc/mounts, fstab(5) layout) and naming the block device a partition belongs to.
 */

export interface MountEntry {
  /** The device or share mounted: /dev/sdb1, tmpfs, //nas/share. */
  source: string
  mountPoint: string
  fsType: string
}

/** Filesystems where one file cannot reach 4 GiB (FAT12/16/32 as Linux and macOS name them). */
const FAT_TYPES = new Set(['vfat', 'msdos', 'fat', 'fat16', 'fat32', 'umsdos'])

export function isFatType(fsType: string | null | undefined): boolean {
  return fsType !== null && fsType !== undefined && FAT_TYPES.has(fsType.toLowerCase())
}

/** Parses /proc/mounts: `source mountpoint fstype options dump pass`, octal escapes decoded. */
export function parseProcMounts(text: string): MountEntry[] {
  const entries: MountEntry[] = []
  for (const line of text.split('\n')) {
    const [source, mountPoint, fsType] = line.trim().split(/\s+/)
    if (source && mountPoint && fsType)
      entries.push({ source: unescape(source), mountPoint: unescape(mountPoint), fsType })
  }
  return entries
}

/**
 * The whole disk a partition lives on, as /sys/block names it: sdb1 → sdb, mmcblk0p1 →
 * mmcblk0, nvme0n1p2 → nvme0n1. Null for what is not a /dev block device.
 */
export function blockDeviceOf(source: string): string | null {
  const match = /^\/dev\/([a-z0-9]+)$/.exec(source)
  if (!match) return null
  const name = match[1]!
  const numbered = /^((?:mmcblk|nvme\d+n|loop|md)\d+)(?:p\d+)?$/.exec(name)
  if (numbered) return numbered[1]!
  return name.replace(/\d+$/, '')
}

/** The entry whose mount point is the longest prefix of `path` (later mounts win a tie). */
export function entryFor(entries: readonly MountEntry[], path: string): MountEntry | undefined {
  let best: MountEntry | undefined
  for (const entry of entries) {
    const point = entry.mountPoint
    const covers =
      point === '/' || path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`)
    if (covers && (!best || point.length >= best.mountPoint.length)) best = entry
  }
  return best
}

function unescape(value: string): string {
  return value.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  )
}

/** Types of the export dialog's pre-check, removable drives and the bundle history. */
import type { BundleRecord } from './domain'

/** A drive the operating system reports as removable (a USB stick, an SD card). */
export interface RemovableDrive {
  /** Where it is mounted: the folder to export into (or a drive letter such as `E:\`). */
  path: string
  /** Its volume label, or the mount point's last segment when it has none. */
  label: string
  /** Filesystem type as the OS names it: vfat, exfat, ntfs, ext4, msdos, … */
  fsType: string
  /** Free and total bytes, null when the OS would not say. */
  free: number | null
  size: number | null
}

/** What an export to a folder would need, checked before it starts (nothing is written). */
export interface ExportPrecheck {
  dir: string
  /** The folder already holds a bundle (its manifest.json): the export updates it. */
  bundleThere: boolean
  objects: number
  /** Objects the destination already holds, byte for byte the right size. */
  present: number
  /** Bytes of media still to copy (the space check adds 16 MB for the manifest and player). */
  bytesNeeded: number
  /** Some objects still have to be converted for the player: their size is an estimate. */
  estimated: boolean
  /** Free bytes on the destination's disk (its nearest existing folder). */
  free: number
  /** The destination's filesystem type from the mount table, null when unknown. */
  fsType: string | null
  /** FAT (vfat, msdos): no single file may reach 4 GiB. */
  fat: boolean
  /** Objects a FAT drive cannot hold. */
  tooBig: Array<{ name: string; size: number }>
  /** Sentences that stop the export (not enough space, a file too big for FAT); empty = go. */
  problems: string[]
}

/** How a playlist changed since a bundle was made from it. */
export interface PlaylistChanges {
  added: number
  removed: number
  /** Items whose asset was swapped for another (assets.replace) or whose file's content changed. */
  replaced: number
  durationsChanged: number
  reordered: boolean
  /** Its name now, when it was renamed; null when it was deleted. */
  nameNow: string | null
  deleted: boolean
}

export interface BundlePlaylist {
  collectionId: number
  kind: 'playlist' | 'album'
  /** Its name when the bundle was made. */
  name: string
  /** Null when the playlist is as it was exported. */
  changes: PlaylistChanges | null
  /** "Lobby: 2 items added, 1 replaced, durations changed"; null when unchanged. */
  summary: string | null
}

/** A bundle of the history, with its playlists and whether they changed since. */
export interface BundleHistoryEntry extends BundleRecord {
  playlists: BundlePlaylist[]
  outdated: boolean
}

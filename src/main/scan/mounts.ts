import type { RootKind } from '../../shared/domain'

/** Filesystem types that live across a network (Linux names from /proc/self/mountinfo). */
const NETWORK_FS = [
  /^nfs4?$/,
  /^cifs$/,
  /^smb(fs|3)?$/,
  /^fuse\.sshfs$/,
  /^sshfs$/,
  /^afpfs$/,
  /^davfs$/,
  /^fuse\.davfs2?$/,
  /^9p$/,
  /^ceph$/,
  /^fuse\.ceph/,
  /^glusterfs$/,
  /^fuse\.glusterfs$/,
  /^fuse\.rclone$/,
  /^fuse\.s3fs$/,
  /^lustre$/,
  /^afs$/,
  /^ncpfs$/,
  /^webdav$/,
]

export function isNetworkFsType(fsType: string): boolean {
  return NETWORK_FS.some((pattern) => pattern.test(fsType.toLowerCase()))
}

export interface Mount {
  mountPoint: string
  fsType: string
}

/** Parses /proc/self/mountinfo (see proc(5)); octal escapes such as \040 are decoded. */
export function parseMountInfo(text: string): Mount[] {
  const mounts: Mount[] = []
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ')
    if (!left || !right) continue
    const mountPoint = left.split(' ')[4]
    const fsType = right.split(' ')[0]
    if (mountPoint && fsType) mounts.push({ mountPoint: unescapeOctal(mountPoint), fsType })
  }
  return mounts
}

/** Parses macOS `mount` output: `//user@nas/share on /Volumes/share (smbfs, nodev, …)`. */
export function parseMacMount(text: string): Mount[] {
  const mounts: Mount[] = []
  for (const line of text.split('\n')) {
    const match = / on (.+) \(([^,)]+)/.exec(line)
    if (match) mounts.push({ mountPoint: match[1]!, fsType: match[2]! })
  }
  return mounts
}

function unescapeOctal(value: string): string {
  return value.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  )
}

/** The mount that holds `path`: the longest mount point that is `path` or one of its parents. */
export function mountFor(mounts: readonly Mount[], path: string): Mount | undefined {
  let best: Mount | undefined
  for (const mount of mounts) {
    const point = mount.mountPoint
    const covers =
      point === '/' || path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`)
    if (covers && (!best || point.length >= best.mountPoint.length)) best = mount
  }
  return best
}

/** local | network for a path, from the mount table; UNC paths on Windows are network. */
export function classifyPath(
  path: string,
  mounts: readonly Mount[],
  platform: NodeJS.Platform,
): RootKind {
  if (platform === 'win32') return /^(\\\\|\/\/)[^\\/]+[\\/]/.test(path) ? 'network' : 'local'
  const mount = mountFor(mounts, path)
  return mount && isNetworkFsType(mount.fsType) ? 'network' : 'local'
}

import { describe, expect, it } from 'vitest'
import { classifyPath, mountFor, parseMacMount, parseMountInfo } from '../../src/main/scan/mounts'

const MOUNTINFO = `22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
35 22 0:31 / /mnt/nas rw - nfs4 nas:/volume1/media rw,vers=4.1
36 22 0:32 / /mnt/smb\\040share rw - cifs //nas/share rw
37 22 0:33 / /home/ana/remote rw - fuse.sshfs ana@host:/srv rw
38 35 8:2 / /mnt/nas/local-usb rw - exfat /dev/sdb1 rw
39 22 0:34 / /mnt/dav rw - fuse.davfs2 https://dav rw
40 22 0:35 / /mnt/9p rw - 9p share rw
`

describe('root kind from the mount table', () => {
  const mounts = parseMountInfo(MOUNTINFO)

  it('decodes mount points, escapes included', () => {
    expect(mounts.map((m) => m.mountPoint)).toContain('/mnt/smb share')
  })

  it.each([
    ['/srv/media', 'local'],
    ['/mnt/nas/Lobby', 'network'],
    ['/mnt/nas', 'network'],
    ['/mnt/nas-backup', 'local'],
    ['/mnt/nas/local-usb/x', 'local'],
    ['/mnt/smb share/Menus', 'network'],
    ['/home/ana/remote/a', 'network'],
    ['/mnt/dav/x', 'network'],
    ['/mnt/9p/x', 'network'],
  ] as const)('%s is %s', (path, kind) => {
    expect(classifyPath(path, mounts, 'linux')).toBe(kind)
  })

  it('finds the innermost mount', () => {
    expect(mountFor(mounts, '/mnt/nas/local-usb/a')?.fsType).toBe('exfat')
  })

  it('reads macOS mount output', () => {
    const mac = parseMacMount(
      '/dev/disk3s1 on / (apfs, local, journaled)\n//ana@nas._smb._tcp.local/media on /Volumes/media (smbfs, nodev, nosuid, mounted by ana)\n',
    )
    expect(classifyPath('/Volumes/media/Lobby', mac, 'darwin')).toBe('network')
    expect(classifyPath('/Users/ana/Pictures', mac, 'darwin')).toBe('local')
  })

  it('treats UNC paths on Windows as network', () => {
    expect(classifyPath('\\\\nas\\media\\Lobby', [], 'win32')).toBe('network')
    expect(classifyPath('D:\\Media', [], 'win32')).toBe('local')
  })
})

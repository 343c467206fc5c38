import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { blockDeviceOf, isFatType, parseProcMounts } from '../../src/main/export/drives'
import { DrivesRepository } from '../../src/main/repositories/drives.repository'
import { tempDir } from '../support/temp'

/** A fake /proc/mounts and /sys/block, the way Linux lays them out. */
function fakeLinux() {
  const root = tempDir('marquee-drives-')
  const mount = (name: string) => {
    const dir = join(root, 'media', name)
    mkdirSync(dir, { recursive: true })
    return dir
  }
  const stick = mount('LOBBY STICK')
  const card = mount('SD')
  const usbSsd = mount('SSD')
  const system = mount('data')
  const procMounts = join(root, 'mounts')
  const escaped = stick.replace(/ /g, '\\040')
  writeFileSync(
    procMounts,
    [
      'sysfs /sys sysfs rw,nosuid 0 0',
      `/dev/sda2 ${system} ext4 rw,relatime 0 0`,
      `/dev/sdb1 ${escaped} vfat rw,uid=1000 0 0`,
      `/dev/mmcblk0p1 ${card} exfat rw 0 0`,
      `/dev/sdc1 ${usbSsd} ntfs3 rw 0 0`,
      'tmpfs /run tmpfs rw 0 0',
    ].join('\n'),
  )
  const sysBlock = join(root, 'sys', 'block')
  const devices = join(root, 'sys', 'devices')
  const disk = (name: string, removable: string, bus: string) => {
    const device = join(devices, bus, name)
    mkdirSync(device, { recursive: true })
    writeFileSync(join(device, 'removable'), `${removable}\n`)
    mkdirSync(sysBlock, { recursive: true })
    symlinkSync(device, join(sysBlock, name))
  }
  disk('sda', '0', 'pci0000:00/ata1')
  disk('sdb', '1', 'pci0000:00/usb2/2-1')
  disk('mmcblk0', '1', 'platform/mmc0')
  // A USB SSD says it is not removable; its place on the USB bus says it is.
  disk('sdc', '0', 'pci0000:00/usb3/3-2')
  return { stick, card, usbSsd, system, procMounts, sysBlock }
}

describe('removable drives from the Linux mount table', () => {
  it('names the whole disk of a partition', () => {
    expect(blockDeviceOf('/dev/sdb1')).toBe('sdb')
    expect(blockDeviceOf('/dev/mmcblk0p1')).toBe('mmcblk0')
    expect(blockDeviceOf('/dev/nvme0n1p2')).toBe('nvme0n1')
    expect(blockDeviceOf('/dev/sdc')).toBe('sdc')
    expect(blockDeviceOf('tmpfs')).toBeNull()
  })

  it('decodes escaped mount points and knows FAT by name', () => {
    const [entry] = parseProcMounts('/dev/sdb1 /media/ana/MY\\040STICK vfat rw 0 0')
    expect(entry).toEqual({
      source: '/dev/sdb1',
      mountPoint: '/media/ana/MY STICK',
      fsType: 'vfat',
    })
    expect(['vfat', 'msdos', 'FAT32'].map(isFatType)).toEqual([true, true, true])
    expect(['exfat', 'ext4', null].map(isFatType)).toEqual([false, false, false])
  })

  it('lists USB sticks, SD cards and USB disks, not the system disk', async () => {
    const fake = fakeLinux()
    const drives = new DrivesRepository({ platform: 'linux', ...fake })
    const list = await drives.removable()
    expect(list.map((d) => [d.label, d.fsType])).toEqual([
      ['LOBBY STICK', 'vfat'],
      ['SD', 'exfat'],
      ['SSD', 'ntfs3'],
    ])
    expect(list[0]!.path).toBe(fake.stick)
    expect(list[0]!.free).toBeGreaterThan(0)
  })

  it('tells the filesystem of a destination that does not exist yet', async () => {
    const fake = fakeLinux()
    const drives = new DrivesRepository({ platform: 'linux', ...fake })
    const facts = await drives.destination(join(fake.stick, 'bundles', 'lobby'))
    expect(facts.existing).toBe(fake.stick)
    expect(facts.fsType).toBe('vfat')
    expect(facts.free).toBeGreaterThan(0)
    expect((await drives.destination(join(fake.system, 'x'))).fsType).toBe('ext4')
  })
})

import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { outPath, photoLike } from '../fixtures/media-tools'
import { coreAt } from '../support/core'
import { indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'
import { mountTmpfs } from '../support/tmpfs'

/** Folders that live for the whole file (tempDir's go after each test). */
const scratch = mkdtempSync(join(tmpdir(), 'marquee-exports-'))
const lasting = (name: string) => join(scratch, name)

let core: Core
let stick: string
let procMounts: string
const paths: string[] = []
const id = (i: number) => core.services.assets.byPath(paths[i]!).id
const lobby = { source: { playlist: 'Lobby' }, profile: 'fhd-h264' }

describe('the export pre-check', () => {
  beforeAll(async () => {
    const media = lasting('media')
    for (let i = 0; i < 5; i++) {
      const path = await outPath(media, `slide-${i}.png`)
      await (await photoLike(640, 360, 70 + i)).png().toFile(path)
      paths.push(path)
    }
    // The mount table Marquee reads: a folder here is a FAT stick, as /proc/mounts shows one.
    stick = lasting('stick')
    mkdirSync(stick)
    procMounts = lasting('mounts')
    writeFileSync(procMounts, `/dev/sdz1 ${stick} vfat rw 0 0\n`)
    core = coreAt(lasting('data'), { drives: { platform: 'linux', procMounts } })
    await core.services.roots.add({ path: media })
    await indexAndProcess(core)
    core.services.collections.create('playlist', 'Lobby')
    core.services.collections.add('playlist', 'Lobby', [id(0), id(1), id(2)], 2000)
  }, 120_000)
  afterAll(async () => {
    await core?.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  it('refuses a disk that is too small, before writing anything', async () => {
    const disk = mountTmpfs('8m')
    try {
      const check = await core.services.exportPrecheck.check({
        ...lobby,
        out: join(disk.dir, 'lobby'),
      })
      expect(check.free).toBeLessThanOrEqual(8 * 1024 * 1024)
      expect(check.bytesNeeded).toBeLessThan(check.free)
      expect(check.problems.join(' ')).toMatch(/^Not enough space: the bundle needs \d+ MB more/)
      expect(execFileSync('ls', ['-A', disk.dir]).toString()).toBe('')
    } finally {
      disk.unmount()
    }
  })

  it('counts what a folder already holds, and the bytes still to copy', async () => {
    const out = join(tempDir('marquee-precheck-out-'), 'lobby')
    const before = await core.services.exportPrecheck.check({ ...lobby, out })
    expect(before).toMatchObject({ objects: 3, present: 0, bundleThere: false, problems: [] })
    expect(before.estimated).toBe(true)

    await core.services.exports.run({ ...lobby, out, verify: true })
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: out })
    core.services.collections.add('playlist', 'Lobby', [id(3)], null)
    const after = await core.services.exportPrecheck.check({ ...lobby, out })
    // The renditions made by the export are in the cache: sizes and hashes are known now.
    expect(after).toMatchObject({ objects: 4, present: 3, bundleThere: true, fat: false })
    const made = core.db
      .prepare(`SELECT SUM(bytes) AS b FROM derivatives WHERE variant = 'export:fhd-h264'`)
      .get() as { b: number }
    // Only the new slide is left to copy: its rendition, or its original while none is made.
    expect(after.bytesNeeded).toBeGreaterThan(0)
    expect(after.bytesNeeded).toBeLessThanOrEqual(
      Math.max(made.b, core.services.assets.get(id(3)).size),
    )
  })

  it('names a file too big for FAT32', async () => {
    const sha256 = core.services.assets.get(id(4)).sha256!
    core.services.collections.add('playlist', 'Lobby', [id(4)], null)
    await core.services.exports.run({ ...lobby, out: join(tempDir(), 'warm') })
    // A 5 GB rendition in the cache, as a long 4K transcode would be.
    core.db
      .prepare(`UPDATE derivatives SET bytes = ? WHERE sha256 = ? AND variant = 'export:fhd-h264'`)
      .run(5e9, sha256)
    const check = await core.services.exportPrecheck.check({ ...lobby, out: join(stick, 'lobby') })
    expect(check).toMatchObject({ fsType: 'vfat', fat: true })
    expect(check.tooBig).toEqual([{ name: 'slide-4.png', size: 5e9 }])
    expect(check.problems[0]).toBe(
      'slide-4.png is 5.00 GB, more than a FAT32 drive can hold in one file (4 GB). Format the drive as exFAT, or choose a smaller profile.',
    )
  })
})

import { execFileSync } from 'node:child_process'
import { statfsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportProgress } from '../../src/shared/contract'
import { testCore } from '../support/core'
import { filesUnder, importAndWait, partsUnder, randomContent, sha256Of } from '../support/imports'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'
import { mountTmpfs, type Tmpfs } from '../support/tmpfs'

const MiB = 1024 * 1024
const mounts: Tmpfs[] = []

afterEach(() => {
  for (const m of mounts.splice(0)) m.unmount()
})

async function libraryOn(size: string) {
  const m = mountTmpfs(size)
  mounts.push(m)
  const core = testCore()
  const root = await core.services.roots.add({ path: m.dir })
  return { core, root, rootPath: root.path }
}

const freeBytes = (dir: string): number => {
  const s = statfsSync(dir)
  return s.bavail * s.bsize
}

describe('an import into a target without room', () => {
  it('is refused before any byte moves when the drop and its margin do not fit', async () => {
    const { core, root, rootPath } = await libraryOn('20m')
    const drop = tempDir('marquee-drop-')
    writeTree(drop, { 'a.mp4': randomContent(4 * MiB), 'b.mp4': randomContent(4 * MiB) })
    const status = await importAndWait(core, {
      sources: [join(drop, 'a.mp4'), join(drop, 'b.mp4')],
      into: { rootId: root.id },
    })
    expect(status.phase).toBe('failed')
    expect(status.code).toBe('NO_SPACE')
    // 8 MiB of files and the 16 MiB margin do not fit in 20 MiB.
    expect(status.error).toMatch(
      /^Not enough space in .*: the drop needs 25\.2 MB \(with a margin\), and 21(\.0)? MB is free\. Free 4\.2 MB there, or drop fewer files — nothing was copied\.$/,
    )
    expect(filesUnder(rootPath)).toEqual([])
  })

  it('removes the file that was being copied when the target filled up; the files before it are whole', async () => {
    const { core, root, rootPath } = await libraryOn('48m')
    const drop = tempDir('marquee-drop-')
    writeTree(drop, {
      'small-1.jpg': randomContent(100 * 1024),
      'small-2.jpg': randomContent(100 * 1024),
      'big.mp4': randomContent(20 * MiB),
      'after.mp4': randomContent(100 * 1024),
    })
    const filler = join(rootPath, 'another-program.bin')
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'import.progress' || (payload as ImportProgress).phase !== 'copying') return
      stop()
      // The check passed; now another program takes all but 4 MiB, before the first byte moves.
      writeFileSync(filler, Buffer.alloc(freeBytes(rootPath) - 4 * MiB))
    })
    const status = await importAndWait(core, {
      sources: ['small-1.jpg', 'small-2.jpg', 'big.mp4', 'after.mp4'].map((n) => join(drop, n)),
      into: { rootId: root.id },
    })
    expect(status.phase).toBe('done')
    // Two files copy at once: after.mp4 may have been copied whole beside big.mp4, have been
    // under way when the disk filled, or not have started. Whatever was placed is whole.
    const imported = status.result.imported.map((i) => i.source)
    expect(imported).toEqual(
      expect.arrayContaining([join(drop, 'small-1.jpg'), join(drop, 'small-2.jpg')]),
    )
    expect(imported).not.toContain(join(drop, 'big.mp4'))
    for (const i of status.result.imported) expect(sha256Of(i.path)).toBe(sha256Of(i.source))
    const failed = new Map(status.result.failed.map((f) => [f.source, f.error]))
    expect(failed.get(join(drop, 'big.mp4'))).toMatch(
      /filled up while big\.mp4 was being copied: its partial copy was removed, and the files copied before it are whole/,
    )
    if (!imported.includes(join(drop, 'after.mp4')))
      expect(failed.get(join(drop, 'after.mp4'))).toMatch(
        /^Not copied: .* filled up during the import|filled up while after\.mp4 was being copied: its partial copy was removed/,
      )
    expect(imported.length + failed.size).toBe(4)
    expect(partsUnder(rootPath)).toEqual([])
    expect(filesUnder(rootPath).filter((f) => f.endsWith('big.mp4'))).toEqual([])
  })

  it('is refused on a read-only drive, saying so', async () => {
    const { core, root, rootPath } = await libraryOn('8m')
    execFileSync('mount', ['-o', 'remount,ro', rootPath])
    const drop = tempDir('marquee-drop-')
    writeTree(drop, { 'a.jpg': randomContent(1024) })
    const status = await importAndWait(core, {
      sources: [join(drop, 'a.jpg')],
      into: { rootId: root.id },
    })
    expect(status).toMatchObject({ phase: 'failed', code: 'INVALID_ARGUMENT' })
    expect(status.error).toMatch(
      /is on a read-only drive or share: Marquee cannot import into it\. Nothing was copied\.$/,
    )
  })
})

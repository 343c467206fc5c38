import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ImportProgress } from '../../src/shared/contract'
import { testCore } from '../support/core'
import { filesUnder, importAndWait, partsUnder, randomContent, sha256Of } from '../support/imports'
import { writeTree } from '../support/library'
import { startSshNas, sshfsAvailable, type SshNas } from '../support/sshfs'
import { tempDir } from '../support/temp'

// CI installs sshfs and openssh-server; a developer machine without them skips, CI must not.
const available = sshfsAvailable()
if (!available && process.env.CI)
  throw new Error('The NAS tests need sshfs, openssh-server and /dev/fuse.')

const nases: SshNas[] = []
afterEach(() => {
  for (const nas of nases.splice(0)) nas.stop()
})

async function nasLibrary(fsTimeoutMs = 10_000) {
  const nas = await startSshNas()
  nases.push(nas)
  const core = testCore(undefined, { fsTimeoutMs })
  const root = await core.services.roots.add({ path: nas.mountPoint })
  return { nas, core, root }
}

describe.runIf(available)('importing into a library folder on a NAS', () => {
  it('copies, reads back and places every file on the share', async () => {
    const { nas, core, root } = await nasLibrary()
    expect(root.kind).toBe('network')
    const drop = tempDir('marquee-drop-')
    writeTree(drop, {
      'Promo/a.mp4': randomContent(3 * 1024 * 1024),
      'Promo/b.jpg': randomContent(200 * 1024),
    })
    const status = await importAndWait(core, {
      sources: [join(drop, 'Promo')],
      into: { rootId: root.id },
    })
    expect(status.result.failed).toEqual([])
    expect(status.result.imported).toHaveLength(2)
    for (const i of status.result.imported) {
      const onServer = join(nas.exportDir, i.path.slice(nas.mountPoint.length + 1))
      expect(sha256Of(onServer)).toBe(sha256Of(i.source))
    }
    expect(partsUnder(nas.exportDir)).toEqual([])
  })

  it('gives a frozen share up after the time limit, says so, and leaves no part once it thaws', async () => {
    const { nas, core, root } = await nasLibrary(2_000)
    const drop = tempDir('marquee-drop-')
    writeTree(drop, { 'big.mp4': randomContent(16 * 1024 * 1024), 'next.mp4': randomContent(1024) })
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'import.progress' || (payload as ImportProgress).phase !== 'copying') return
      stop()
      nas.freeze()
    })
    const status = await importAndWait(core, {
      sources: [join(drop, 'big.mp4'), join(drop, 'next.mp4')],
      into: { rootId: root.id },
    })
    expect(status.phase).toBe('done')
    expect(status.result.imported).toEqual([])
    // The small file was copying in the other lane when the share froze, or was to come next.
    expect(status.result.failed.map((f) => f.error)).toEqual([
      expect.stringMatching(/^big\.mp4 was not copied: .* stopped answering \(nothing for 2 s\)/),
      expect.stringMatching(/^(next\.mp4 was not copied|Not copied): .* stopped answering/),
    ])
    nas.thaw()
    // The thread that was stuck stops at its next chunk and removes its part.
    await vi.waitFor(() => expect(partsUnder(nas.exportDir)).toEqual([]), { timeout: 20_000 })
    expect(filesUnder(nas.exportDir).filter((f) => f.endsWith('.mp4'))).toEqual([])
  })
})

import { renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import type { Events } from '../../src/shared/contract'
import type { Root } from '../../src/shared/domain'
import { testCore } from '../support/core'
import { counts, writeTree } from '../support/library'
import { watchLoopStalls, type LoopStallProbe } from '../support/loop-stall'
import { startSshNas, sshfsAvailable, type SshNas } from '../support/sshfs'

// CI installs sshfs and openssh-server; a developer machine without them skips, CI must not.
const available = sshfsAvailable()
if (!available && process.env.CI)
  throw new Error('The NAS tests need sshfs, openssh-server and /dev/fuse.')

const nases: SshNas[] = []
afterEach(() => {
  for (const nas of nases.splice(0)) nas.stop()
})

function tree(folders: number, perFolder: number): Record<string, string> {
  const files: Record<string, string> = {}
  for (let f = 0; f < folders; f++) {
    for (let i = 0; i < perFolder; i++) files[`venue-${f}/slide-${i}.jpg`] = `slide ${f}/${i}`
  }
  return files
}

/** Resolves with the first root state that satisfies `match`. */
function rootBecomes(core: Core, id: number, match: (root: Root) => boolean): Promise<Root> {
  return new Promise((resolve) => {
    const current = core.services.roots.get(id)
    if (match(current)) return resolve(current)
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'roots.changed') return
      const root = (payload as Events['roots.changed']).roots.find((r) => r.id === id)
      if (root && match(root)) {
        stop()
        resolve(root)
      }
    })
  })
}

function walkStarts(core: Core): Promise<void> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe((event, payload) => {
      if (event === 'scan.progress' && (payload as Events['scan.progress']).phase === 'walking') {
        stop()
        resolve()
      }
    })
  })
}

async function nasLibrary(
  files: Record<string, string>,
  options: Parameters<typeof testCore>[1] = {},
) {
  const nas = await startSshNas()
  nases.push(nas)
  writeTree(nas.exportDir, files)
  const core = testCore(undefined, options)
  const root = await core.services.roots.add({ path: nas.mountPoint })
  return { nas, core, root }
}

describe.skipIf(!available)('a NAS over sshfs', () => {
  it('is detected as a network root', async () => {
    const { root } = await nasLibrary({ 'a.jpg': 'a' })
    expect(root).toMatchObject({ kind: 'network', kindSource: 'detected' })
  })

  it('turns offline with nothing missing when the share is unmounted mid-scan', async () => {
    const { nas, core, root } = await nasLibrary(tree(100, 40))
    expect(await core.services.scan.scan(root.id)).toMatchObject({
      status: 'completed',
      added: 4000,
    })

    const scanning = core.services.scan.scan(root.id)
    await walkStarts(core)
    nas.unmount()
    const result = await scanning
    expect(result).toMatchObject({ status: 'aborted', missing: 0 })
    expect(core.services.roots.get(root.id).status).toBe('offline')
    expect(core.services.assets.list({ status: 'missing' }).total).toBe(0)

    // Still unmounted: the bare mount point is not an empty library.
    const again = await core.services.scan.scan(root.id)
    expect(again).toMatchObject({ status: 'aborted', missing: 0 })
    expect(again.reason).toMatch(/is not mounted/)
    expect(core.services.assets.list({}).total).toBe(4000)
  })

  it('changes nothing when the share is remounted', async () => {
    const { nas, core, root } = await nasLibrary(tree(5, 20))
    await core.services.scan.scan(root.id)
    const ids = core.services.assets.list({ limit: 1000 }).items.map((a) => a.id)
    nas.unmount()
    nas.mount()
    const result = await core.services.scan.scan(root.id)
    expect(counts(result)).toEqual({
      seen: 100,
      added: 0,
      changed: 0,
      moved: 0,
      missing: 0,
      restored: 0,
    })
    expect(core.services.assets.list({ limit: 1000 }).items.map((a) => a.id)).toEqual(ids)
  })

  it('keeps ids across renames made on the NAS', async () => {
    const { nas, core, root } = await nasLibrary(tree(2, 5))
    await core.services.scan.scan(root.id)
    const before = core.services.assets.list({ query: 'venue-0/slide-3.jpg' }).items[0]!
    renameSync(join(nas.exportDir, 'venue-0'), join(nas.exportDir, 'venue-zero'))
    rmSync(join(nas.exportDir, 'venue-1', 'slide-0.jpg'))
    expect(counts(await core.services.scan.scan(root.id))).toMatchObject({
      moved: 5,
      missing: 1,
      added: 0,
    })
    expect(core.services.assets.list({ query: 'venue-zero/slide-3.jpg' }).items[0]!.id).toBe(
      before.id,
    )
  })

  it('turns offline when the server hangs, keeps the app responsive, and recovers by itself', async () => {
    const { nas, core, root } = await nasLibrary(tree(10, 10), {
      fsTimeoutMs: 3_000,
      watch: { offlineRetryMs: 500, tickMs: 200 },
    })
    await core.services.scan.scan(root.id)

    let stalls: LoopStallProbe | undefined
    try {
      nas.freeze()
      // Watched from here: freeze() itself blocks the loop (it runs pgrep synchronously), and
      // what counts is a stall the app causes, not the time a loaded machine keeps the thread
      // waiting for a CPU.
      stalls = watchLoopStalls()
      const scanning = core.services.scan.scan(root.id)
      const offline = await rootBecomes(core, root.id, (r) => r.status === 'offline')
      expect(offline.statusReason).toMatch(/stopped answering/)
      expect(await scanning).toMatchObject({ status: 'aborted', missing: 0 })
      // The app keeps answering while the share hangs.
      expect(core.services.assets.list({ limit: 5 }).total).toBe(100)
      const late = stalls.netOfLoad
        ? `late by up to ${stalls.worstLateness()} ms, waiting for a CPU included`
        : 'no schedstat here: plain lateness, load included'
      expect(stalls.worst(), late).toBeLessThan(100)

      core.startBackground()
      nas.thaw()
      await rootBecomes(core, root.id, (r) => r.status === 'online')
      expect(core.services.assets.list({ status: 'missing' }).total).toBe(0)
    } finally {
      stalls?.stop()
      nas.thaw()
    }
  })
})

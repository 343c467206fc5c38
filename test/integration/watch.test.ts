import { utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/app'
import type { Events } from '../../src/shared/contract'
import { silentLogger } from '../../src/main/logger'
import {
  DEFAULT_WATCH_SETTINGS,
  LibraryWatchService,
} from '../../src/main/services/library-watch.service'
import { testCore } from '../support/core'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

function nextScan(core: Core, rootId: number): Promise<Events['scan.progress']> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe((event, payload) => {
      const progress = payload as Events['scan.progress']
      if (event === 'scan.progress' && progress.rootId === rootId && progress.phase === 'done') {
        stop()
        resolve(progress)
      }
    })
  })
}

describe('watching', () => {
  it('indexes a file dropped into a local root once it is fully written', async () => {
    const core = testCore(undefined, {
      watch: { debounceMs: 100, writeFinishMs: 300, tickMs: 100 },
    })
    const media = tempDir()
    writeTree(media, { 'a.jpg': 'a' })
    const root = await core.services.roots.add({ path: media })
    const first = nextScan(core, root.id)
    core.startBackground()
    expect(await first).toMatchObject({ added: 1 })

    const second = nextScan(core, root.id)
    writeFileSync(join(media, 'dropped.mp4'), 'new media')
    expect(await second).toMatchObject({ added: 1 })
    expect(core.services.assets.list({ query: 'dropped' }).total).toBe(1)
  })

  it('leaves a file that is still being written to a later scan when watching finds it', async () => {
    const core = testCore(undefined, {
      settleMs: 60_000,
      watch: { debounceMs: 100, writeFinishMs: 300, tickMs: 100 },
    })
    const media = tempDir()
    writeTree(media, { 'old.jpg': 'a' })
    const anHourAgo = new Date(Date.now() - 3_600_000)
    utimesSync(join(media, 'old.jpg'), anHourAgo, anHourAgo)
    const root = await core.services.roots.add({ path: media })
    const first = nextScan(core, root.id)
    core.startBackground()
    expect(await first).toMatchObject({ added: 1 })

    const second = nextScan(core, root.id)
    writeFileSync(join(media, 'copying.mp4'), 'modified a moment ago')
    expect(await second).toMatchObject({ added: 0, missing: 0 })
    expect(core.services.assets.list({ query: 'copying' }).total).toBe(0)

    // A scan the user asks for takes every file, however fresh.
    expect(await core.services.scan.scan(root.id)).toMatchObject({ added: 1 })
    expect(core.services.assets.list({ query: 'copying' }).total).toBe(1)
  })

  it('falls back to periodic rescans, with a notice, when the system runs out of watches', async () => {
    const core = testCore()
    const media = tempDir()
    const root = await core.services.roots.add({ path: media })
    const noWatches = Object.assign(
      new Error('ENOSPC: System limit for number of file watchers reached'),
      {
        code: 'ENOSPC',
      },
    )
    const service = new LibraryWatchService(
      core.services.roots,
      core.services.scan,
      core.events,
      (_path, callbacks) => {
        queueMicrotask(() => callbacks.failed(noWatches, true))
        return { close: async () => {} }
      },
      { ...DEFAULT_WATCH_SETTINGS, networkIntervalMs: 60_000 },
      silentLogger,
    )
    const noticed = new Promise<void>((resolve) => {
      const stop = core.events.subscribe((event, payload) => {
        const r = (payload as Events['roots.changed']).roots?.find((x) => x.id === root.id)
        if (event === 'roots.changed' && r?.notice) {
          stop()
          resolve()
        }
      })
    })
    service.start()
    await noticed
    expect(core.services.roots.get(root.id).notice).toMatch(
      /limit of watched folders .* rescan every 1 min/,
    )
    await service.stop()
  })
})

describe('files a background scan leaves for later', () => {
  it('are indexed once they have settled, with no change to wake the watcher', async () => {
    const core = testCore(undefined, { settleMs: 1000 })
    const media = tempDir()
    // Copied a moment before the folder is added (the usual first step), then left alone. The
    // times lie a few seconds ahead, so however slow the first scan starts, it finds them fresh.
    writeTree(media, { 'just-copied.jpg': 'a', 'also.mp4': 'b' })
    const soon = new Date(Date.now() + 4000)
    for (const name of ['just-copied.jpg', 'also.mp4']) utimesSync(join(media, name), soon, soon)
    const root = await core.services.roots.add({ path: media })
    const first = nextScan(core, root.id)
    core.startBackground()
    expect(await first).toMatchObject({ added: 0 })
    await vi.waitFor(() => expect(core.services.assets.list({ rootId: root.id }).total).toBe(2), {
      timeout: 20_000,
      interval: 200,
    })
  })
})

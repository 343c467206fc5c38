import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { outPath, photoLike } from '../fixtures/media-tools'
import { coreAt } from '../support/core'
import { indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

/** Folders that live for the whole file (tempDir's go after each test). */
const scratch = mkdtempSync(join(tmpdir(), 'marquee-exports-'))
const lasting = (name: string) => join(scratch, name)

let core: Core
const paths: string[] = []
const id = (i: number) => core.services.assets.byPath(paths[i]!).id
const history = () => core.services.bundleHistory.history()

describe('bundles outdated by later changes of their playlists', () => {
  beforeAll(async () => {
    const media = lasting('media')
    for (let i = 0; i < 6; i++) {
      const path = await outPath(media, `slide-${i}.png`)
      await (await photoLike(320, 180, 90 + i)).png().toFile(path)
      paths.push(path)
    }
    core = coreAt(lasting('data'))
    await core.services.roots.add({ path: media })
    await indexAndProcess(core)
    core.services.collections.create('playlist', 'Lobby')
    core.services.collections.add('playlist', 'Lobby', [id(0), id(1), id(2)], 3000)
    core.services.collections.create('album', 'Menus')
    core.services.collections.add('album', 'Menus', [id(4)], null)
  }, 120_000)
  afterAll(async () => {
    await core?.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  it('says what changed: added, replaced, durations, order; then renamed and deleted', async () => {
    const out = join(tempDir(), 'lobby')
    await core.services.exports.run({ source: { playlist: 'Lobby' }, profile: 'fhd-h264', out })
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: out })
    expect(history()[0]).toMatchObject({
      dir: out,
      outdated: false,
      playlists: [{ name: 'Lobby', kind: 'playlist', changes: null, summary: null }],
    })

    const items = core.services.collections.get('playlist', 'Lobby').items
    core.services.collections.add('playlist', 'Lobby', [id(3), id(4)], null)
    core.services.collections.setDuration('Lobby', [items[0]!.id], 8000)
    // What assets.replace does: the item keeps its place and now shows another asset.
    core.db
      .prepare('UPDATE collection_items SET asset_id = ? WHERE id = ?')
      .run(id(5), items[1]!.id)
    expect(history()[0]!.outdated).toBe(true)
    expect(history()[0]!.playlists[0]!.summary).toBe(
      'Lobby: 2 items added, 1 replaced, 1 duration changed',
    )

    core.services.collections.rename('playlist', 'Lobby', 'Lobby west')
    expect(history()[0]!.playlists[0]!.summary).toMatch(/^Lobby: renamed to Lobby west, 2 items/)
    core.services.collections.remove('playlist', 'Lobby west')
    expect(history()[0]!.playlists[0]!.summary).toBe('Lobby: deleted since')
  })

  it('keeps a bundle of a search or of assets without a verdict, and albums ignore order', async () => {
    await core.services.exports.run({
      source: { assetIds: [id(0)] },
      profile: 'fhd-h264',
      out: join(tempDir(), 'one'),
    })
    expect(history()[0]).toMatchObject({ playlists: [], outdated: false })

    await core.services.exports.run({
      source: { album: 'Menus' },
      profile: 'fhd-h264',
      out: join(tempDir(), 'menus'),
    })
    core.services.collections.add('album', 'Menus', [id(1)], null)
    expect(history()[0]!.playlists[0]!.summary).toBe('Menus: 1 item added')
  })
})

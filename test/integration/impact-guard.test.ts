import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { coreAt } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'
import { tempDir } from '../support/temp'

const BUNDLE = '3c1f2a9e-1b2c-4d3e-8f00-0123456789ab'

/**
 * Root Lobby (lobby.jpg, menu.jpg) used by playlists Lobby and Menu Board and by bundle
 * /usb/lobby-2026; root Spare (spare.jpg) used by nothing; album Empty holds spare.jpg only.
 */
async function library() {
  const dataDir = tempDir('marquee-data-')
  const core = coreAt(dataDir)
  const lobbyRoot = insertRoot(core.db, '/library/lobby', 'Lobby')
  const spareRoot = insertRoot(core.db, '/library/spare', 'Spare')
  const [lobby, menu] = insertAssets(core.db, lobbyRoot, [
    { name: 'lobby.jpg', sha256: 'a'.repeat(64) },
    { name: 'menu.jpg', sha256: 'b'.repeat(64) },
  ]) as [number, number]
  const [spare] = insertAssets(core.db, spareRoot, [{ name: 'spare.jpg' }]) as [number]
  for (const [kind, name, ids] of [
    ['playlist', 'Lobby', [lobby]],
    ['playlist', 'Menu Board', [menu]],
    ['album', 'Empty', [spare]],
  ] as const) {
    await core.dispatch('collections.create', { kind, name })
    await core.dispatch('collections.add', { kind, name, assetIds: [...ids] })
  }
  core.db
    .prepare(
      `INSERT INTO bundles (id, name, dir, profile, objects, bytes, copied, skipped, transcoded,
         verified, duration_ms, created_at) VALUES (?, 'Lobby', '/usb/lobby-2026', 'hd', 1, 1, 1, 0, 0, 1, 1, 7)`,
    )
    .run(BUNDLE)
  core.db
    .prepare('INSERT INTO bundle_items (bundle_id, asset_id, object_sha256) VALUES (?, ?, ?)')
    .run(BUNDLE, lobby, 'a'.repeat(64))
  await core.close()
  const run = (...args: string[]) => cli(['--data-dir', dataDir, ...args])
  return { run, dataDir, lobbyRoot, spareRoot }
}

describe('impact before removing a root or deleting a collection', () => {
  it('roots rm names the playlists and bundles that use the root and needs --yes', async () => {
    const { run, lobbyRoot } = await library()
    const refused = await run('roots', 'rm', String(lobbyRoot))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      'marquee: "Lobby" is used by 2 playlists and 1 exported bundle: Lobby, Menu Board, ' +
        'lobby-2026. Nothing was removed; confirm to remove it anyway.\n',
    )
    expect(JSON.parse((await run('roots', 'ls', '--json')).stdout)).toHaveLength(2)
    const removed = await run('roots', 'rm', String(lobbyRoot), '--yes')
    expect(removed.code).toBe(0)
    expect(JSON.parse((await run('roots', 'ls', '--json')).stdout)).toHaveLength(1)
  })

  it('removes a root nothing uses at once, and with --json too', async () => {
    const { run, spareRoot } = await library()
    await run('album', 'rm', 'Empty')
    const removed = await run('roots', 'rm', String(spareRoot), '--json')
    expect(removed.code).toBe(0)
    expect(JSON.parse(removed.stdout)).toEqual({ id: spareRoot })
  })

  it('playlist rm names the bundles its media went into and needs --yes', async () => {
    const { run } = await library()
    const refused = await run('playlist', 'rm', 'Lobby')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      'marquee: The playlist "Lobby" is used by 1 exported bundle: lobby-2026. Nothing was ' +
        'removed; confirm to remove it anyway.\n',
    )
    expect((await run('playlist', 'show', 'Lobby')).code).toBe(0)
    expect((await run('playlist', 'rm', 'Lobby', '--yes')).code).toBe(0)
    expect((await run('playlist', 'show', 'Lobby')).code).toBe(1)
    // Nothing went out from Menu Board: it goes at once.
    expect((await run('playlist', 'rm', 'Menu Board')).code).toBe(0)
  })
})

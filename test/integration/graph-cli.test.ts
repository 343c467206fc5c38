import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { coreAt } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'
import { tempDir } from '../support/temp'

const BUNDLE = '0b6f2a9e-1b2c-4d3e-8f00-0123456789ab'

/** A library on disk (rows only) with one playlist, one bundle and two copies of a file. */
async function library() {
  const dataDir = tempDir('marquee-data-')
  const core = coreAt(dataDir)
  const rootId = insertRoot(core.db, '/library/lobby')
  const [lobby, menu, copy] = insertAssets(core.db, rootId, [
    { name: 'lobby.jpg', sha256: 'a'.repeat(64) },
    { dir: 'Menus', name: 'menu.jpg' },
    { dir: 'Menus', name: 'lobby copy.jpg', sha256: 'a'.repeat(64) },
  ]) as [number, number, number]
  await core.dispatch('collections.create', { kind: 'playlist', name: 'Lobby' })
  await core.dispatch('collections.add', { kind: 'playlist', name: 'Lobby', assetIds: [lobby] })
  core.db
    .prepare(
      `INSERT INTO bundles (id, name, dir, profile, objects, bytes, copied, skipped, transcoded,
         verified, duration_ms, created_at) VALUES (?, 'One', '/usb/one', 'hd', 1, 1, 1, 0, 0, 1, 1, 7)`,
    )
    .run(BUNDLE)
  core.db
    .prepare('INSERT INTO bundle_items (bundle_id, asset_id, object_sha256) VALUES (?, ?, ?)')
    .run(BUNDLE, lobby, 'a'.repeat(64))
  await core.close()
  const run = (...args: string[]) => cli(['--data-dir', dataDir, ...args])
  return { run, rootId, lobby, menu, copy }
}

describe('marquee graph, link and unlink', () => {
  it('prints impact --json in the shape docs/cli.md gives', async () => {
    const { run, lobby, copy } = await library()
    const { code, stdout } = await run('graph', 'impact', '/library/lobby/lobby.jpg', '--json')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      node: `asset:${lobby}`,
      collections: [{ id: 1, name: 'Lobby', kind: 'playlist' }],
      bundles: [{ id: BUNDLE, dir: '/usb/one', createdAt: 7 }],
      integrations: [],
      assets: [{ id: copy, relation: 'duplicate_of' }],
      counts: { collections: 1, bundles: 1, integrations: 0, assets: 1 },
    })
    const text = await run('graph', 'impact', String(lobby))
    expect(text.stdout).toContain('is used by 1 collection(s) and 1 bundle(s)')
    expect(text.stdout).toContain('playlist "Lobby"')
  })

  it('prints neighbours and paths, filtered by relation and depth', async () => {
    const { run, rootId, lobby, menu } = await library()
    const around = await run(
      'graph',
      'neighbours',
      `folder:${rootId}:Menus`,
      '--depth',
      '2',
      '--relation',
      'contains',
      '--json',
    )
    expect(around.code).toBe(0)
    const result = JSON.parse(around.stdout)
    expect(result).toMatchObject({ node: `folder:${rootId}:Menus`, truncated: false })
    expect(result.neighbours).toContainEqual({
      node: `asset:${lobby}`,
      depth: 2,
      from: `root:${rootId}`,
      relation: 'contains',
      direction: 'out',
    })
    const path = await run('graph', 'path', `asset:${menu}`, `bundle:${BUNDLE}`, '--json')
    expect(path.code).toBe(0)
    const steps = JSON.parse(path.stdout).steps
    expect(steps.map((s: { relation: string }) => s.relation)).toHaveLength(4)
    expect(steps.at(-1)).toMatchObject({ to: `bundle:${BUNDLE}`, relation: 'exported_in' })
    const none = await run('graph', 'path', `asset:${menu}`, `bundle:${BUNDLE}`, '--max-depth', '2')
    expect(none).toMatchObject({ code: 1, stdout: expect.stringContaining('No path from') })
  })

  it('links and unlinks with a note, and refuses bad nodes and options as usage errors', async () => {
    const { run, lobby, menu } = await library()
    const linked = await run(
      'link',
      `asset:${menu}`,
      `asset:${lobby}`,
      '--relation',
      'replaces',
      '--note',
      'winter menu',
      '--json',
    )
    expect(linked.code).toBe(0)
    expect(JSON.parse(linked.stdout)).toMatchObject({
      source: `asset:${menu}`,
      target: `asset:${lobby}`,
      relation: 'replaces',
      note: 'winter menu',
    })
    const impact = JSON.parse((await run('graph', 'impact', `asset:${lobby}`, '--json')).stdout)
    expect(impact.assets).toContainEqual({ id: menu, relation: 'replaces' })
    expect(await run('unlink', `asset:${menu}`, `asset:${lobby}`)).toMatchObject({
      code: 0,
      stdout: 'Removed 1 link(s).\n',
    })
    expect((await run('unlink', `asset:${menu}`, `asset:${lobby}`)).code).toBe(1)
    expect((await run('link', `asset:${menu}`, `asset:${lobby}`)).code).toBe(2)
    expect((await run('graph', 'neighbours', 'asset:1', '--depth', '5')).code).toBe(2)
    const bad = await run('graph', 'impact', 'tag:3')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('is not a node')
  })
})

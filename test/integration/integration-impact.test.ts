import { describe, expect, it } from 'vitest'
import { call } from '../../src/main/cli/call'
import { cli } from '../support/cli'
import { coreAt } from '../support/core'
import { tempDir } from '../support/temp'

/** A feed whose live item playlists Lobby and Bar hold; feed Spare is used by nothing. */
async function library() {
  const dataDir = tempDir('marquee-data-')
  const core = coreAt(dataDir)
  // Nothing answers there: these tests never poll.
  const add = (name: string) =>
    call(core, 'integrations.add', { kind: 'feed', name, url: 'http://127.0.0.1:9/menu.json' })
  const menu = await add('Menu')
  const spare = await add('Spare')
  for (const name of ['Lobby', 'Bar']) {
    await call(core, 'collections.create', { kind: 'playlist', name })
    await call(core, 'collections.addItems', {
      name,
      items: [{ kind: 'integration', integrationId: menu.id }],
    })
  }
  const impact = await call(core, 'integrations.impact', { id: menu.id })
  const unused = await call(core, 'integrations.impact', { id: spare.id })
  await core.close()
  const run = (...args: string[]) => cli(['--data-dir', dataDir, ...args])
  return { run, menu: menu.id, spare: spare.id, impact, unused }
}

describe('impact before removing an integration', () => {
  it('lists the playlists that hold its items', async () => {
    const { impact, unused, menu } = await library()
    expect(impact.node).toBe(`integration:${menu}`)
    expect(impact.collections.map((c) => [c.kind, c.name])).toEqual([
      ['playlist', 'Bar'],
      ['playlist', 'Lobby'],
    ])
    expect(impact.counts.collections).toBe(2)
    expect(unused.collections).toEqual([])
  })

  it('integrations rm names them, removes nothing, and needs --yes', async () => {
    const { run, menu } = await library()
    const refused = await run('integrations', 'rm', String(menu))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      'marquee: “Menu” is used by 2 playlists: Bar, Lobby. Nothing was removed; confirm to ' +
        'remove it anyway (its items leave those collections).\n',
    )
    const listed = () => run('integrations', 'ls', '--json').then((r) => JSON.parse(r.stdout))
    expect(await listed()).toHaveLength(2)
    const shown = JSON.parse((await run('playlist', 'show', 'Lobby', '--json')).stdout)
    expect(JSON.stringify(shown)).toContain('"integration"')

    const removed = await run('integrations', 'rm', String(menu), '--yes', '--json')
    expect(removed.code).toBe(0)
    expect(JSON.parse(removed.stdout)).toEqual({ id: menu })
    expect(await listed()).toHaveLength(1)
    // Its items left the playlists with it.
    const after = JSON.parse((await run('playlist', 'show', 'Lobby', '--json')).stdout)
    expect(JSON.stringify(after)).not.toContain('"integration"')
  })

  it('removes an integration nothing uses at once', async () => {
    const { run, spare } = await library()
    const removed = await run('integrations', 'rm', String(spare))
    expect(removed.code).toBe(0)
    expect(removed.stdout).toBe(`Removed integration ${spare}.\n`)
  })
})

import { describe, expect, it } from 'vitest'
import { testCore } from '../support/core'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

async function library() {
  const core = testCore()
  const media = tempDir()
  writeTree(media, { 'a.jpg': 'a', 'b.jpg': 'b', 'c.jpg': 'c', 'd.jpg': 'd', 'e.jpg': 'e' })
  const root = await core.services.roots.add({ path: media })
  await core.services.scan.scan(root.id)
  const rows = core.services.assets.list({}).items
  const ids = Object.fromEntries(rows.map((a) => [a.name, a.id])) as Record<string, number>
  // The collage and cover are drawn from content hashes; give each asset one.
  for (const a of rows)
    core.db.prepare('UPDATE assets SET sha256 = ? WHERE id = ?').run(a.name.repeat(8), a.id)
  return { core, ids, rootId: root.id }
}

const hash = (name: string) => name.repeat(8)

describe('albums inside albums', () => {
  it('nests an album under another and lists the parent of each', async () => {
    const { core } = await library()
    const c = core.services.collections
    c.create('album', 'Venues')
    c.create('album', 'Lobby')
    c.create('album', 'Lobby 2024')
    await core.dispatch('collections.move', { name: 'Lobby', parent: 'Venues' })
    const moved = await core.dispatch('collections.move', { name: 'Lobby 2024', parent: 'Lobby' })
    const byName = Object.fromEntries(c.list('album').map((a) => [a.name, a]))
    expect(moved).toMatchObject({ ok: true, result: { name: 'Lobby 2024' } })
    expect(byName['Lobby']!.parentId).toBe(byName['Venues']!.id)
    expect(byName['Lobby 2024']!.parentId).toBe(byName['Lobby']!.id)
    expect(byName['Venues']!.parentId).toBeNull()
    core.services.albums.move('Lobby', null)
    expect(c.list('album').find((a) => a.name === 'Lobby')!.parentId).toBeNull()
  })

  it('refuses to put an album inside itself or inside one of its own sub-albums', async () => {
    const { core } = await library()
    const c = core.services.collections
    for (const name of ['A', 'B', 'C']) c.create('album', name)
    core.services.albums.move('B', 'A')
    core.services.albums.move('C', 'B')
    expect(() => core.services.albums.move('A', 'A')).toThrow(/cannot go inside itself/)
    expect(() => core.services.albums.move('A', 'C')).toThrow(
      /"A" cannot go inside "C": "C" is already inside it/,
    )
    expect(await core.dispatch('collections.move', { name: 'A', parent: 'B' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    // Nothing changed: A is still at the top.
    expect(c.list('album').find((a) => a.name === 'A')!.parentId).toBeNull()
  })

  it('refuses to nest playlists', async () => {
    const { core } = await library()
    core.services.collections.create('playlist', 'Loop')
    core.services.collections.create('album', 'Venues')
    expect(() => core.services.albums.move('Loop', 'Venues')).toThrow(/no album called "Loop"/)
  })

  it('moves the sub-albums of a deleted album up one level', async () => {
    const { core } = await library()
    const c = core.services.collections
    for (const name of ['Top', 'Middle', 'Leaf']) c.create('album', name)
    core.services.albums.move('Middle', 'Top')
    core.services.albums.move('Leaf', 'Middle')
    c.remove('album', 'Middle')
    const top = c.list('album').find((a) => a.name === 'Top')!
    expect(c.list('album').find((a) => a.name === 'Leaf')!.parentId).toBe(top.id)
  })
})

describe('covers and collages', () => {
  it('shows the first item as the cover until one is chosen, and the first four in the collage', async () => {
    const { core, ids } = await library()
    const c = core.services.collections
    c.create('album', 'Summer')
    c.add(
      'album',
      'Summer',
      ['e.jpg', 'b.jpg', 'c.jpg', 'a.jpg', 'd.jpg'].map((n) => ids[n]!),
      null,
    )
    let summer = c.list('album')[0]!
    expect(summer.coverSha256).toBe(hash('e.jpg'))
    expect(summer.coverAssetId).toBeNull()
    expect(summer.preview).toEqual(['e.jpg', 'b.jpg', 'c.jpg', 'a.jpg'].map(hash))

    summer = core.services.albums.setCover('album', 'Summer', ids['d.jpg']!)
    expect(summer).toMatchObject({ coverAssetId: ids['d.jpg'], coverSha256: hash('d.jpg') })
    expect(c.get('album', 'Summer').coverSha256).toBe(hash('d.jpg'))
  })

  it('refuses a cover the album does not hold, and falls back to the first item when the cover leaves', async () => {
    const { core, ids } = await library()
    const c = core.services.collections
    c.create('album', 'Summer')
    const detail = c.add('album', 'Summer', [ids['a.jpg']!, ids['b.jpg']!], null)
    expect(() => core.services.albums.setCover('album', 'Summer', ids['c.jpg']!)).toThrow(
      /does not hold asset/,
    )
    core.services.albums.setCover('album', 'Summer', ids['b.jpg']!)
    const b = detail.items.find((i) => i.assetId === ids['b.jpg'])!
    c.removeItems('album', 'Summer', [b.id])
    expect(c.list('album')[0]!.coverSha256).toBe(hash('a.jpg'))
    core.services.albums.setCover('album', 'Summer', null)
    expect(c.list('album')[0]!.coverAssetId).toBeNull()
  })

  it("draws a parent album's collage from its sub-albums when it holds nothing itself", async () => {
    const { core, ids } = await library()
    const c = core.services.collections
    c.create('album', 'Venues')
    c.create('album', 'Lobby')
    c.add('album', 'Lobby', [ids['c.jpg']!, ids['a.jpg']!], null)
    core.services.albums.move('Lobby', 'Venues')
    const venues = c.list('album').find((a) => a.name === 'Venues')!
    expect(venues.preview).toEqual([hash('c.jpg'), hash('a.jpg')])
    expect(venues.coverSha256).toBe(hash('c.jpg'))
  })
})

describe('adding a gallery selection', () => {
  it('adds a select-all query in the gallery order without listing ids, skipping what an album holds', async () => {
    const { core, ids, rootId } = await library()
    const c = core.services.collections
    c.create('album', 'All')
    c.add('album', 'All', [ids['c.jpg']!], null)
    const answer = await core.dispatch('collections.addSelection', {
      kind: 'album',
      name: 'All',
      selection: { query: { rootId, sort: 'name' }, exceptIds: [ids['e.jpg']!] },
    })
    expect(answer).toMatchObject({ ok: true, result: { added: 3, collection: { itemCount: 4 } } })
    expect(c.get('album', 'All').items.map((i) => i.name)).toEqual([
      'c.jpg',
      'a.jpg',
      'b.jpg',
      'd.jpg',
    ])
  })

  it('appends a query to a playlist in the order the gallery shows, with a duration', async () => {
    const { core, rootId } = await library()
    const c = core.services.collections
    c.create('playlist', 'Loop')
    const { added } = c.addSelection(
      'playlist',
      'Loop',
      { query: { rootId, sort: 'name', desc: true } },
      5000,
    )
    expect(added).toBe(5)
    const items = c.get('playlist', 'Loop').items
    expect(items.map((i) => i.name)).toEqual(['e.jpg', 'd.jpg', 'c.jpg', 'b.jpg', 'a.jpg'])
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5])
    expect(items.every((i) => i.durationMs === 5000)).toBe(true)
  })

  it('adds an id selection in the order given', async () => {
    const { core, ids } = await library()
    const c = core.services.collections
    c.create('playlist', 'Loop')
    c.addSelection('playlist', 'Loop', { ids: [ids['d.jpg']!, ids['a.jpg']!] }, null)
    expect(c.get('playlist', 'Loop').items.map((i) => i.name)).toEqual(['d.jpg', 'a.jpg'])
  })
})

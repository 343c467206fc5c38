import { describe, expect, it, vi } from 'vitest'
import type { MethodArgs, MethodName, MethodResult } from '../../src/shared/contract'
import { GALLERY_SORTS, type AssetChange, type AssetRow } from '../../src/shared/domain'
import { basename } from 'node:path'
import { GalleryRepository } from '../../src/main/repositories/gallery.repository'
import { largePhotos } from '../fixtures/media'
import { testCore } from '../support/core'
import { indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'
import { insertAssets, insertRoot, type RowSpec } from '../support/library-rows'

type Core = ReturnType<typeof testCore>

async function call<M extends MethodName>(
  core: Core,
  method: M,
  args: MethodArgs<M>,
): Promise<MethodResult<M>> {
  const response = await core.dispatch(method, args)
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`)
  return response.result as MethodResult<M>
}

/** 60 assets in three folders, with varied names, sizes, dates, types and ratings. */
function library(): { core: Core; rootId: number; ids: number[] } {
  const core = testCore()
  const rootId = insertRoot(core.db)
  const specs: RowSpec[] = Array.from({ length: 60 }, (_, i) => ({
    dir: ['', 'Menus', 'Menus/Summer'][i % 3],
    name: `${['lobby', 'Menu', 'promo', 'Zebra'][i % 4]}-${String(i).padStart(2, '0')}.${i % 5 === 0 ? 'mp4' : 'jpg'}`,
    type: i % 5 === 0 ? 'video' : 'image',
    status: i % 7 === 0 ? 'failed' : 'ready',
    size: ((i * 7919) % 100) * 1000,
    mtimeMs: Date.UTC(2026, i % 12, 1 + (i % 27)),
    takenMs: i % 4 === 0 ? Date.UTC(2020, i % 12, 15) : null,
    width: 1920,
    height: i % 2 ? 1080 : 2160,
    durationMs: i % 5 === 0 ? (i + 1) * 1000 : null,
    rating: i % 6 === 0 ? null : i % 6,
  }))
  return { core, rootId, ids: insertAssets(core.db, rootId, specs) }
}

async function everything(core: Core, query: MethodArgs<'assets.page'>): Promise<AssetRow[]> {
  const rows: AssetRow[] = []
  let after: string | undefined
  for (;;) {
    const page = await call(core, 'assets.page', { ...query, after, limit: 7 })
    rows.push(...page.items)
    if (!page.next) return rows
    after = page.next
  }
}

describe('the gallery queries', () => {
  it('pages through every order with cursors: each asset once, in order, both directions', async () => {
    const { core } = library()
    for (const sort of GALLERY_SORTS) {
      for (const desc of [false, true]) {
        const rows = await everything(core, { sort, desc })
        expect(new Set(rows.map((r) => r.id)).size).toBe(60)
        const keyOf = (r: AssetRow): Array<string | number> => {
          const k: Record<typeof sort, Array<string | number>> = {
            name: [r.name.toLowerCase(), r.id],
            date: [r.dateMs, r.id],
            size: [r.size, r.id],
            duration: [r.durationMs ?? -1, r.id],
            type: [r.type, r.name.toLowerCase(), r.id],
            rating: [r.rating ?? -1, r.id],
            added: [r.id],
          }
          return k[sort]
        }
        const compare = (a: AssetRow, b: AssetRow): number => {
          const [x, y] = [keyOf(a), keyOf(b)]
          for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1
          return 0
        }
        const expected = [...rows].sort((a, b) => (desc ? compare(b, a) : compare(a, b)))
        expect(
          rows.map((r) => r.id),
          `${sort} ${desc ? 'desc' : 'asc'}`,
        ).toEqual(expected.map((r) => r.id))
      }
    }
  })

  it('jumps to any position with an offset, and says where an asset is in a query', async () => {
    const { core } = library()
    const all = await everything(core, { sort: 'size' })
    const page = await call(core, 'assets.page', { sort: 'size', offset: 33, limit: 5 })
    expect(page.items.map((r) => r.id)).toEqual(all.slice(33, 38).map((r) => r.id))
    expect(page.total).toBe(60)
    const { index } = await call(core, 'assets.indexOf', { sort: 'size', id: all[41]!.id })
    expect(index).toBe(41)
    const none = await call(core, 'assets.indexOf', {
      types: ['video'],
      id: all.find((r) => r.type === 'image')!.id,
    })
    expect(none.index).toBeNull()
  })

  it('filters by folder (with or without subfolders), type, status, size, rating and date', async () => {
    const { core, rootId } = library()
    const count = async (q: MethodArgs<'assets.page'>): Promise<number> =>
      (await call(core, 'assets.page', { ...q, limit: 1 })).total!
    expect(await count({ rootId, folder: 'Menus' })).toBe(40)
    expect(await count({ rootId, folder: 'Menus', recursive: false })).toBe(20)
    expect(await count({ rootId, folder: '', recursive: false })).toBe(20)
    expect(await count({ types: ['video'] })).toBe(12)
    expect(await count({ statuses: ['failed'] })).toBe(9)
    expect(await count({ orientation: 'portrait' })).toBe(30)
    expect(await count({ minRating: 4 })).toBe(20)
    expect(await count({ minDurationMs: 30_000 })).toBe(6)
    expect(await count({ from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 11, 31) })).toBe(15)
    const rows = await everything(core, { rootId, folder: 'Menus/Summer', types: ['image'] })
    expect(rows.every((r) => r.dir === 'Menus/Summer' && r.type === 'image')).toBe(true)
  })

  it('refuses a folder without its root and a cursor of another order, in a sentence', async () => {
    const { core } = library()
    const folder = await core.dispatch('assets.page', { folder: 'Menus' })
    expect(folder).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const page = await call(core, 'assets.page', { sort: 'name', limit: 5 })
    const wrong = await core.dispatch('assets.page', { sort: 'size', after: page.next! })
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('another sort order') },
    })
  })

  it('searches names, folders, titles and camera metadata as typed, by word prefix', async () => {
    const { core, rootId } = library()
    const [canon] = insertAssets(core.db, rootId, [
      { name: 'IMG_0001.JPG', dir: 'Café', metadata: { exif: { Make: 'Canon', Model: 'EOS R5' } } },
    ])
    await call(core, 'assets.update', { selection: { ids: [canon!] }, title: 'Grand opening' })
    const ids = async (text: string): Promise<number[]> =>
      (await everything(core, { text })).map((r) => r.id)
    expect(await ids('eos r5')).toEqual([canon])
    expect(await ids('cafe')).toEqual([canon])
    expect(await ids('grand OPEN')).toEqual([canon])
    expect((await ids('summer')).length).toBe(20)
    expect((await ids('zeb')).length).toBe(15)
    expect(await ids('"*')).toEqual([])
    // Renaming (a move the scanner records) is searchable at once.
    core.db.prepare('UPDATE assets SET name = ? WHERE id = ?').run('ribbon.jpg', canon)
    expect(await ids('ribbon')).toEqual([canon])
    expect(await ids('IMG_0001')).toEqual([])
  })

  it('tags a whole query minus some ids in one call, finds them by tag, and untags', async () => {
    const { core, ids } = library()
    const result = await call(core, 'tags.apply', {
      selection: { query: { types: ['image'] }, exceptIds: [ids[1]!] },
      add: ['Lobby screens', 'summer'],
    })
    expect(result.changed).toBe(47 * 2)
    const lobby = result.tags.find((t) => t.name === 'Lobby screens')!
    expect(lobby.count).toBe(47)
    const tagged = await everything(core, { tagIds: [lobby.id] })
    expect(tagged.length).toBe(47)
    expect(tagged.every((r) => r.tagIds.includes(lobby.id))).toBe(true)
    expect((await everything(core, { text: 'lobby scr' })).length).toBe(47)
    const asset = await call(core, 'assets.get', { id: ids[2]! })
    expect(asset.tags.map((t) => t.name)).toEqual(['Lobby screens', 'summer'])
    await call(core, 'tags.apply', { selection: { ids: [ids[2]!] }, remove: ['LOBBY SCREENS'] })
    expect((await call(core, 'assets.get', { id: ids[2]! })).tags.map((t) => t.name)).toEqual([
      'summer',
    ])
    const empty = await core.dispatch('tags.apply', { selection: { ids: [ids[0]!] } })
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('rates and describes a selection; the full record carries it', async () => {
    const { core, ids } = library()
    const { updated } = await call(core, 'assets.update', {
      selection: { query: { statuses: ['failed'] } },
      rating: 5,
      description: 'Check the colours',
    })
    expect(updated).toBe(9)
    expect(await call(core, 'assets.get', { id: ids[7]! })).toMatchObject({
      rating: 5,
      description: 'Check the colours',
    })
    // Ten were rated 5 already; one of them failed too.
    expect((await everything(core, { minRating: 5 })).length).toBe(18)
  })

  it('counts groups by folder and by month in the order of the pages', async () => {
    const { core, rootId } = library()
    const folders = await call(core, 'assets.groups', { by: 'folder' })
    expect(folders.map((g) => [g.key, g.label, g.count])).toEqual([
      [`${rootId}:`, 'Lobby', 20],
      [`${rootId}:Menus`, 'Lobby/Menus', 20],
      [`${rootId}:Menus/Summer`, 'Lobby/Menus/Summer', 20],
    ])
    const rows = await everything(core, { group: 'folder' })
    expect(rows.slice(0, 20).every((r) => r.dir === '')).toBe(true)
    expect(rows.slice(20, 40).every((r) => r.dir === 'Menus')).toBe(true)
    const months = await call(core, 'assets.groups', { by: 'month' })
    expect(months.reduce((n, g) => n + g.count, 0)).toBe(60)
    expect(months.map((g) => g.key)).toEqual([...months.map((g) => g.key)].sort().reverse())
    // A query matching many rows counts month by month on the date index: the same answer.
    const byRange = new GalleryRepository(core.db).groups({}, null, 'month', false)
    expect(byRange.map((g) => [g.key, g.count])).toEqual(months.map((g) => [g.key, g.count]))
    const byMonth = await everything(core, { group: 'month' })
    let at = 0
    for (const group of months) {
      const slice = byMonth.slice(at, at + group.count)
      expect(slice.every((r) => new Date(r.dateMs).toISOString().startsWith(group.key))).toBe(true)
      at += group.count
    }
  })

  it('answers statistics and the folder tree with counts', async () => {
    const { core, rootId } = library()
    const stats = await call(core, 'assets.stats', { rootId })
    expect(stats).toMatchObject({
      total: 60,
      byStatus: { ready: 51, failed: 9 },
      byType: { image: 48, video: 12 },
      byRoot: { [rootId]: 60 },
      byFolder: { '': 20, Menus: 20, 'Menus/Summer': 20 },
    })
    const tree = await call(core, 'folders.tree', { rootId })
    expect(tree).toMatchObject({
      path: '',
      name: 'Lobby',
      own: 20,
      total: 60,
      children: [
        {
          path: 'Menus',
          own: 20,
          total: 40,
          children: [{ path: 'Menus/Summer', name: 'Summer', total: 20 }],
        },
      ],
    })
  })

  it('keeps the folder tree until assets are added or removed', async () => {
    const { core, rootId } = library()
    expect((await call(core, 'folders.tree', { rootId })).total).toBe(60)
    insertAssets(core.db, rootId, [{ name: 'new.jpg', dir: 'Inbox' }])
    expect((await call(core, 'folders.tree', { rootId })).total).toBe(60)
    core.events.emit('scan.progress', {
      rootId,
      phase: 'done',
      seen: 61,
      added: 1,
      changed: 0,
      moved: 0,
      missing: 0,
      restored: 0,
      rate: 0,
    })
    await vi.waitFor(
      async () => expect((await call(core, 'folders.tree', { rootId })).total).toBe(61),
      { timeout: 10_000 },
    )
  })

  it('lists the ids of a selection and removes a selection from the library only', async () => {
    const { core, ids } = library()
    const videos = await call(core, 'assets.ids', {
      selection: { query: { types: ['video'], sort: 'added' } },
    })
    expect(videos).toEqual(ids.filter((_, i) => i % 5 === 0))
    const { removed } = await call(core, 'assets.remove', {
      selection: { query: { types: ['video'] }, exceptIds: [ids[0]!] },
    })
    expect(removed.length).toBe(11)
    expect((await call(core, 'assets.page', { limit: 1 })).total).toBe(49)
  })
})

describe('the gallery over processed files', () => {
  it('sorts photos by the date they were taken, shows their variants, and finds them by camera', async () => {
    const dir = tempDir('marquee-gallery-root-')
    const [photo] = await largePhotos(dir, 1, 0.3)
    const core = testCore()
    const told = new Set<number>()
    core.events.subscribe((event, payload) => {
      if (event === 'assets.changed') (payload as AssetChange).changed.forEach((id) => told.add(id))
    })
    await core.services.roots.add({ path: dir })
    await indexAndProcess(core)
    const page = await call(core, 'assets.page', { sort: 'date' })
    expect(page.items).toHaveLength(1)
    const row = page.items[0]!
    expect(row.name).toBe(basename(photo!))
    // Taken 2024-05-01 09:00 (a date without a zone is local time); the file is from today.
    expect(new Date(row.dateMs).getFullYear()).toBe(2024)
    expect(row.dateMs).toBeLessThan(row.mtimeMs)
    expect(row.variants.sort()).toEqual(['large', 'medium', 'small'])
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/)
    const found = await call(core, 'assets.page', { text: 'fixture camera' })
    expect(found.items.map((r) => r.id)).toEqual([row.id])
    // Each finished step was announced, so an open gallery redraws the tile.
    await vi.waitFor(() => expect(told.has(row.id)).toBe(true), { timeout: 10_000 })
  })
})

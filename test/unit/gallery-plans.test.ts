import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { GalleryRepository, type PageRequest } from '../../src/main/repositories/gallery.repository'
import type { GalleryQuery } from '../../src/shared/domain'
import { GALLERY_SORTS } from '../../src/shared/domain'
import { coreAt } from '../support/core'
import { tempDir } from '../support/temp'
import { insertAssets, insertRoot } from '../support/library-rows'

interface PlanRow {
  id: number
  parent: number
  detail: string
}

/** Every filter the gallery's filter bar, sidebar and search can set, one at a time and mixed. */
const FILTERS: GalleryQuery[] = [
  {},
  { rootId: 1 },
  { rootId: 1, folder: 'Menus' },
  { rootId: 1, folder: 'Menus', recursive: false },
  { types: ['video'] },
  { types: ['image', 'video'], statuses: ['ready'] },
  { statuses: ['failed'] },
  { orientation: 'portrait', minWidth: 1000 },
  { minDurationMs: 1000, maxDurationMs: 60_000 },
  { from: 0, to: 2_000_000_000_000 },
  { tagIds: [1] },
  { minRating: 3 },
  { duplicates: true },
  { text: 'lobby summer' },
  { color: '#d01020' },
  { color: '#808080', colorDistance: 40, types: ['image'] },
  { integrity: 'changed' },
  { rootId: 1, types: ['image'], text: 'promo', tagIds: [1], minRating: 1 },
]

function plan(core: Core, sql: string, params: object): PlanRow[] {
  return core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as PlanRow[]
}

/**
 * A table read from start to end without an index: what must never happen. The one exception
 * is `assets` in id order ("added"): the table's own b-tree is the id index, walked in order.
 */
const fullScans = (rows: PlanRow[], query: GalleryQuery): string[] =>
  rows
    .map((r) => r.detail)
    .filter((d) => /^SCAN \w+$/.test(d) && !(d === 'SCAN a' && query.sort === 'added'))

describe('the query plans of the gallery', () => {
  let core: Core
  let gallery: GalleryRepository
  beforeAll(() => {
    core = coreAt(tempDir('marquee-plans-'))
    const rootId = insertRoot(core.db)
    insertAssets(core.db, rootId, [
      { name: 'a.jpg' },
      { name: 'b.mp4', dir: 'Menus', type: 'video' },
    ])
    gallery = new GalleryRepository(core.db)
  })
  afterAll(() => core.close())

  const requests = (): Array<{ label: string; request: PageRequest }> => {
    const out: Array<{ label: string; request: PageRequest }> = []
    for (const filter of FILTERS)
      for (const sort of GALLERY_SORTS)
        for (const desc of [false, true])
          for (const selective of [true, false]) {
            const query = { ...filter, sort, desc }
            const label = `${JSON.stringify(query)} selective=${selective}`
            const keys = { name: 2, date: 2, size: 2, duration: 2, type: 3, rating: 2, added: 1 }
            const after = Array.from({ length: keys[sort] }, (_, i) => (i === 0 ? 'x' : 1))
            out.push({ label, request: { query, similarIds: null, limit: 200, selective } })
            out.push({
              label: `${label} after`,
              request: { query, similarIds: null, limit: 200, selective, after },
            })
            out.push({
              label: `${label} offset`,
              request: { query, similarIds: null, limit: 200, selective, offset: 5000 },
            })
          }
    for (const group of ['folder', 'month'] as const)
      out.push({
        label: group,
        request: { query: { group }, similarIds: null, limit: 200, selective: false },
      })
    return out
  }

  it('never reads a table without an index, for every filter, order and paging', () => {
    for (const { label, request } of requests()) {
      const { sql, params } = gallery.pageSql(request)
      expect(fullScans(plan(core, sql, params), request.query), label).toEqual([])
    }
    for (const filter of FILTERS) {
      const { sql, params } = gallery.countSql(filter, null)
      expect(fullScans(plan(core, sql, params), filter), `count ${JSON.stringify(filter)}`).toEqual(
        [],
      )
    }
  })

  it('walks the order’s index when a filter matches many rows: no page sorts the library', () => {
    for (const { label, request } of requests()) {
      if (request.selective) continue
      const { sql, params } = gallery.pageSql(request)
      const rows = plan(core, sql, params)
      // A jump sorts its own page of 200 rows once they are found (the outermost ORDER BY);
      // nothing inside may sort.
      const sorts = rows.filter((r) => r.detail.startsWith('USE TEMP B-TREE'))
      const allowed = request.offset ? sorts.filter((r) => r.parent === 0) : []
      expect(sorts, label).toEqual(allowed)
    }
  })

  it('reads the index of the filter when it matches few rows', () => {
    const folder = gallery.pageSql({
      query: { rootId: 1, folder: 'Menus', sort: 'name' },
      similarIds: null,
      limit: 200,
      selective: true,
    })
    const details = plan(core, folder.sql, folder.params).map((r) => r.detail)
    expect(details[0]).toMatch(
      /^SEARCH a USING INDEX assets_root_dir_name \(root_id=\? AND dir>\? AND dir<\?\)/,
    )
  })
})

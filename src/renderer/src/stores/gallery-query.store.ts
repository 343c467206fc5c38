import { createMemo, createSignal } from 'solid-js'
import type { AssetStatus, AssetType, GalleryQuery, GallerySortKey } from '../../../shared/domain'
import type { RouterStore } from './router.store'
import type { SearchStore } from './search.store'

export type Zoom = 'small' | 'medium' | 'large'
export type Grouping = 'none' | 'folder' | 'month'
export type Arrangement = 'grid' | 'justified'

export const ZOOMS: readonly Zoom[] = ['small', 'medium', 'large']

/** Tile sizes to aim for at each zoom (the grid picks the thumbnail that covers them). */
export const TILE_SIZE: Record<Zoom, number> = { small: 120, medium: 200, large: 320 }

/** Statuses grouped the way people think of them. */
export const STATUS_FILTERS = {
  ready: ['ready'],
  waiting: ['discovered', 'queued', 'processing'],
  failed: ['failed'],
  missing: ['missing'],
} as const satisfies Record<string, readonly AssetStatus[]>
export type StatusFilter = keyof typeof STATUS_FILTERS

export interface Filters {
  type: AssetType | null
  status: StatusFilter | null
  orientation: GalleryQuery['orientation'] | null
  minRating: number | null
  tagId: number | null
  duplicates: boolean
  /** `#rrggbb`: a palette colour near this one. */
  color: string | null
  /** Only files whose bytes changed on disk (the bitrot check's finding). */
  changedOnDisk: boolean
}

export const NO_FILTERS: Filters = {
  type: null,
  status: null,
  orientation: null,
  minRating: null,
  tagId: null,
  duplicates: false,
  color: null,
  changedOnDisk: false,
}

/**
 * What the gallery shows and how: the scope comes from the URL (root, folder), the text from the
 * search field, the rest from the filter bar. `query()` is one memo, compared by value, so the
 * gallery refetches only when the question really changed.
 */
export function createGalleryQueryStore(router: RouterStore, search: SearchStore) {
  const [filters, setFilters] = createSignal<Filters>(NO_FILTERS)
  const [sort, setSort] = createSignal<GallerySortKey>('date')
  const [desc, setDesc] = createSignal(true)
  const [grouping, setGroupingSignal] = createSignal<Grouping>('none')
  const [zoom, setZoom] = createSignal<Zoom>('medium')
  const [arrangement, setArrangement] = createSignal<Arrangement>('grid')

  const query = createMemo<GalleryQuery>(
    () => {
      const scope = router.scope() ?? {}
      const f = filters()
      const q: GalleryQuery = { sort: sort(), desc: desc() }
      const group = grouping()
      // The core orders a grouped query by its groups, so their headers stay contiguous.
      if (group !== 'none') q.group = group
      if (scope.rootId !== undefined) q.rootId = scope.rootId
      if (scope.folder) q.folder = scope.folder
      if (f.type) q.types = [f.type]
      if (f.status) q.statuses = [...STATUS_FILTERS[f.status]]
      if (f.orientation) q.orientation = f.orientation
      if (f.minRating) q.minRating = f.minRating
      if (f.tagId !== null) q.tagIds = [f.tagId]
      if (f.duplicates) q.duplicates = true
      if (f.color) q.color = f.color
      if (f.changedOnDisk) q.integrity = 'changed'
      const text = search.text().trim()
      if (text) q.text = text
      return q
    },
    {},
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  )

  const zoomBy = (step: 1 | -1): void => {
    const next = ZOOMS[ZOOMS.indexOf(zoom()) + step]
    if (next) setZoom(next)
  }

  return {
    query,
    filters,
    setFilter: <K extends keyof Filters>(key: K, value: Filters[K]) =>
      setFilters((f) => ({ ...f, [key]: value })),
    clearFilters: () => setFilters(NO_FILTERS),
    hasFilters: () => JSON.stringify(filters()) !== JSON.stringify(NO_FILTERS),
    sort,
    setSort,
    desc,
    setDesc,
    grouping,
    setGrouping: setGroupingSignal,
    zoom,
    setZoom,
    zoomIn: () => zoomBy(1),
    zoomOut: () => zoomBy(-1),
    arrangement,
    setArrangement,
  }
}

export type GalleryQueryStore = ReturnType<typeof createGalleryQueryStore>

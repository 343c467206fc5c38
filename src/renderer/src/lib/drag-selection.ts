import type { GalleryQuery, Selection } from '../../../shared/domain'
import { compact, countOf, isSelected, type SelectionModel } from './gallery-selection'

/** What a drag of gallery tiles carries (see gallery-drag.ts). */
export interface GalleryDrag {
  count: number
  /** Null when the ranges are too long to spell out now: the gallery's selection is resolved on drop. */
  selection: Selection | null
}

/** Ranges longer than this are resolved on drop rather than listed at drag start. */
const MAX_LISTED = 5000

/** What a drag of the tile at `index` carries: the selection it is part of, else the tile. */
export function dragOfTile(
  model: SelectionModel,
  query: GalleryQuery,
  total: number,
  index: number,
  id: number,
  idAt: (index: number) => number | undefined,
): GalleryDrag {
  if (!isSelected(model, index, id)) return { count: 1, selection: { ids: [id] } }
  const count = countOf(model, total)
  const m = compact(model, total)
  if (m.all) return { count, selection: { query, exceptIds: [...m.removed.keys()] } }
  const ids = new Set<number>()
  let listed = 0
  for (const [a, b] of m.ranges) {
    for (let i = a; i <= Math.min(b, total - 1); i++) {
      const at = idAt(i)
      if (at === undefined || ++listed > MAX_LISTED) return { count, selection: null }
      ids.add(at)
    }
  }
  for (const removed of m.removed.keys()) ids.delete(removed)
  for (const added of m.added.keys()) ids.add(added)
  return { count, selection: { ids: [...ids] } }
}

/**
 * What is selected in the gallery, without a list of a million ids: select-all is a flag, ranges
 * (shift-click, rubber band) are index intervals of the query, single toggles are ids. Only an
 * action turns it into the contract's `Selection` (a query minus exceptions, or ids).
 */
import type { GalleryQuery, Selection } from '../../../shared/domain'

export type Range = readonly [number, number]

export interface SelectionModel {
  /** Every asset of the query, except `removed`. */
  readonly all: boolean
  /** Inclusive index ranges, sorted and disjoint. */
  readonly ranges: readonly Range[]
  /** Selected outside the ranges: id → its index when it was picked. */
  readonly added: ReadonlyMap<number, number>
  /** Deselected inside the ranges (or from select-all): id → index. */
  readonly removed: ReadonlyMap<number, number>
}

export const NOTHING: SelectionModel = {
  all: false,
  ranges: [],
  added: new Map(),
  removed: new Map(),
}

export const EVERYTHING: SelectionModel = { ...NOTHING, all: true }

/** Sorts and merges overlapping or touching ranges. */
export function normalize(ranges: readonly Range[]): Range[] {
  const sorted = ranges
    .map(([a, b]) => (a <= b ? ([a, b] as const) : ([b, a] as const)))
    .sort((x, y) => x[0] - y[0])
  const out: Array<[number, number]> = []
  for (const [a, b] of sorted) {
    const last = out.at(-1)
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b)
    else out.push([a, b])
  }
  return out
}

export function inRanges(ranges: readonly Range[], index: number): boolean {
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [a, b] = ranges[mid]!
    if (index < a) hi = mid - 1
    else if (index > b) lo = mid + 1
    else return true
  }
  return false
}

export function isSelected(model: SelectionModel, index: number, id: number | undefined): boolean {
  if (id !== undefined && model.removed.has(id)) return false
  if (model.all || inRanges(model.ranges, index)) return true
  return id !== undefined && model.added.has(id)
}

export function isEmpty(model: SelectionModel): boolean {
  return !model.all && model.ranges.length === 0 && model.added.size === 0
}

export function countOf(model: SelectionModel, total: number): number {
  if (model.all) return Math.max(0, total - model.removed.size)
  let count = 0
  for (const [a, b] of model.ranges) count += Math.min(b, total - 1) - a + 1
  for (const index of model.added.values()) if (!inRanges(model.ranges, index)) count++
  for (const index of model.removed.values()) if (inRanges(model.ranges, index)) count--
  return Math.max(0, count)
}

export function only(index: number): SelectionModel {
  return { ...NOTHING, ranges: [[index, index]] }
}

/** Ctrl/Cmd-click: flips one asset, leaving the rest as it was. */
export function toggle(model: SelectionModel, index: number, id: number): SelectionModel {
  const added = new Map(model.added)
  const removed = new Map(model.removed)
  const covered = model.all || inRanges(model.ranges, index)
  if (isSelected(model, index, id)) {
    added.delete(id)
    if (covered) removed.set(id, index)
  } else {
    removed.delete(id)
    if (!covered) added.set(id, index)
  }
  return { ...model, added, removed }
}

/**
 * Adds index ranges (a shift-click range, a rubber band). Ids deselected inside them are
 * selected again, as the user just swept over them.
 */
export function withRanges(model: SelectionModel, ranges: readonly Range[]): SelectionModel {
  if (model.all || ranges.length === 0) return model
  const swept = normalize(ranges)
  const merged = normalize([...model.ranges, ...swept])
  const removed = new Map([...model.removed].filter(([, index]) => !inRanges(swept, index)))
  return { ...model, ranges: merged, removed }
}

/** A range that covers the whole query is select-all. */
export function compact(model: SelectionModel, total: number): SelectionModel {
  const [first] = model.ranges
  if (model.ranges.length === 1 && first && first[0] <= 0 && first[1] >= total - 1 && total > 0) {
    return { ...EVERYTHING, removed: model.removed }
  }
  return model
}

/**
 * The selection as the contract takes it. `idsIn(a, b)` fetches the ids at positions a..b of the
 * query (only ranges need it; select-all never lists ids).
 */
export async function toSelection(
  model: SelectionModel,
  query: GalleryQuery,
  total: number,
  idsIn: (first: number, last: number) => Promise<number[]>,
): Promise<Selection> {
  const m = compact(model, total)
  if (m.all) return { query, exceptIds: [...m.removed.keys()] }
  const ids = new Set<number>()
  for (const [a, b] of m.ranges) {
    for (const id of await idsIn(a, Math.min(b, total - 1))) ids.add(id)
  }
  for (const id of m.removed.keys()) ids.delete(id)
  for (const id of m.added.keys()) ids.add(id)
  return { ids: [...ids] }
}

import { createEffect, createSignal, on as whenChanged } from 'solid-js'
import type { Selection } from '../../../shared/domain'
import { call } from '../lib/api'
import {
  countOf,
  EVERYTHING,
  isEmpty,
  isSelected,
  NOTHING,
  only,
  toggle,
  toSelection,
  withRanges,
  type Range,
  type SelectionModel,
} from '../lib/gallery-selection'
import type { GalleryStore } from './gallery.store'

/** Ids fetched per call when a range has to be spelled out for an action. */
const IDS_PER_CALL = 1000

/**
 * Which tiles are selected and which one has keyboard focus, by position in the query. The
 * anchor is where a shift-range starts; `base` is the selection the range is added to (what was
 * selected before the shift-click, so a second shift-click replaces the first one's range).
 */
export function createSelectionStore(gallery: GalleryStore) {
  const [model, setModel] = createSignal<SelectionModel>(NOTHING)
  const [focusIndex, setFocusIndex] = createSignal(0)
  let anchor = 0
  let base: SelectionModel = NOTHING
  let bandBase: SelectionModel = NOTHING

  const setAnchor = (index: number, next: SelectionModel): void => {
    anchor = index
    base = next
    setModel(next)
    setFocusIndex(index)
  }
  const clear = (): void => setAnchor(focusIndex(), NOTHING)

  // A new question: positions mean other assets now.
  createEffect(
    whenChanged(
      gallery.generation,
      () => {
        setAnchor(0, NOTHING)
      },
      { defer: true },
    ),
  )

  const idsIn = async (first: number, last: number): Promise<number[]> => {
    const ids: number[] = []
    let after: string | undefined
    while (first + ids.length <= last) {
      const limit = Math.min(IDS_PER_CALL, last - first - ids.length + 1)
      const page = await call('assets.page', {
        ...gallery.query(),
        ...(after ? { after } : { offset: first + ids.length }),
        limit,
        count: false,
      })
      for (const row of page.items) ids.push(row.id)
      if (!page.next || page.items.length === 0) break
      after = page.next
    }
    return ids.slice(0, last - first + 1)
  }

  return {
    model,
    focusIndex,
    isSelected: (index: number, id: number | undefined) => isSelected(model(), index, id),
    count: () => countOf(model(), gallery.total() ?? 0),
    isEmpty: () => isEmpty(model()),
    isAll: () => model().all,
    /** A click: alone, with Ctrl/Cmd (toggle), with Shift (range from the anchor). */
    click(index: number, id: number, mods: { toggle: boolean; range: boolean }) {
      if (mods.range) {
        setModel(withRanges(mods.toggle ? model() : base, [[anchor, index]]))
        setFocusIndex(index)
      } else if (mods.toggle) setAnchor(index, toggle(model(), index, id))
      else setAnchor(index, only(index))
    },
    /** Keyboard focus moves; with Shift the selection follows from the anchor. */
    moveFocus(index: number, extend: boolean) {
      if (extend) {
        setModel(withRanges(base, [[anchor, index]]))
        setFocusIndex(index)
      } else {
        anchor = index
        base = model()
        setFocusIndex(index)
      }
    },
    toggleAt(index: number, id: number) {
      setAnchor(index, toggle(model(), index, id))
    },
    selectAll: () => setModel(EVERYTHING),
    clear,
    beginBand(additive: boolean) {
      bandBase = additive ? model() : NOTHING
    },
    band(ranges: readonly Range[]) {
      setModel(withRanges(bandBase, ranges))
    },
    endBand(focus: number | null) {
      if (focus !== null) {
        anchor = focus
        setFocusIndex(focus)
      }
      base = model()
    },
    /** The selection as the contract takes it: select-all stays a query. */
    resolve(): Promise<Selection> {
      return toSelection(model(), gallery.query(), gallery.total() ?? 0, idsIn)
    },
  }
}

export type SelectionStore = ReturnType<typeof createSelectionStore>

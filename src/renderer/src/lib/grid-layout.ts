/**
 * Where every tile of the gallery sits, computed from counts alone: the grid never needs the
 * rows themselves to know its height or where index 734,512 is. Groups (by folder or month) are
 * sections of a header plus ceil(count / columns) rows; prefix sums of their tops and first
 * indexes make every lookup a binary search, so a million assets in thousands of groups cost
 * microseconds per frame.
 */

export interface GridGroup {
  key: string
  label: string
  count: number
}

export interface GridOptions {
  /** The scroll container's inner width (no scrollbar). */
  width: number
  /** The tile size to aim for; tiles stretch so the columns fill the width. */
  tile: number
  gap: number
  padding: number
  /** Height of a group header; unused without groups. */
  header: number
  /** Room below the last row (for what floats over the grid's bottom edge). */
  footer?: number
}

export interface Section {
  key: string
  label: string
  /** Index of its first asset in the query. */
  start: number
  count: number
  /** Top of the section (its header when it has one). */
  top: number
  /** Top of its first row of tiles. */
  rowsTop: number
  rows: number
  hasHeader: boolean
}

export interface GridLayout {
  columns: number
  tileWidth: number
  tileHeight: number
  /** Distance from one row's top to the next one's. */
  stride: number
  gap: number
  padding: number
  header: number
  total: number
  /** Full virtual height of the content. */
  height: number
  sections: Section[]
}

export interface TileBox {
  x: number
  y: number
  width: number
  height: number
}

export function columnsFor(width: number, tile: number, gap: number, padding: number): number {
  return Math.max(1, Math.floor((width - 2 * padding + gap) / (tile + gap)))
}

/**
 * Lays out `total` assets. `groups` are in the query's order; when their counts do not add up to
 * `total` (an update arrived between the two calls) they are clipped, and the rest falls into a
 * last section without a header, so positions always cover exactly `total` tiles.
 */
export function computeLayout(
  total: number,
  groups: readonly GridGroup[] | null,
  options: GridOptions,
): GridLayout {
  const { gap, padding } = options
  const columns = columnsFor(options.width, options.tile, gap, padding)
  const inner = Math.max(1, options.width - 2 * padding)
  const tileWidth = Math.max(1, (inner - gap * (columns - 1)) / columns)
  const tileHeight = tileWidth
  const stride = tileHeight + gap
  const header = groups ? options.header : 0
  const sections: Section[] = []
  let y = padding
  let start = 0
  const push = (key: string, label: string, count: number, hasHeader: boolean): void => {
    const rows = Math.ceil(count / columns)
    const rowsTop = y + (hasHeader ? header : 0)
    sections.push({ key, label, start, count, top: y, rowsTop, rows, hasHeader })
    y = rowsTop + rows * stride
    start += count
  }
  for (const group of groups ?? []) {
    const count = Math.min(group.count, total - start)
    if (count <= 0) continue
    push(group.key, group.label, count, true)
  }
  if (start < total) push('', '', total - start, groups !== null && sections.length > 0)
  const height =
    Math.max(y - (sections.length ? gap : 0), padding) + padding + (options.footer ?? 0)
  return {
    columns,
    tileWidth,
    tileHeight,
    stride,
    gap,
    padding,
    header,
    total,
    height,
    sections,
  }
}

/** Largest i with key(items[i]) <= value (0 when none is). */
function lastAtOrBelow<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0
  let hi = items.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (key(items[mid]!) <= value) lo = mid
    else hi = mid - 1
  }
  return lo
}

export function sectionOfIndex(layout: GridLayout, index: number): Section | undefined {
  const { sections } = layout
  if (!sections.length) return undefined
  return sections[lastAtOrBelow(sections, index, (s) => s.start)]
}

export function sectionAtY(layout: GridLayout, y: number): Section | undefined {
  const { sections } = layout
  if (!sections.length) return undefined
  return sections[lastAtOrBelow(sections, y, (s) => s.top)]
}

export function boxOf(layout: GridLayout, index: number): TileBox {
  const section = sectionOfIndex(layout, index)
  if (!section) return { x: layout.padding, y: layout.padding, width: 0, height: 0 }
  const offset = index - section.start
  const row = Math.floor(offset / layout.columns)
  const column = offset % layout.columns
  return {
    x: layout.padding + column * (layout.tileWidth + layout.gap),
    y: section.rowsTop + row * layout.stride,
    width: layout.tileWidth,
    height: layout.tileHeight,
  }
}

/** First index of the row that holds `index`, and how many tiles that row has. */
export function rowOf(layout: GridLayout, index: number): { start: number; length: number } {
  const section = sectionOfIndex(layout, index)
  if (!section) return { start: index, length: 1 }
  const start =
    section.start + Math.floor((index - section.start) / layout.columns) * layout.columns
  return { start, length: Math.min(layout.columns, section.start + section.count - start) }
}

/**
 * The indexes whose rows intersect [top, bottom) (inclusive bounds; `first > last` when none).
 * Visible indexes are always contiguous: sections follow each other in index order.
 */
export function indexRange(
  layout: GridLayout,
  top: number,
  bottom: number,
): { first: number; last: number } {
  if (!layout.total || bottom <= top) return { first: 0, last: -1 }
  const rowAt = (y: number, edge: 'top' | 'bottom'): number => {
    const section = sectionAtY(layout, y)!
    const rel = (y - section.rowsTop) / layout.stride
    const row = edge === 'top' ? Math.floor(rel) : Math.ceil(rel) - 1
    if (row < 0) return edge === 'top' ? section.start : section.start - 1
    if (row >= section.rows) return section.start + section.count - (edge === 'top' ? 0 : 1)
    const start = section.start + row * layout.columns
    return edge === 'top'
      ? start
      : Math.min(start + layout.columns, section.start + section.count) - 1
  }
  const first = Math.max(0, rowAt(top, 'top'))
  const last = Math.min(layout.total - 1, rowAt(bottom, 'bottom'))
  return { first, last }
}

/** Sections whose header is (at least partly) inside [top, bottom). */
export function headersIn(layout: GridLayout, top: number, bottom: number): Section[] {
  if (!layout.header) return []
  const out: Section[] = []
  const { sections } = layout
  for (let i = lastAtOrBelow(sections, top, (s) => s.top); i < sections.length; i++) {
    const section = sections[i]!
    if (section.top >= bottom) break
    if (section.hasHeader && section.top + layout.header > top) out.push(section)
  }
  return out
}

/** The tile under a point of the content, or null (a gap, a header, past the end). */
export function indexAt(layout: GridLayout, x: number, y: number): number | null {
  const section = sectionAtY(layout, y)
  if (!section || y < section.rowsTop) return null
  const row = Math.floor((y - section.rowsTop) / layout.stride)
  const column = Math.floor((x - layout.padding) / (layout.tileWidth + layout.gap))
  if (row >= section.rows || column < 0 || column >= layout.columns) return null
  const index = section.start + row * layout.columns + column
  return index < section.start + section.count ? index : null
}

/**
 * The tiles a rubber band from (x0, y0) to (x1, y1) touches, as inclusive index ranges (one per
 * row it crosses), so a band over thousands of rows never builds a list of ids.
 */
export function indexesInRect(
  layout: GridLayout,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): Array<[number, number]> {
  const [left, right] = x0 < x1 ? [x0, x1] : [x1, x0]
  const [top, bottom] = y0 < y1 ? [y0, y1] : [y1, y0]
  const cell = layout.tileWidth + layout.gap
  const c0 = Math.max(0, Math.floor((left - layout.padding) / cell))
  const c1 = Math.min(layout.columns - 1, Math.floor((right - layout.padding) / cell))
  // A band that starts or ends in the gap right of a column does not take that column.
  const firstColumn = left - layout.padding - c0 * cell > layout.tileWidth ? c0 + 1 : c0
  if (firstColumn > c1 || right < layout.padding) return []
  const ranges: Array<[number, number]> = []
  const { first, last } = indexRange(layout, top, bottom)
  for (let rowStart = first; rowStart <= last;) {
    const row = rowOf(layout, rowStart)
    const box = boxOf(layout, row.start)
    const inBand = box.y < bottom && box.y + box.height > top
    const a = row.start + firstColumn
    const b = Math.min(row.start + c1, row.start + row.length - 1)
    if (inBand && a <= b) ranges.push([a, b])
    rowStart = row.start + row.length
  }
  return ranges
}

export type Move = 'left' | 'right' | 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end'

/**
 * Where keyboard focus goes from `index`. Up and down keep the column and cross into the
 * neighbouring section (landing on its last row's nearest tile); pages move by what fits in
 * `viewport` pixels.
 */
export function moveIndex(layout: GridLayout, index: number, move: Move, viewport: number): number {
  const last = layout.total - 1
  if (last < 0) return 0
  const clamp = (i: number): number => Math.min(last, Math.max(0, i))
  switch (move) {
    case 'left':
      return clamp(index - 1)
    case 'right':
      return clamp(index + 1)
    case 'home':
      return 0
    case 'end':
      return last
    case 'up':
    case 'down': {
      const box = boxOf(layout, index)
      const y = move === 'up' ? box.y - layout.stride : box.y + layout.stride
      return clamp(nearestInRowAt(layout, y, box.x, move === 'up' ? -1 : 1) ?? index)
    }
    case 'pageUp':
    case 'pageDown': {
      const rows = Math.max(1, Math.floor(viewport / layout.stride) - 1)
      const box = boxOf(layout, index)
      const delta = rows * layout.stride * (move === 'pageUp' ? -1 : 1)
      const y = Math.min(layout.height - 1, Math.max(0, box.y + delta))
      return clamp(nearestInRowAt(layout, y, box.x, move === 'pageUp' ? -1 : 1) ?? index)
    }
  }
}

/** The tile of the row at (or nearest to, walking `direction`) height y closest to column x. */
function nearestInRowAt(layout: GridLayout, y: number, x: number, direction: 1 | -1) {
  if (y < 0 || y >= layout.height) return null
  let section = sectionAtY(layout, y)!
  let row = Math.floor((y - section.rowsTop) / layout.stride)
  if (row < 0) {
    // In a header: up goes to the previous section's last row, down to this one's first.
    const i = layout.sections.indexOf(section)
    if (direction < 0 && i > 0) section = layout.sections[i - 1]!
    row = direction < 0 && i > 0 ? section.rows - 1 : 0
  }
  row = Math.min(row, section.rows - 1)
  const column = Math.round((x - layout.padding) / (layout.tileWidth + layout.gap))
  const start = section.start + row * layout.columns
  return Math.min(start + column, section.start + section.count - 1)
}

/**
 * Widths for one row of a justified layout: each tile as wide as its aspect ratio at the row's
 * height, scaled to fill `width` exactly (a section's last, short row is not stretched past its
 * natural width). Returns the x offset and width of each tile.
 */
export function justifyRow(
  aspects: readonly number[],
  width: number,
  height: number,
  gap: number,
  full: boolean,
): Array<{ x: number; width: number }> {
  const clamped = aspects.map((a) =>
    Number.isFinite(a) && a > 0 ? Math.min(3, Math.max(0.4, a)) : 1,
  )
  const natural = clamped.reduce((sum, a) => sum + a * height, 0)
  const room = width - gap * (clamped.length - 1)
  const scale = full || natural > room ? room / natural : 1
  let x = 0
  return clamped.map((a) => {
    const w = a * height * scale
    const box = { x, width: w }
    x += w + gap
    return box
  })
}

/**
 * Browsers cap an element's height (Chrome near 33.5M px, Firefox near 17.9M). Past this, the
 * scrollable height is capped and scroll positions are scaled into the virtual height.
 */
export const MAX_SCROLL_HEIGHT = 15_000_000

export function scrollHeightOf(layout: GridLayout): number {
  return Math.min(layout.height, MAX_SCROLL_HEIGHT)
}

/** The virtual top of the viewport for a scrollTop of the (possibly capped) container. */
export function virtualTop(layout: GridLayout, scrollTop: number, viewport: number): number {
  const dom = scrollHeightOf(layout)
  if (dom === layout.height || dom <= viewport) return scrollTop
  return (scrollTop / (dom - viewport)) * (layout.height - viewport)
}

/** The scrollTop that shows virtual position `top` at the top of the viewport. */
export function scrollTopFor(layout: GridLayout, top: number, viewport: number): number {
  const dom = scrollHeightOf(layout)
  const clamped = Math.max(0, Math.min(top, layout.height - viewport))
  if (dom === layout.height || dom <= viewport) return clamped
  return (clamped / (layout.height - viewport)) * (dom - viewport)
}

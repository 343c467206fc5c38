/** Which rows of a long list of equal-height rows to put in the DOM, and the space around them. */
export interface RowWindow {
  /** First row index rendered. */
  first: number
  /** One past the last row rendered. */
  end: number
  /** Pixels of rows not rendered above and below. */
  before: number
  after: number
}

/**
 * The rows in view plus `overscan` on each side (so a keyboard move or a short scroll finds its
 * row already there). A list shorter than the view is rendered whole.
 */
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  total: number,
  rowHeight: number,
  overscan: number,
): RowWindow {
  const height = Math.max(1, rowHeight)
  const firstVisible = Math.max(0, Math.floor(scrollTop / height))
  const visible = Math.ceil(Math.max(viewportHeight, height) / height) + 1
  const first = Math.min(Math.max(0, firstVisible - overscan), Math.max(0, total - 1))
  const end = Math.min(total, firstVisible + visible + overscan)
  return {
    first: Math.min(first, end),
    end,
    before: Math.min(first, end) * height,
    after: (total - end) * height,
  }
}

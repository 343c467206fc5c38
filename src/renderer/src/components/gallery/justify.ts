import type { AssetRow } from '../../../../shared/domain'
import { justifyRow, rowOf, type GridLayout, type TileBox } from '../../lib/grid-layout'

/**
 * A tile's box in the justified arrangement: rows keep the grid's tile count (so positions
 * still come from counts alone) and share the width by aspect ratio. A row whose assets are
 * not all loaded, or lack dimensions, keeps equal boxes until they are.
 */
export function justifiedBox(
  layout: GridLayout,
  index: number,
  box: TileBox,
  rowAt: (index: number) => AssetRow | undefined,
): TileBox {
  const row = rowOf(layout, index)
  const aspects: number[] = []
  for (let i = row.start; i < row.start + row.length; i++) {
    const r = rowAt(i)
    if (!r?.width || !r.height) return box
    aspects.push(r.width / r.height)
  }
  const full = row.length === layout.columns
  const inner = layout.columns * layout.tileWidth + (layout.columns - 1) * layout.gap
  const spot = justifyRow(aspects, inner, layout.tileHeight, layout.gap, full)[index - row.start]!
  return { ...box, x: layout.padding + spot.x, width: spot.width }
}

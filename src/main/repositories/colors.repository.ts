import { transaction } from '../db/transaction'
import type { Db } from '../db/connection'
import { cellOf, channelsOf, hexOf, labOf } from '../media/color-space'
import type { PaletteColor } from '../media/palette'

/** One colour of an asset's palette as the contract shows it. */
export interface StoredColor {
  hex: string
  share: number
}

/** Each asset's palette (`asset_colors`, migration 0010): written by the thumbnails step. */
export class ColorsRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      clear: db.prepare<[number]>('DELETE FROM asset_colors WHERE asset_id = ?'),
      insert: db.prepare(
        `INSERT INTO asset_colors (asset_id, rank, rgb, share, l, a, b, cell)
         VALUES (@assetId, @rank, @rgb, @share, @l, @a, @b, @cell)`,
      ),
      palette: db.prepare<[number], { rgb: number; share: number }>(
        'SELECT rgb, share FROM asset_colors WHERE asset_id = ? ORDER BY rank',
      ),
    }
  }

  /** Replaces an asset's palette (largest share first; the first is the dominant colour). */
  save(assetId: number, palette: PaletteColor[]): void {
    transaction(this.db, () => {
      this.s.clear.run(assetId)
      palette.forEach((colour, rank) => {
        const lab = labOf(...channelsOf(colour.rgb))
        this.s.insert.run({
          assetId,
          rank,
          rgb: colour.rgb,
          share: Math.round(colour.share * 1000) / 1000,
          ...lab,
          cell: cellOf(lab),
        })
      })
    })
  }

  palette(assetId: number): StoredColor[] {
    return this.s.palette.all(assetId).map((row) => ({ hex: hexOf(row.rgb), share: row.share }))
  }
}

import type { Collection, CollectionKind } from '../../shared/domain'
import { AppError } from '../errors'
import type { AlbumTreeRepository } from '../repositories/album-tree.repository'
import type { CollectionsRepository } from '../repositories/collections.repository'
import type { CollectionsService } from './collections.service'

/** Albums inside albums, and covers. Playlists play in order and are never nested. */
export class AlbumTreeService {
  constructor(
    private readonly collections: CollectionsRepository,
    private readonly tree: AlbumTreeRepository,
    private readonly shaped: CollectionsService,
    private readonly now: () => number,
  ) {}

  /** Puts an album inside another (or at the top level with null); never inside itself. */
  move(name: string, parent: string | null): Collection {
    const album = this.album(name)
    const target = parent === null ? null : this.album(parent)
    if (target) {
      // Walk up from the new parent: meeting the album means it would end up inside itself.
      const seen = new Set<number>()
      for (let at: number | null = target.id; at !== null; at = this.tree.parentOf(at)) {
        if (at === album.id || seen.has(at))
          throw new AppError(
            'CONFLICT',
            at === target.id && at === album.id
              ? `An album cannot go inside itself.`
              : `"${album.name}" cannot go inside "${target.name}": "${target.name}" is already inside it.`,
          )
        seen.add(at)
      }
    }
    this.tree.setParent(album.id, target?.id ?? null, this.now())
    return this.summary('album', album.id)
  }

  /** Chooses the cover from the collection's own items; null goes back to the first item. */
  setCover(kind: CollectionKind, name: string, assetId: number | null): Collection {
    const row = this.collections.byName(kind, name)
    if (!row) throw new AppError('NOT_FOUND', `There is no ${kind} called "${name}".`)
    if (assetId !== null && !this.collections.items(row.id).some((i) => i.assetId === assetId))
      throw new AppError(
        'INVALID_ARGUMENT',
        `"${row.name}" does not hold asset ${assetId}; a cover is chosen from its own items.`,
      )
    this.tree.setCover(row.id, assetId, this.now())
    return this.summary(kind, row.id)
  }

  private album(name: string) {
    const row = this.collections.byName('album', name)
    if (!row) throw new AppError('NOT_FOUND', `There is no album called "${name}".`)
    return row
  }

  private summary(kind: CollectionKind, id: number): Collection {
    return this.shaped.list(kind).find((c) => c.id === id)!
  }
}

import type { ReplaceResult } from '../../shared/graph'
import { AppError } from '../errors'
import type { ReplaceRepository } from '../repositories/replace.repository'
import type { GraphService } from './graph.service'

/**
 * Replace content (issue 12): a newer version of a piece of content takes the old one's place in
 * every playlist and album, at the same position and duration, and `replaces` (new → old)
 * records it. The old asset and its file stay as they are.
 */
export class ReplaceService {
  constructor(
    private readonly repository: ReplaceRepository,
    private readonly graph: GraphService,
    private readonly assetExists: (id: number) => boolean,
    private readonly now: () => number,
  ) {}

  replace(oldId: number, newId: number, note?: string): ReplaceResult {
    for (const id of [oldId, newId])
      if (!this.assetExists(id))
        throw new AppError('NOT_FOUND', `There is no asset ${id} in the library.`)
    if (oldId === newId)
      throw new AppError('INVALID_ARGUMENT', 'An asset cannot replace itself; choose another one.')
    const { items, record } = this.repository.replace(oldId, newId, this.now(), () =>
      this.graph.link(`asset:${newId}`, `asset:${oldId}`, 'replaces', note ? { note } : {}),
    )
    const byCollection = new Map<number, ReplaceResult['collections'][number]>()
    for (const item of items) {
      const known = byCollection.get(item.collectionId)
      if (known) known.items++
      else
        byCollection.set(item.collectionId, {
          id: item.collectionId,
          kind: item.kind,
          name: item.name,
          items: 1,
        })
    }
    return { oldId, newId, collections: [...byCollection.values()], link: record }
  }
}

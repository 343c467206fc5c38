import type { RebuildResult } from '../../shared/graph'
import type { FolderTagsRepository } from '../repositories/folder-tags.repository'
import type { GraphRepairRepository } from '../repositories/graph-repair.repository'

/**
 * `graph rebuild` (issue 12): repair of what the graph stores or derives. Structural relations
 * are read from their own tables and need none; what is stored — user links and `replaces` —
 * loses the ends that are gone (delete triggers do this as things go; a rebuild catches what a
 * trigger-less write or an old version left), and tags handed down by folders are recomputed
 * from the folder tags. One transaction: a rebuild that fails leaves everything as it was.
 */
export class GraphRebuildService {
  constructor(
    private readonly repair: GraphRepairRepository,
    private readonly folderTags: FolderTagsRepository,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  rebuild(): RebuildResult {
    const started = this.clock()
    return this.repair.transaction(() => {
      const orphanLinks = this.repair.dropOrphans()
      const tags = this.folderTags.rebuild()
      return {
        orphanLinks,
        links: this.repair.links(),
        folderTagsRemoved: tags.removed,
        folderTagsAdded: tags.added,
        ms: Math.round(this.clock() - started),
      }
    })
  }
}

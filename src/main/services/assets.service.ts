import { relative, sep } from 'node:path'
import type { AssetQuery, MethodResult } from '../../shared/contract'
import type { Asset } from '../../shared/domain'
import { AppError } from '../errors'
import { isInside } from '../paths'
import type { AssetsRepository } from '../repositories/assets.repository'
import type { BundlesRepository } from '../repositories/bundles.repository'
import type { CollectionsRepository } from '../repositories/collections.repository'
import type { DerivativesRepository } from '../repositories/derivatives.repository'
import type { ProcessingRepository } from '../repositories/processing.repository'
import type { RootsRepository } from '../repositories/roots.repository'
import type { AssetChangesService } from './asset-changes.service'
import type { JobsService } from './jobs.service'
import type { SimilarityService } from './similarity.service'

export class AssetsService {
  constructor(
    private readonly assets: AssetsRepository,
    private readonly roots: RootsRepository,
    private readonly derivatives: DerivativesRepository,
    private readonly similarity: SimilarityService,
    private readonly processing: ProcessingRepository,
    private readonly collections: CollectionsRepository,
    private readonly jobs: JobsService,
    private readonly changes: AssetChangesService,
    private readonly bundles: BundlesRepository,
  ) {}

  list(query: AssetQuery): { items: Asset[]; total: number | null } {
    const page = this.assets.list(query)
    return { items: page.items.map((a) => this.complete(a)), total: page.total }
  }

  get(id: number): Asset {
    return this.complete(this.found(id))
  }

  /**
   * Forgets assets and what hangs on them (collection items, queued jobs, user links); no file is
   * touched. When collections hold any of them or bundles were exported with them, nothing is
   * removed without `confirm`: the answer says which, so the user sees the impact first. (A
   * bundle keeps its copies; its history keeps the asset's id.)
   */
  remove(ids: number[], confirm: boolean): MethodResult<'assets.remove'> {
    ids.forEach((id) => this.found(id))
    const heldBy = ids
      .map((assetId) => ({
        assetId,
        collections: this.collections.holding(assetId).map(({ kind, name }) => ({ kind, name })),
        bundles: this.bundles.exportedIn(assetId),
      }))
      .filter((held) => held.collections.length > 0 || held.bundles.length > 0)
    if (heldBy.length > 0 && !confirm) return { removed: [], heldBy }
    this.jobs.cancel(ids)
    const removed = this.assets.remove(ids)
    this.similarity.forget(removed)
    this.changes.removedIds(removed)
    return { removed, heldBy }
  }

  /** Exact duplicates (same SHA-256) and, on request, perceptually similar groups of ids. */
  duplicates(similar: boolean): { duplicates: number[][]; similar: number[][] } {
    return {
      duplicates: this.processing.duplicateGroups(),
      similar: similar ? this.similarity.groups() : [],
    }
  }

  private found(id: number): Asset {
    const asset = this.assets.get(id)
    if (!asset) throw new AppError('NOT_FOUND', `There is no asset with id ${id}.`)
    return asset
  }

  private complete(asset: Asset): Asset {
    return {
      ...asset,
      derivatives: this.derivatives.listed(asset.sha256),
      similar: this.similarity.similarTo(asset.id, asset.phash, asset.sha256),
    }
  }

  /** The asset at an absolute path, if that path lies in a root and is indexed. */
  byPath(path: string): Asset {
    for (const root of this.roots.list()) {
      if (!isInside(path, root.path)) continue
      const parts = relative(root.path, path).split(sep)
      const name = parts.pop()!
      const asset = this.assets.byPath(root.id, parts.join('/'), name)
      if (asset) return this.complete(asset)
    }
    throw new AppError(
      'NOT_FOUND',
      `${path} is not in the library. Add its folder with 'marquee index'.`,
    )
  }
}

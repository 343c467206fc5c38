import { relative, sep } from 'node:path'
import type { AssetQuery } from '../../shared/contract'
import type { Asset } from '../../shared/domain'
import { AppError } from '../errors'
import { isInside } from '../paths'
import type { AssetsRepository } from '../repositories/assets.repository'
import type { DerivativesRepository } from '../repositories/derivatives.repository'
import type { ProcessingRepository } from '../repositories/processing.repository'
import type { RootsRepository } from '../repositories/roots.repository'
import type { SimilarityService } from './similarity.service'

export class AssetsService {
  constructor(
    private readonly assets: AssetsRepository,
    private readonly roots: RootsRepository,
    private readonly derivatives: DerivativesRepository,
    private readonly similarity: SimilarityService,
    private readonly processing: ProcessingRepository,
  ) {}

  list(query: AssetQuery): { items: Asset[]; total: number } {
    const page = this.assets.list(query)
    return { items: page.items.map((a) => this.complete(a)), total: page.total }
  }

  get(id: number): Asset {
    const asset = this.assets.get(id)
    if (!asset) throw new AppError('NOT_FOUND', `There is no asset with id ${id}.`)
    return this.complete(asset)
  }

  /** Forgets assets and what hangs on them (collection items, queued jobs); no file is touched. */
  remove(ids: number[]): number[] {
    return this.assets.remove(ids)
  }

  /** Exact duplicates (same SHA-256) and, on request, perceptually similar groups of ids. */
  duplicates(similar: boolean): { duplicates: number[][]; similar: number[][] } {
    return {
      duplicates: this.processing.duplicateGroups(),
      similar: similar ? this.similarity.groups() : [],
    }
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

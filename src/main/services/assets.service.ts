import { isAbsolute, relative, sep } from 'node:path'
import type { AssetQuery } from '../../shared/contract'
import type { Asset } from '../../shared/domain'
import { AppError } from '../errors'
import type { AssetsRepository } from '../repositories/assets.repository'
import type { RootsRepository } from '../repositories/roots.repository'

export class AssetsService {
  constructor(
    private readonly assets: AssetsRepository,
    private readonly roots: RootsRepository,
  ) {}

  list(query: AssetQuery): { items: Asset[]; total: number } {
    return this.assets.list(query)
  }

  get(id: number): Asset {
    const asset = this.assets.get(id)
    if (!asset) throw new AppError('NOT_FOUND', `There is no asset with id ${id}.`)
    return asset
  }

  /** The asset at an absolute path, if that path lies in a root and is indexed. */
  byPath(path: string): Asset {
    for (const root of this.roots.list()) {
      const rel = relative(root.path, path)
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue
      const parts = rel.split(sep)
      const name = parts.pop()!
      const asset = this.assets.byPath(root.id, parts.join('/'), name)
      if (asset) return asset
    }
    throw new AppError(
      'NOT_FOUND',
      `${path} is not in the library. Add its folder with 'marquee index'.`,
    )
  }
}

import type { MethodArgs, MethodResult } from '../../shared/contract'
import type { FolderNode, GalleryQuery, Selection, Tag } from '../../shared/domain'
import { AppError } from '../errors'
import type { GalleryRepository } from '../repositories/gallery.repository'
import type { LibraryStatsRepository } from '../repositories/library-stats.repository'
import type { RootsRepository } from '../repositories/roots.repository'
import type { TagsRepository } from '../repositories/tags.repository'
import type { AssetChangesService } from './asset-changes.service'
import type { SearchIndexService } from './search-index.service'
import type { SimilarityService } from './similarity.service'
import { decodeCursor, encodeCursor } from './gallery-cursor'
import { folderTree } from './folder-tree'

const DEFAULT_PAGE = 200
const DEFAULT_IDS_LIMIT = 10_000
/** A selection this small is listed in the change event; a bigger one says "resync". */
const LISTED_CHANGE = 500
const MAX_REMOVE = 100_000
/** Up to this many matches are looked up by the filter's indexes and sorted per page. */
const SELECTIVE_ROWS = 20_000
/** How long a query's count is reused while paging (counts change as processing runs). */
const COUNT_TTL_MS = 2_000

/** Whether a query has a filter that an index of its own could answer. */
const narrows = (q: GalleryQuery): boolean =>
  q.rootId !== undefined ||
  q.types !== undefined ||
  q.statuses !== undefined ||
  q.tagIds !== undefined ||
  q.orientation !== undefined ||
  q.minWidth !== undefined ||
  q.minHeight !== undefined ||
  q.minDurationMs !== undefined ||
  q.maxDurationMs !== undefined ||
  q.minRating !== undefined ||
  q.from !== undefined ||
  q.to !== undefined ||
  Boolean(q.text?.trim())

/** What the gallery reads (pages, counts, groups, folders) and its bulk edits. */
export class GalleryService {
  private readonly counts = new Map<string, { n: number; at: number }>()
  /** Folder trees per root: a million assets take ~0.6 s to count by folder. */
  private readonly trees = new Map<number, FolderNode>()

  constructor(
    private readonly gallery: GalleryRepository,
    private readonly stats: LibraryStatsRepository,
    private readonly tags: TagsRepository,
    private readonly roots: RootsRepository,
    private readonly similarity: SimilarityService,
    private readonly lookup: (
      id: number,
    ) => { phash: string | null; sha256: string | null } | undefined,
    private readonly changes: AssetChangesService,
    private readonly search: SearchIndexService,
    private readonly now: () => number,
  ) {
    // Folder trees stay true until assets come or go; counts until anything changes (a rating,
    // a palette, an integrity finding cleared moves an asset in or out of a filtered query).
    changes.onStructureChange(() => this.trees.clear())
    changes.onChange(() => this.counts.clear())
  }

  page(args: MethodArgs<'assets.page'>): MethodResult<'assets.page'> {
    const { offset, after, limit = DEFAULT_PAGE, count, ...query } = args
    const similarIds = this.similarIds(query)
    if (query.text?.trim()) this.search.beforeSearch()
    const total = count === false && !narrows(query) ? null : this.counted(query, similarIds)
    const rows = this.gallery.page({
      query,
      similarIds,
      limit: limit + 1,
      offset: after ? undefined : offset,
      after: after ? decodeCursor(after, query) : undefined,
      selective: total === null || total <= SELECTIVE_ROWS,
    })
    const more = rows.length > limit
    const items = rows.slice(0, limit)
    return {
      items: items.map((r) => r.row),
      total: count === false ? null : total,
      next: more ? encodeCursor(query, items.at(-1)!.keys) : null,
    }
  }

  /**
   * Matches of a query, remembered briefly: scrolling asks page after page of the same query,
   * and the count decides how each page is looked up (see whereOf).
   */
  private counted(query: GalleryQuery, similarIds: number[] | null): number {
    const key = JSON.stringify(query)
    const now = this.now()
    const known = this.counts.get(key)
    if (known && now - known.at < COUNT_TTL_MS) return known.n
    const n = this.gallery.count(query, similarIds)
    if (this.counts.size > 100) this.counts.clear()
    this.counts.set(key, { n, at: now })
    return n
  }

  statsOf(rootId?: number): MethodResult<'assets.stats'> {
    if (rootId !== undefined) this.root(rootId)
    return this.stats.stats(rootId)
  }

  groups(args: MethodArgs<'assets.groups'>): MethodResult<'assets.groups'> {
    const { by, ...query } = args
    const labels = new Map(this.roots.list().map((r) => [r.id, r.label]))
    const similarIds = this.similarIds(query)
    const selective = this.counted(query, similarIds) <= SELECTIVE_ROWS
    return this.gallery.groups(query, similarIds, by, selective).map((g) => ({
      key: by === 'folder' ? `${g.rootId}:${g.key}` : g.key,
      label:
        by === 'folder'
          ? [labels.get(g.rootId) ?? `Folder ${g.rootId}`, g.key].filter(Boolean).join('/')
          : g.key,
      count: g.count,
    }))
  }

  indexOf(args: MethodArgs<'assets.indexOf'>): { index: number | null } {
    const { id, ...query } = args
    return { index: this.gallery.indexOf(query, this.similarIds(query), id) }
  }

  ids(selection: Selection, limit = DEFAULT_IDS_LIMIT): number[] {
    return this.gallery.ids(selection, this.selectionSimilar(selection), limit)
  }

  /** A selection as a filter in the gallery's order, for bulk adds into a collection. */
  selectionFilter(selection: Selection) {
    return this.gallery.selectionInOrder(selection, this.selectionSimilar(selection))
  }

  /** The ids of a selection to remove from the library (at most MAX_REMOVE at a time). */
  removable(selection: Selection): number[] {
    const ids = this.ids(selection, MAX_REMOVE + 1)
    if (ids.length > MAX_REMOVE)
      throw new AppError(
        'INVALID_ARGUMENT',
        `Remove at most ${MAX_REMOVE.toLocaleString('en')} assets at a time: narrow the selection.`,
      )
    return ids
  }

  /** The failed assets of a selection (what "retry processing" starts over). */
  failedIn(selection: Selection): number[] {
    const failedOnly: Selection =
      'ids' in selection
        ? selection
        : { ...selection, query: { ...selection.query, statuses: ['failed'] } }
    return this.ids(failedOnly, MAX_REMOVE)
  }

  folders(rootId: number): FolderNode {
    const root = this.root(rootId)
    let tree = this.trees.get(rootId)
    if (!tree || tree.name !== root.label) {
      tree = folderTree(root.label, this.stats.folderCounts(rootId))
      this.trees.set(rootId, tree)
    }
    return tree
  }

  update(args: MethodArgs<'assets.update'>): { updated: number } {
    const { selection, ...fields } = args
    const updated = this.gallery.update(
      selection,
      this.selectionSimilar(selection),
      fields,
      this.now(),
    )
    this.announce(selection, updated)
    return { updated }
  }

  tagList(): Tag[] {
    return this.tags.list()
  }

  /** Adds and removes tags on a selection in one transaction; new names become tags. */
  applyTags(args: MethodArgs<'tags.apply'>): MethodResult<'tags.apply'> {
    const names = (list: string[] | undefined): string[] => [
      ...new Set((list ?? []).map((n) => n.trim()).filter(Boolean)),
    ]
    const add = names(args.add)
    const remove = names(args.remove)
    if (add.length === 0 && remove.length === 0)
      throw new AppError('INVALID_ARGUMENT', 'Name at least one tag to add or remove.')
    const where = this.gallery.selection(args.selection, this.selectionSimilar(args.selection))
    const now = this.now()
    const changed = this.tags.transaction(() => {
      let n = 0
      for (const name of add) n += this.tags.add(this.tags.ensure(name, now), where)
      for (const name of remove) {
        const id = this.tags.idOf(name)
        if (id !== undefined) n += this.tags.remove(id, where)
      }
      return n
    })
    this.announce(args.selection, changed)
    return { changed, tags: this.tags.list() }
  }

  private announce(selection: Selection, count: number): void {
    if (count === 0) return
    if ('ids' in selection && selection.ids.length <= LISTED_CHANGE)
      this.changes.changedIds(selection.ids)
    else this.changes.everything()
  }

  private root(rootId: number) {
    const root = this.roots.get(rootId)
    if (!root) throw new AppError('NOT_FOUND', `There is no library folder with id ${rootId}.`)
    return root
  }

  private selectionSimilar(selection: Selection): number[] | null {
    return 'query' in selection ? this.similarIds(selection.query) : null
  }

  /** The similar-to filter as ids (the asset itself first), from the similarity index. */
  private similarIds(query: GalleryQuery): number[] | null {
    if (query.folder !== undefined && query.rootId === undefined)
      throw new AppError('INVALID_ARGUMENT', 'A folder filter needs the root it belongs to.')
    if (query.similarTo === undefined) return null
    const asset = this.lookup(query.similarTo)
    if (!asset) throw new AppError('NOT_FOUND', `There is no asset with id ${query.similarTo}.`)
    return [
      query.similarTo,
      ...this.similarity.similarTo(query.similarTo, asset.phash, asset.sha256),
    ]
  }
}

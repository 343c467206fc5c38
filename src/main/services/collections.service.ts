import type {
  Collection,
  CollectionDetail,
  CollectionKind,
  CollectionItem,
  Selection,
} from '../../shared/domain'
import { DEFAULT_IMAGE_DURATION_MS } from '../../shared/domain'
import type { VirtualItemInput } from '../../shared/contract'
import { AppError } from '../errors'
import type { AlbumTreeRepository } from '../repositories/album-tree.repository'
import {
  toCollection,
  type CollectionRow,
  type CollectionsRepository,
  type ItemRow,
  type VirtualItemRow,
} from '../repositories/collections.repository'
import { checkWebAddress } from './web-address'

/** A gallery selection as a filter over `assets a` and the gallery's order. */
export interface SelectionFilter {
  where: string
  params: Record<string, unknown>
  orderBy: string
}

/** At most this many assets go into a collection in one go ("narrow the selection"). */
export const MAX_ADD = 100_000

/** Albums (sets of assets) and playlists (ordered items, each with a duration). */
export class CollectionsService {
  constructor(
    private readonly collections: CollectionsRepository,
    private readonly assetExists: (id: number) => boolean,
    private readonly now: () => number,
    private readonly tree: AlbumTreeRepository,
    private readonly filterOf: (selection: Selection) => SelectionFilter,
  ) {}

  list(kind: CollectionKind): Collection[] {
    const durations = this.collections.durations(DEFAULT_IMAGE_DURATION_MS)
    return this.collections.list(kind).map((row) => this.shape(row, durations.get(row.id) ?? 0))
  }

  get(kind: CollectionKind, name: string): CollectionDetail {
    const row = this.collections.byName(kind, name)
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `There is no ${kind} called "${name}". '${kind} ls' lists them.`,
      )
    const items = this.collections.items(row.id).map(toItem)
    return {
      ...this.shape(
        row,
        items.reduce((sum, i) => sum + i.effectiveDurationMs, 0),
      ),
      items,
    }
  }

  /** A collection by id, whatever it is called now (bundles remember ids); null once deleted. */
  byId(id: number): CollectionDetail | null {
    const row = this.collections.byId(id)
    return row ? this.get(row.kind, row.name) : null
  }

  /** A collection by its id, without its items; NOT_FOUND when there is none. */
  summaryById(id: number): Collection {
    const row = this.collections.byId(id)
    if (!row) throw new AppError('NOT_FOUND', `There is no collection with id ${id}.`)
    return toCollection(
      row,
      this.collections.durations(DEFAULT_IMAGE_DURATION_MS, row.id).get(row.id) ?? 0,
    )
  }

  create(kind: CollectionKind, name: string): Collection {
    const clean = name.trim()
    if (!clean) throw new AppError('INVALID_ARGUMENT', `${capital(an(kind))} needs a name.`)
    if (this.collections.byName(kind, clean))
      throw new AppError('CONFLICT', `There is already ${an(kind)} called "${clean}".`)
    const id = this.collections.create(kind, clean, this.now())
    return this.shape(this.collections.byId(id)!, 0)
  }

  add(
    kind: CollectionKind,
    name: string,
    assetIds: number[],
    durationMs: number | null,
  ): CollectionDetail {
    const row = this.collections.byName(kind, name)
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `There is no ${kind} called "${name}". Create it with '${kind} create'.`,
      )
    const unknown = assetIds.filter((id) => !this.assetExists(id))
    if (unknown.length)
      throw new AppError('NOT_FOUND', `There is no asset with id ${unknown.join(', ')}.`)
    if (kind === 'album' && durationMs !== null) {
      throw new AppError('INVALID_ARGUMENT', 'Albums have no durations; only playlist items do.')
    }
    this.collections.add(row, assetIds, durationMs, this.now())
    return this.get(kind, name)
  }

  /**
   * Adds a gallery selection. A select-all stays a filter that the database applies (in the
   * gallery's order), so a million ids never cross the contract; the answer is the collection's
   * summary, not its items.
   */
  addSelection(
    kind: CollectionKind,
    name: string,
    selection: Selection,
    durationMs: number | null,
  ): { collection: Collection; added: number } {
    const row = this.find(kind, name)
    if (kind === 'album' && durationMs !== null)
      throw new AppError('INVALID_ARGUMENT', 'Albums have no durations; only playlist items do.')
    const before = row.item_count
    if ('ids' in selection) this.add(kind, row.name, selection.ids, durationMs)
    else {
      const filter = this.filterOf(selection)
      if (this.collections.countMatching(filter) > MAX_ADD)
        throw new AppError(
          'INVALID_ARGUMENT',
          `Add at most ${MAX_ADD.toLocaleString('en')} assets at a time: narrow the selection.`,
        )
      this.collections.addMatching(row, filter, durationMs, this.now())
    }
    const collection = this.list(kind).find((c) => c.id === row.id)!
    return { collection, added: collection.itemCount - before }
  }

  /**
   * Appends web pages and integrations to a playlist (albums hold library files only). A URL
   * must be http or https: a player opens it in a sandboxed frame, and other schemes (file:,
   * javascript:, data:) would reach what a sandbox does not guard.
   */
  addItems(name: string, items: VirtualItemInput[]): CollectionDetail {
    const row = this.find('playlist', name)
    const rows = items.map((item): VirtualItemRow => {
      const durationMs = item.durationMs ?? null
      if (item.kind === 'url') return { kind: 'url', url: checkWebAddress(item.url), durationMs }
      if (!this.collections.integrationExists(item.integrationId))
        throw new AppError(
          'NOT_FOUND',
          `There is no integration ${item.integrationId}. 'marquee integrations ls' lists them.`,
        )
      return { kind: 'integration', integrationId: item.integrationId, durationMs }
    })
    this.collections.addVirtual(row.id, rows, this.now())
    return this.get('playlist', row.name)
  }

  rename(kind: CollectionKind, name: string, newName: string): Collection {
    const row = this.find(kind, name)
    const clean = newName.trim()
    if (!clean) throw new AppError('INVALID_ARGUMENT', `${capital(an(kind))} needs a name.`)
    const other = this.collections.byName(kind, clean)
    // Names are case-insensitive, so "lobby" → "Lobby" finds itself and is allowed.
    if (other && other.id !== row.id)
      throw new AppError('CONFLICT', `There is already ${an(kind)} called "${clean}".`)
    this.collections.rename(row.id, clean, this.now())
    return this.list(kind).find((c) => c.id === row.id)!
  }

  /** Puts a playlist's items in this order; `itemIds` names every item once. */
  reorder(name: string, itemIds: number[]): CollectionDetail {
    const row = this.find('playlist', name)
    const current = this.collections.items(row.id).map((i) => i.id)
    const same =
      itemIds.length === current.length &&
      new Set(itemIds).size === itemIds.length &&
      current.every((id) => itemIds.includes(id))
    if (!same)
      throw new AppError(
        'CONFLICT',
        `The playlist "${row.name}" changed while you were reordering it. Reload it and try again.`,
      )
    this.collections.reorder(row.id, itemIds, this.now())
    return this.get('playlist', row.name)
  }

  /** Sets these items' durations; null brings back the default (images 10 s, videos their length). */
  setDuration(name: string, itemIds: number[], durationMs: number | null): CollectionDetail {
    const row = this.find('playlist', name)
    this.checkItems(row.id, row.name, itemIds)
    this.collections.setDuration(row.id, itemIds, durationMs, this.now())
    return this.get('playlist', row.name)
  }

  /** Takes items out of a playlist or album; the media stay in the library. */
  removeItems(kind: CollectionKind, name: string, itemIds: number[]): CollectionDetail {
    const row = this.find(kind, name)
    this.checkItems(row.id, row.name, itemIds)
    this.collections.removeItems(row.id, itemIds, this.now())
    return this.get(kind, row.name)
  }

  remove(kind: CollectionKind, name: string): { id: number } {
    const row = this.collections.byName(kind, name)
    if (!row) throw new AppError('NOT_FOUND', `There is no ${kind} called "${name}".`)
    // Its sub-albums move up a level rather than vanish with it.
    this.collections.transaction(() => {
      this.tree.reparentChildren(row.id, row.parent_id)
      this.collections.remove(row.id)
    })
    return { id: row.id }
  }

  /** The collections that hold an asset (asked before an asset is removed from the library). */
  holding(assetId: number): Array<{ id: number; kind: CollectionKind; name: string }> {
    return this.collections.holding(assetId)
  }

  private shape(row: CollectionRow, durationMs: number): Collection {
    return toCollection(row, durationMs, this.tree.look(row.id, row.cover_asset_id))
  }

  private find(kind: CollectionKind, name: string) {
    const row = this.collections.byName(kind, name)
    if (!row) throw new AppError('NOT_FOUND', `There is no ${kind} called "${name}".`)
    return row
  }

  private checkItems(id: number, name: string, itemIds: number[]): void {
    const held = new Set(this.collections.items(id).map((i) => i.id))
    const unknown = itemIds.filter((itemId) => !held.has(itemId))
    if (unknown.length)
      throw new AppError(
        'NOT_FOUND',
        `"${name}" has no item ${unknown.join(', ')}; it may have changed. Reload it and try again.`,
      )
  }
}

export function effectiveDuration(
  item: Pick<ItemRow, 'durationMs' | 'type' | 'assetDurationMs'>,
): number {
  if (item.durationMs !== null) return item.durationMs
  if ((item.type === 'video' || item.type === 'audio') && item.assetDurationMs)
    return item.assetDurationMs
  return DEFAULT_IMAGE_DURATION_MS
}

function toItem(row: ItemRow): CollectionItem {
  return {
    id: row.id,
    kind: row.kind,
    assetId: row.assetId,
    url: row.url,
    integration:
      row.integrationId === null
        ? null
        : {
            id: row.integrationId,
            kind: row.integrationKind!,
            name: row.name,
            status: row.integrationStatus!,
            staleSince: row.integrationStaleSince,
            hasData: row.integrationHasData === 1,
          },
    position: row.position,
    durationMs: row.durationMs,
    effectiveDurationMs: effectiveDuration(row),
    name: row.name,
    type: row.type,
    status: row.status,
    sha256: row.sha256,
    offline: row.offline === 1,
    error: row.error,
  }
}

const an = (kind: CollectionKind): string => (kind === 'album' ? `an ${kind}` : `a ${kind}`)
const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

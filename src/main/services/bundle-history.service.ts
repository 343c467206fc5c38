import { createHash } from 'node:crypto'
import type { ExportSource } from '../../shared/contract'
import type { CollectionDetail } from '../../shared/domain'
import type { BundleHistoryEntry, BundlePlaylist } from '../../shared/exports'
import {
  describeChanges,
  diffPlaylist,
  hasChanges,
  type SnapshotItem,
} from '../export/playlist-diff'
import type {
  BundlePlaylistsRepository,
  PlaylistSnapshot,
} from '../repositories/bundle-playlists.repository'
import type { BundlesRepository } from '../repositories/bundles.repository'
import type { CollectionsService } from './collections.service'

/**
 * The export history with a verdict per bundle: the playlists it was made from are compared,
 * item by item, to what they hold now, so an operator knows which sticks need a new export and
 * why ("Lobby: 2 items added, 1 replaced").
 */
export class BundleHistoryService {
  constructor(
    private readonly bundles: BundlesRepository,
    private readonly snapshots: BundlePlaylistsRepository,
    private readonly collections: CollectionsService,
  ) {}

  /** The playlist or album an export is made from, as it is now; none for a search or assets. */
  snapshot(source: ExportSource): PlaylistSnapshot[] {
    const kind = source.playlist !== undefined ? 'playlist' : source.album ? 'album' : null
    if (!kind) return []
    return [toSnapshot(this.collections.get(kind, (source.playlist ?? source.album)!))]
  }

  record(bundleId: string, snapshots: PlaylistSnapshot[]): void {
    this.snapshots.record(bundleId, snapshots)
  }

  history(): BundleHistoryEntry[] {
    const recorded = this.snapshots.byBundle()
    const now = new Map<number, PlaylistSnapshot | null>()
    const current = (id: number): PlaylistSnapshot | null => {
      if (!now.has(id)) {
        const detail = this.collections.byId(id)
        now.set(id, detail ? toSnapshot(detail) : null)
      }
      return now.get(id)!
    }
    return this.bundles.list().map((bundle) => {
      const playlists = (recorded.get(bundle.bundleId) ?? []).map((then) =>
        compare(then, current(then.collectionId)),
      )
      return { ...bundle, playlists, outdated: playlists.some((p) => p.changes !== null) }
    })
  }
}

function compare(then: PlaylistSnapshot, now: PlaylistSnapshot | null): BundlePlaylist {
  const base = { collectionId: then.collectionId, kind: then.kind, name: then.name }
  if (!now) {
    const changes = {
      added: 0,
      removed: then.items.length,
      replaced: 0,
      durationsChanged: 0,
      reordered: false,
      nameNow: null,
      deleted: true,
    }
    return { ...base, changes, summary: describeChanges(then.name, changes) }
  }
  const renamed = now.name !== then.name ? now.name : null
  if (now.fingerprint === then.fingerprint && !renamed)
    return { ...base, changes: null, summary: null }
  const changes = { ...diffPlaylist(then.items, now.items), nameNow: renamed }
  return hasChanges(changes)
    ? { ...base, changes, summary: describeChanges(then.name, changes) }
    : { ...base, changes: null, summary: null }
}

function toSnapshot(detail: CollectionDetail): PlaylistSnapshot {
  // An album is exported unordered and without durations: only what it holds can make it stale.
  const album = detail.kind === 'album'
  const items: SnapshotItem[] = detail.items.map((i) => ({
    id: i.id,
    assetId: i.assetId,
    sha256: i.sha256,
    durationMs: album ? 0 : i.effectiveDurationMs,
  }))
  if (album) items.sort((a, b) => a.id - b.id)
  return {
    collectionId: detail.id,
    kind: detail.kind,
    name: detail.name,
    fingerprint: createHash('sha256').update(JSON.stringify(items)).digest('hex'),
    items,
  }
}

import type { ExportSource } from '../../shared/contract'
import { AppError } from '../errors'
import { objectPath } from '../export/manifest'
import type { MediaObject } from './export-objects'
import { widgetFile } from './export-widgets'
import type { AssetsService } from './assets.service'
import type { CollectionsService } from './collections.service'

/** One playlist entry to export: a library file, a web page, or an integration's snapshot. */
export type ExportEntry =
  | { kind: 'asset'; assetId: number; durationMs: number | null }
  | { kind: 'url'; url: string; durationMs: number }
  | { kind: 'integration'; integrationId: number; durationMs: number }

export interface ExportItems {
  /** What the bundle is called when the operator gives no name. */
  name: string
  playlists: Array<{
    id: string
    name: string
    items: ExportEntry[]
  }>
  assetIds: number[]
  /** Integrations whose snapshots go to widgets/<id>.json. */
  integrationIds: number[]
}

/**
 * What to export: a playlist (its order and durations), an album, a search, or assets. Every
 * bundle holds at least one playlist, so a player always has something to play.
 */
export function resolveExportItems(
  source: ExportSource,
  deps: { collections: CollectionsService; library: AssetsService },
): ExportItems {
  const chosen = [source.playlist, source.album, source.query, source.assetIds].filter(
    (x) => x !== undefined,
  )
  if (chosen.length !== 1) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'Export one thing: a playlist, an album, a search, or a list of assets.',
    )
  }
  if (source.playlist !== undefined) {
    const playlist = deps.collections.get('playlist', source.playlist)
    const items = playlist.items.map((i): ExportEntry => {
      const durationMs = i.effectiveDurationMs
      if (i.kind === 'url') return { kind: 'url', url: i.url!, durationMs }
      if (i.kind === 'integration')
        return { kind: 'integration', integrationId: i.integration!.id, durationMs }
      return { kind: 'asset', assetId: i.assetId!, durationMs }
    })
    return finish(playlist.name, [{ id: String(playlist.id), name: playlist.name, items }])
  }
  if (source.album !== undefined) {
    const album = deps.collections.get('album', source.album)
    const ids = [...new Set(album.items.flatMap((i) => (i.assetId === null ? [] : [i.assetId])))]
    ids.sort((a, b) => a - b)
    return finish(album.name, [{ id: String(album.id), name: album.name, items: assets(ids) }])
  }
  const ids =
    source.query !== undefined
      ? deps.library
          .list({ query: source.query, status: 'ready', limit: 10_000 })
          .items.map((a) => a.id)
      : [...new Set(source.assetIds!)].sort((a, b) => a - b)
  const name =
    source.query !== undefined
      ? source.query
      : ids.length === 1
        ? deps.library.get(ids[0]!).name
        : 'Export'
  return finish(name, [{ id: 'export', name, items: assets(ids) }])
}

const assets = (ids: number[]): ExportEntry[] =>
  ids.map((assetId) => ({ kind: 'asset', assetId, durationMs: null }))

function finish(name: string, playlists: ExportItems['playlists']): ExportItems {
  const entries = playlists.flatMap((p) => p.items)
  if (entries.length === 0)
    throw new AppError('INVALID_ARGUMENT', `"${name}" has nothing in it to export.`)
  const assetIds = [...new Set(entries.flatMap((e) => (e.kind === 'asset' ? [e.assetId] : [])))]
  const integrationIds = [
    ...new Set(entries.flatMap((e) => (e.kind === 'integration' ? [e.integrationId] : []))),
  ]
  return { name, playlists, assetIds, integrationIds }
}

/** A playlist entry as the manifest lists it: media items point at their prepared object. */
export function manifestEntry(entry: ExportEntry, objects: Map<number, MediaObject>) {
  if (entry.kind === 'url')
    return { type: 'url' as const, url: entry.url, durationMs: entry.durationMs }
  if (entry.kind === 'integration')
    return {
      type: 'widget' as const,
      widgetId: String(entry.integrationId),
      durationMs: entry.durationMs,
      file: widgetFile(entry.integrationId),
    }
  const o = objects.get(entry.assetId)!
  return {
    mediaId: String(entry.assetId),
    durationMs: entry.durationMs ?? o.durationMs ?? 10_000,
    object: objectPath(o.sha256, o.ext),
  }
}

import type { CollectionItem } from '../../shared/domain'
import { AppError } from '../errors'
import type { CollectionsService } from './collections.service'
import type { WidgetDocument, WidgetSource } from './export-widgets'

/** A cached variant of some content, cache-relative (`media/ab/cd/<sha>/large.webp`). */
export interface CachedVariant {
  variant: string
  path: string
}

/** The manifest the bundled player reads, made for the cache instead of a bundle. */
export interface PreviewManifest {
  name: string
  playlists: Array<{ id: string; name: string; items: PreviewItem[] }>
  media: Array<{ id: string; name: string; type: string }>
}

type PreviewItem =
  | { mediaId: string; durationMs: number; object: string }
  | { type: 'url'; url: string; durationMs: number }
  | { type: 'widget'; widgetId: string; durationMs: number; file: string }

/** Stills a player would show, best first; videos play their preview MP4. */
const IMAGE_ORDER = ['large', 'medium', 'small']

/**
 * "Preview" plays a playlist in the bundled player against the cache, with no export
 * (docs/decisions.md "Preview"). The player is served from `cache/.preview/<playlist id>/` so
 * that its `../<object>` URLs resolve to cache files: objects here are `../<cache path>`.
 * A missing variant is left pointing where it would be, and the player says it is missing.
 */
export class PreviewService {
  constructor(
    private readonly collections: Pick<CollectionsService, 'list' | 'get'>,
    private readonly variants: (sha256: string) => CachedVariant[],
    private readonly widgets: WidgetSource,
  ) {}

  build(playlistId: number): { manifest: PreviewManifest; widgets: WidgetDocument[] } {
    const playlist = this.collections.list('playlist').find((p) => p.id === playlistId)
    if (!playlist) throw new AppError('NOT_FOUND', `There is no playlist ${playlistId}.`)
    const detail = this.collections.get('playlist', playlist.name)
    const media: PreviewManifest['media'] = []
    const widgets = new Map<number, WidgetDocument>()
    const items = detail.items.map((item): PreviewItem => {
      const durationMs = item.effectiveDurationMs
      if (item.kind === 'url') return { type: 'url', url: item.url!, durationMs }
      if (item.kind === 'integration') {
        const id = item.integration!.id
        if (!widgets.has(id)) widgets.set(id, this.widget(id))
        return { type: 'widget', widgetId: String(id), durationMs, file: `widgets/${id}.json` }
      }
      const mediaId = `item-${item.id}`
      media.push({ id: mediaId, name: item.name, type: this.shownType(item) })
      return { mediaId, durationMs, object: `../${this.cachedPath(item)}` }
    })
    return {
      manifest: {
        name: `Preview of ${detail.name}`,
        playlists: [{ id: String(detail.id), name: detail.name, items }],
        media,
      },
      widgets: [...widgets.values()],
    }
  }

  /** Videos show their preview MP4; everything else its best still (a PDF's first page too). */
  private cachedPath(item: CollectionItem): string {
    const sha = item.sha256 ?? 'not-hashed-yet'
    const cached = item.sha256 ? this.variants(item.sha256) : []
    const wanted = item.type === 'video' ? ['preview'] : IMAGE_ORDER
    for (const variant of wanted) {
      const found = cached.find((c) => c.variant === variant)
      if (found) return found.path
    }
    const file = item.type === 'video' ? 'preview.mp4' : 'large.webp'
    return `media/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}/${file}`
  }

  private shownType(item: CollectionItem): string {
    return item.type === 'video' ? 'video' : 'image'
  }

  /** The integration's current data, its images pointing at the cache. */
  private widget(id: number): WidgetDocument {
    const snapshot = this.widgets.snapshot(id)
    return {
      schemaVersion: 1,
      id: String(id),
      kind: snapshot.kind,
      name: snapshot.name,
      fetchedAt: iso(snapshot.fetchedAt),
      staleSince: iso(snapshot.staleSince),
      data: snapshot.data ? (toCache(snapshot.data) as Record<string, unknown>) : null,
    }
  }
}

/** `files` of cached images are cache-relative; the player resolves `../<path>` from .preview/. */
function toCache(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCache)
  if (!value || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  return Object.fromEntries(
    Object.entries(record).map(([key, inner]) => {
      if (
        key === 'files' &&
        typeof record.original_url === 'string' &&
        inner &&
        typeof inner === 'object'
      )
        return [
          key,
          Object.fromEntries(
            Object.entries(inner as Record<string, unknown>).map(([v, p]) => [
              v,
              `../${String(p)}`,
            ]),
          ),
        ]
      return [key, toCache(inner)]
    }),
  )
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { IntegrationKind } from '../../shared/integrations'
import { AppError } from '../errors'
import { objectPath, type ManifestWidget } from '../export/manifest'

/** What an export reads of an integration: its latest data, as the poller left it. */
export interface WidgetSnapshot {
  id: number
  kind: IntegrationKind
  name: string
  data: Record<string, unknown> | null
  fetchedAt: number | null
  staleSince: number | null
}

/** The integration side of an export: snapshots, and the references that keep cached media. */
export interface WidgetSource {
  snapshot(integrationId: number): WidgetSnapshot
  /** Records that `owner` uses these cached items (integration_media_refs), replacing its old ones. */
  reference(owner: 'playlist' | 'bundle', ownerId: string, sha256s: string[]): void
}

/** A cached image copied into the bundle as a content-addressed object. */
export interface WidgetObject {
  name: string
  sha256: string
  ext: string
  size: number
  /** Absolute path of the cached variant. */
  file: string
}

export interface PreparedWidget {
  entry: ManifestWidget
  /** `widgets/<id>.json` as written: the data with image paths rewritten to bundle objects. */
  content: string
  /** The same document, for the bundled player's manifest.js (file:// pages cannot fetch). */
  document: WidgetDocument
  objects: WidgetObject[]
  /** The cache items (integration_media sha256) the snapshot uses. */
  cacheItems: string[]
}

export interface WidgetDocument {
  schemaVersion: 1
  id: string
  kind: IntegrationKind
  name: string
  fetchedAt: string | null
  staleSince: string | null
  data: Record<string, unknown> | null
}

/** `integrations/<day>/<sha256>/<variant>.webp`: the cache item is the folder's name. */
const CACHED_VARIANT = /^integrations\/[^/]+\/([0-9a-f]{64})\/[a-z]+\.webp$/

/**
 * Prepares one integration's snapshot for a bundle (docs/bundle-format.md "Widgets"): every
 * `{original_url, files}` image in its data gets its cached WebP variants hashed and named as
 * bundle objects (`objects/ab/cd/<sha256>.webp`, bundle-relative), so a player shows them with no
 * network. A variant that is gone from the cache is dropped from `files`; the player then shows
 * its placeholder, as the app does.
 */
export async function prepareWidget(
  snapshot: WidgetSnapshot,
  deps: {
    cacheDir: string
    hashFile: (path: string, signal?: AbortSignal) => Promise<string>
    sizeOf: (path: string) => Promise<number | null>
  },
  signal?: AbortSignal,
): Promise<PreparedWidget> {
  const objects = new Map<string, WidgetObject>()
  const cacheItems = new Set<string>()
  const rewrite = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(rewrite))
    if (!value || typeof value !== 'object') return value
    const record = value as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(record)) {
      out[key] =
        key === 'files' && typeof record.original_url === 'string' && isFiles(inner)
          ? await rewriteFiles(inner)
          : await rewrite(inner)
    }
    return out
  }
  const rewriteFiles = async (files: Record<string, string>): Promise<Record<string, string>> => {
    const out: Record<string, string> = {}
    for (const [variant, relPath] of Object.entries(files)) {
      signal?.throwIfAborted()
      const match = CACHED_VARIANT.exec(relPath)
      if (!match) continue
      const file = join(deps.cacheDir, ...relPath.split('/'))
      const size = await deps.sizeOf(file)
      if (size === null) continue
      const sha256 = await deps.hashFile(file, signal)
      objects.set(sha256, { name: `${snapshot.name} ${variant}`, sha256, ext: 'webp', size, file })
      cacheItems.add(match[1]!)
      out[variant] = objectPath(sha256, 'webp')
    }
    return out
  }

  const data = snapshot.data ? ((await rewrite(snapshot.data)) as Record<string, unknown>) : null
  const document: WidgetDocument = {
    schemaVersion: 1,
    id: String(snapshot.id),
    kind: snapshot.kind,
    name: snapshot.name,
    fetchedAt: iso(snapshot.fetchedAt),
    staleSince: iso(snapshot.staleSince),
    data,
  }
  const content = `${JSON.stringify(document, null, 2)}\n`
  const file = widgetFile(snapshot.id)
  return {
    entry: {
      id: String(snapshot.id),
      kind: snapshot.kind,
      name: snapshot.name,
      file,
      sha256: createHash('sha256').update(content, 'utf8').digest('hex'),
      size: Buffer.byteLength(content, 'utf8'),
      fetchedAt: document.fetchedAt,
      staleSince: document.staleSince,
      objects: [...objects.values()].map((o) => ({
        object: objectPath(o.sha256, o.ext),
        sha256: o.sha256,
        size: o.size,
        mime: 'image/webp',
      })),
    },
    content,
    document,
    objects: [...objects.values()],
    cacheItems: [...cacheItems],
  }
}

/** Every integration's snapshot for one export, in order. */
export async function prepareWidgets(
  ids: number[],
  deps: {
    widgets?: WidgetSource
    cacheDir: string
    files: {
      hashFile: (path: string, signal?: AbortSignal) => Promise<string>
      sizeOf: (path: string) => Promise<number | null>
    }
  },
  signal: AbortSignal,
): Promise<PreparedWidget[]> {
  if (ids.length === 0) return []
  const source = deps.widgets
  if (!source) throw new AppError('UNAVAILABLE', 'Integration items cannot be exported here.')
  const prepared: PreparedWidget[] = []
  for (const id of ids) {
    prepared.push(
      await prepareWidget(
        source.snapshot(id),
        {
          cacheDir: deps.cacheDir,
          hashFile: (path, s) => deps.files.hashFile(path, s),
          sizeOf: (path) => deps.files.sizeOf(path),
        },
        signal,
      ),
    )
  }
  return prepared
}

/**
 * The cached images a bundle holds stay referenced by the bundle, and by the playlist it was
 * made from (until that playlist's next export), so cache retention keeps them.
 */
export function referenceWidgetMedia(
  source: WidgetSource | undefined,
  bundleId: string,
  playlistId: string | null,
  widgets: PreparedWidget[],
): void {
  if (!source) return
  const used = [...new Set(widgets.flatMap((w) => w.cacheItems))]
  if (used.length > 0) source.reference('bundle', bundleId, used)
  if (playlistId !== null) source.reference('playlist', playlistId, used)
}

export const widgetFile = (integrationId: number | string): string =>
  `widgets/${integrationId}.json`

function isFiles(value: unknown): value is Record<string, string> {
  return (
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  )
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

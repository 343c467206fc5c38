/**
 * manifest.json, the commit point of a bundle (docs/bundle-format.md). The types mirror
 * docs/bundle-manifest.schema.json, which is the truth: `validateManifest` checks against it,
 * and then checks what a schema cannot say (an object's name is its hash, items point at media).
 */
import type { VideoFacts } from '../media/ffprobe-facts'
import type { ProfileLimits, PlayerProfile } from './profiles'
import { profileLimits } from './profiles'
import { manifestSchemaErrors } from './manifest-schema'

export const MANIFEST_SCHEMA_VERSION = 1

/** What a playlist item shows for when nothing says otherwise: images and documents. */
export const DEFAULT_ITEM_DURATION_MS = 10_000

export type MediaType = 'image' | 'video' | 'audio' | 'document'
export type Handling = 'copied' | 'remuxed' | 'transcoded' | 'converted'

export interface BundleManifest {
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION
  bundleId: string
  parentBundleId: string | null
  name: string
  /** ISO 8601 UTC. */
  createdAt: string
  generator: { name: string; version: string }
  profile: ProfileLimits
  playlists: ManifestPlaylist[]
  media: ManifestMedia[]
  /** Integration snapshots (`widgets/<id>.json`) and their images; left out when there are none. */
  widgets?: ManifestWidget[]
}

export interface ManifestPlaylist {
  id: string
  name: string
  items: ManifestItem[]
}

export type ManifestItem = ManifestMediaItem | ManifestUrlItem | ManifestWidgetItem

export interface ManifestMediaItem {
  mediaId: string
  durationMs: number
  object: string
}

/** A web page: players that show web pages open it (the bundled player: a sandboxed frame). */
export interface ManifestUrlItem {
  type: 'url'
  url: string
  durationMs: number
}

/** An integration's snapshot, rendered by the player like the app's live preview. */
export interface ManifestWidgetItem {
  type: 'widget'
  widgetId: string
  durationMs: number
  /** `widgets/<id>.json`. */
  file: string
}

/** An integration snapshot as the bundle holds it: the JSON file and the images it names. */
export interface ManifestWidget {
  /** The integration's id. */
  id: string
  kind: 'spotify' | 'feed'
  name: string
  file: string
  sha256: string
  size: number
  /** ISO 8601 UTC: when the data was fetched, and since when it was stale (null when fresh). */
  fetchedAt: string | null
  staleSince: string | null
  objects: Array<{ object: string; sha256: string; size: number; mime: string }>
}

export const isMediaItem = (item: ManifestItem): item is ManifestMediaItem => !('type' in item)

/** Every object path the manifest names (media and widget images), with its hash and size. */
export function manifestObjects(
  manifest: BundleManifest,
): Map<string, { sha256: string; size: number }> {
  const objects = new Map<string, { sha256: string; size: number }>()
  for (const media of manifest.media) {
    objects.set(media.object, { sha256: media.sha256, size: media.size })
  }
  for (const widget of manifest.widgets ?? []) {
    for (const o of widget.objects) objects.set(o.object, { sha256: o.sha256, size: o.size })
  }
  return objects
}

/** One object as the bundle holds it: after any transcode, so its facts are the output's. */
export interface ManifestMedia {
  id: string
  name: string
  type: MediaType
  mime: string
  size: number
  sha256: string
  object: string
  width: number | null
  height: number | null
  durationMs: number | null
  videoCodec: string | null
  profile: string | null
  level: string | null
  pixelFormat: string | null
  bitRate: number | null
  audioCodec: string | null
  handling: Handling
  source: { sha256: string; path: string; assetId: number }
}

export interface ManifestMediaInput {
  id: string | number
  name: string
  type: MediaType
  mime: string
  size: number
  sha256: string
  /** The object's extension without the dot: `mp4`, `webp`, `jpg`. */
  ext: string
  width: number | null
  height: number | null
  durationMs: number | null
  /** ffprobe facts of the bundle's file (the transcode, not the original); null for images. */
  facts: VideoFacts | null
  handling: Handling
  source: { sha256: string; path: string; assetId: number }
}

export interface ManifestInput {
  name: string
  bundleId: string
  parentBundleId: string | null
  /** Epoch milliseconds. */
  createdAt: number
  generator: { name: string; version: string }
  profile: PlayerProfile
  /** This export's choice; the profile's default when left out. */
  keepAudio?: boolean
  playlists: Array<{
    id: string | number
    name: string
    /** durationMs: videos and audio default to their length, everything else to 10 s. */
    items: Array<
      | {
          mediaId: string | number
          durationMs?: number | null
          /** Derived from the media; when given it must agree. */
          object?: string
        }
      | ManifestUrlItem
      | ManifestWidgetItem
    >
  }>
  media: ManifestMediaInput[]
  widgets?: ManifestWidget[]
}

/**
 * The manifest for these media and playlists. Pure; it throws on input no valid manifest can
 * come from (an item naming media that is not there). Run `validateManifest` before writing.
 */
export function buildManifest(input: ManifestInput): BundleManifest {
  const media = new Map<string, ManifestMedia>()
  for (const entry of input.media) {
    const built = mediaEntry(entry)
    const known = media.get(built.id)
    if (known && known.sha256 !== built.sha256) {
      throw new RangeError(`Media ${built.id} is listed twice with different content.`)
    }
    media.set(built.id, built)
  }
  const playlists = input.playlists.map((playlist) => ({
    id: String(playlist.id),
    name: playlist.name,
    items: playlist.items.map((item): ManifestItem => {
      if ('type' in item) return item
      const entry = media.get(String(item.mediaId))
      if (!entry) {
        throw new RangeError(
          `Playlist ${playlist.id} names media ${item.mediaId}, which is not in the bundle.`,
        )
      }
      if (item.object !== undefined && item.object !== entry.object) {
        throw new RangeError(
          `Playlist ${playlist.id} gives media ${entry.id} the object ${item.object}, not ${entry.object}.`,
        )
      }
      const durationMs =
        item.durationMs ??
        (entry.type === 'video' || entry.type === 'audio' ? entry.durationMs : null) ??
        DEFAULT_ITEM_DURATION_MS
      return { mediaId: entry.id, durationMs, object: entry.object }
    }),
  }))
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    bundleId: input.bundleId,
    parentBundleId: input.parentBundleId,
    name: input.name,
    createdAt: new Date(input.createdAt).toISOString(),
    generator: { name: input.generator.name, version: input.generator.version },
    profile: profileLimits(input.profile, input.keepAudio),
    playlists,
    media: [...media.values()],
    ...(input.widgets?.length ? { widgets: input.widgets } : {}),
  }
}

function mediaEntry(entry: ManifestMediaInput): ManifestMedia {
  const facts = entry.facts
  // Cover art in an MP3 is not video: parseFfprobe leaves hasVideo false for it.
  const video =
    facts?.hasVideo && facts.videoCodec ? { ...facts, videoCodec: facts.videoCodec } : null
  return {
    id: String(entry.id),
    name: entry.name,
    type: entry.type,
    mime: entry.mime,
    size: entry.size,
    sha256: entry.sha256,
    object: objectPath(entry.sha256, entry.ext),
    width: entry.width,
    height: entry.height,
    durationMs: entry.durationMs,
    videoCodec: video?.videoCodec ?? null,
    profile: video?.profile ?? null,
    level: video ? levelText(video.videoCodec, video.level) : null,
    pixelFormat: video?.pixelFormat ?? null,
    bitRate: facts?.bitRate != null ? Math.round(facts.bitRate) : null,
    audioCodec: facts?.hasAudio ? facts.audioCodec : null,
    handling: entry.handling,
    source: { sha256: entry.source.sha256, path: entry.source.path, assetId: entry.source.assetId },
  }
}

/** ffprobe's H.264 level is level_idc (41); people and players write 4.1. */
function levelText(codec: string, level: number | null): string | null {
  if (level === null) return null
  return codec === 'h264' ? (level / 10).toFixed(1) : String(level)
}

const SHA256 = /^[0-9a-f]{64}$/
const EXTENSION = /^[a-z0-9]+$/

/** `objects/ab/cd/<sha256>.<ext>`: two fan-out levels keep any folder small, even on FAT32. */
export function objectPath(sha256: string, ext: string): string {
  if (!SHA256.test(sha256)) throw new RangeError(`Not a lower-case SHA-256: "${sha256}".`)
  if (!EXTENSION.test(ext)) throw new RangeError(`Not an object extension: "${ext}".`)
  return `objects/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}.${ext}`
}

/** The bytes of manifest.json: indented so a person can read it on the stick, LF, final newline. */
export function serializeManifest(manifest: BundleManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

export type ManifestCheck = { ok: true; manifest: BundleManifest } | { ok: false; errors: string[] }

/** Schema first; only a manifest of the right shape gets the cross-reference checks. */
export function validateManifest(value: unknown): ManifestCheck {
  const errors = manifestSchemaErrors(value)
  if (errors.length > 0) return { ok: false, errors }
  const manifest = value as BundleManifest
  const references = referenceErrors(manifest)
  return references.length > 0 ? { ok: false, errors: references } : { ok: true, manifest }
}

function referenceErrors(manifest: BundleManifest): string[] {
  const errors: string[] = []
  const byId = new Map<string, ManifestMedia>()
  const sizeByObject = new Map<string, number>()
  manifest.media.forEach((media, index) => {
    const at = `media[${index}]`
    if (byId.has(media.id)) errors.push(`${at}.id: media ${media.id} is listed more than once`)
    byId.set(media.id, media)
    const named = media.object.slice(media.object.lastIndexOf('/') + 1).split('.')[0]
    if (named !== media.sha256) {
      errors.push(`${at}.object: the file name ${named} is not the object's sha256 ${media.sha256}`)
    }
    const size = sizeByObject.get(media.object)
    if (size !== undefined && size !== media.size) {
      errors.push(`${at}.size: ${media.object} is listed with sizes ${size} and ${media.size}`)
    }
    sizeByObject.set(media.object, media.size)
  })
  const widgets = new Set<string>()
  ;(manifest.widgets ?? []).forEach((widget, index) => {
    const at = `widgets[${index}]`
    if (widgets.has(widget.id))
      errors.push(`${at}.id: widget ${widget.id} is listed more than once`)
    widgets.add(widget.id)
    widget.objects.forEach((o, j) => {
      if (!o.object.includes(o.sha256))
        errors.push(`${at}.objects[${j}].object: the file name is not the object's sha256`)
    })
  })
  manifest.playlists.forEach((playlist, p) => {
    playlist.items.forEach((item, i) => {
      const at = `playlists[${p}].items[${i}]`
      if (!isMediaItem(item)) {
        if (item.type === 'widget' && !widgets.has(item.widgetId))
          errors.push(`${at}.widgetId: widget ${item.widgetId} is not in the manifest's widgets`)
        return
      }
      const media = byId.get(item.mediaId)
      if (!media) errors.push(`${at}.mediaId: media ${item.mediaId} is not in the manifest's media`)
      else if (media.object !== item.object) {
        errors.push(
          `${at}.object: ${item.object} is not media ${item.mediaId}'s object ${media.object}`,
        )
      }
    })
  })
  return errors
}

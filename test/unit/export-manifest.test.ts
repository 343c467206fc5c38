import { describe, expect, it } from 'vitest'
import type { VideoFacts } from '../../src/main/media/ffprobe-facts'
import {
  buildManifest,
  objectPath,
  serializeManifest,
  validateManifest,
  type ManifestInput,
} from '../../src/main/export/manifest'
import { PROFILES } from '../../src/main/export/profiles'
import { formatSha256Sums, parseSha256Sums } from '../../src/main/export/sha256sums'

const IMAGE_SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'
const VIDEO_SHA = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae'
const SOURCE_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

const videoFacts: VideoFacts = {
  durationMs: 31_000,
  width: 1920,
  height: 1080,
  rotation: 0,
  videoCodec: 'h264',
  profile: 'High',
  level: 41,
  pixelFormat: 'yuv420p',
  bitRate: 8_200_000,
  frameRate: 25,
  hasVideo: true,
  hasAudio: true,
  audioCodec: 'aac',
  audioChannels: 2,
  audioSampleRate: 48_000,
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
}

const input: ManifestInput = {
  name: 'Lobby',
  bundleId: '2f7c0c3e-9a51-4a47-bb0f-6a9d1b8f0f11',
  parentBundleId: null,
  createdAt: Date.UTC(2026, 10, 21, 9, 30),
  generator: { name: 'Marquee', version: '0.1.0' },
  profile: PROFILES['fhd-h264'],
  playlists: [{ id: 3, name: 'Lobby', items: [{ mediaId: 12 }, { mediaId: 15 }] }],
  media: [
    {
      id: 12,
      name: 'welcome.heic',
      type: 'image',
      mime: 'image/webp',
      size: 48_213,
      sha256: IMAGE_SHA,
      ext: 'webp',
      width: 1620,
      height: 1080,
      durationMs: null,
      facts: null,
      handling: 'converted',
      source: { sha256: SOURCE_SHA, path: '/mnt/nas/Lobby/welcome.heic', assetId: 12 },
    },
    {
      id: 15,
      name: 'promo.mov',
      type: 'video',
      mime: 'video/mp4',
      size: 18_234_567,
      sha256: VIDEO_SHA,
      ext: 'mp4',
      width: 1920,
      height: 1080,
      durationMs: 31_000,
      facts: videoFacts,
      handling: 'transcoded',
      source: { sha256: SOURCE_SHA, path: '/mnt/nas/Lobby/promo.mov', assetId: 15 },
    },
  ],
}

/** A valid manifest as plain JSON, for editing the way a person or a bad tool would. */
function json(): Record<string, unknown> & { media: Array<Record<string, unknown>> } {
  return JSON.parse(serializeManifest(buildManifest(input)))
}

function errorsOf(value: unknown): string[] {
  const check = validateManifest(value)
  return check.ok ? [] : check.errors
}

describe('buildManifest', () => {
  it('builds a manifest that matches the schema', () => {
    const manifest = buildManifest(input)
    expect(validateManifest(manifest)).toEqual({ ok: true, manifest })
  })

  it('names objects by hash, writes times as ISO UTC and levels as players write them', () => {
    const manifest = buildManifest(input)
    expect(manifest.createdAt).toBe('2026-11-21T09:30:00.000Z')
    expect(manifest.media[1]).toMatchObject({
      id: '15',
      object: `objects/2c/26/${VIDEO_SHA}.mp4`,
      videoCodec: 'h264',
      level: '4.1',
      audioCodec: 'aac',
      bitRate: 8_200_000,
    })
    expect(manifest.media[0]).toMatchObject({ videoCodec: null, level: null, bitRate: null })
  })

  it('shows images for 10 s and videos for their length unless told otherwise', () => {
    const items = buildManifest(input).playlists[0]!.items
    expect(items.map((i) => i.durationMs)).toEqual([10_000, 31_000])
    const timed = buildManifest({
      ...input,
      playlists: [{ id: 3, name: 'Lobby', items: [{ mediaId: 12, durationMs: 5_000 }] }],
    })
    expect(timed.playlists[0]!.items[0]!.durationMs).toBe(5_000)
  })

  it('refuses a playlist item whose media is not in the bundle', () => {
    const broken = { ...input, playlists: [{ id: 1, name: 'x', items: [{ mediaId: 99 }] }] }
    expect(() => buildManifest(broken)).toThrow('names media 99, which is not in the bundle')
  })
})

describe('validateManifest', () => {
  it('says which field is missing', () => {
    const manifest = json()
    delete manifest.media[0]!.sha256
    expect(errorsOf(manifest)).toEqual(['media[0]: missing "sha256"'])
  })

  it('says a hash is not a SHA-256', () => {
    const manifest = json()
    manifest.media[1]!.sha256 = 'ABC'
    expect(errorsOf(manifest)).toEqual([
      'media[1].sha256: "ABC" is not a SHA-256: 64 lower-case hex digits',
    ])
  })

  it('refuses a property the format does not have', () => {
    const manifest = json()
    manifest.media[0]!.colour = 'blue'
    expect(errorsOf(manifest)).toEqual(['media[0]: unexpected property "colour"'])
  })

  it('refuses an object path outside the fan-out layout', () => {
    const manifest = json()
    manifest.media[1]!.object = `objects/2c/${VIDEO_SHA}.mp4`
    const errors = errorsOf(manifest)
    expect(errors).toContain(
      `media[1].object: "objects/2c/${VIDEO_SHA}.mp4" is not an object path: objects/<first 2 hex>/<next 2 hex>/<sha256>.<ext>`,
    )
  })

  it('refuses an object named after another hash', () => {
    const manifest = json()
    manifest.media[1]!.object = `objects/9f/86/${IMAGE_SHA}.mp4`
    expect(errorsOf(manifest)).toEqual([
      `media[1].object: the file name ${IMAGE_SHA} is not the object's sha256 ${VIDEO_SHA}`,
      `playlists[0].items[1].object: objects/2c/26/${VIDEO_SHA}.mp4 is not media 15's object objects/9f/86/${IMAGE_SHA}.mp4`,
    ])
  })

  it('lists every problem with its place, not only the first', () => {
    const manifest = json()
    manifest.schemaVersion = 1
    manifest.media[0]!.handling = 'zipped'
    manifest.createdAt = 'yesterday'
    expect(errorsOf(manifest)).toEqual([
      'createdAt: "yesterday" is not an ISO 8601 UTC time such as 2026-11-21T09:30:00.000Z',
      'media[0].handling: must be one of "copied", "remuxed", "transcoded", "converted"',
    ])
  })

  it('tells a manifest from a newer Marquee apart from a broken one', () => {
    expect(errorsOf({ ...json(), schemaVersion: 2 })).toEqual([
      'schemaVersion: 2 is newer than this Marquee reads (1) — update Marquee to check this bundle',
    ])
  })

  it('reports something that is not a manifest at all', () => {
    expect(errorsOf(null)).toEqual(['manifest: must be object'])
  })
})

describe('objectPath', () => {
  it('fans objects out by the first two pairs of hex digits', () => {
    expect(objectPath(VIDEO_SHA, 'mp4')).toBe(`objects/2c/26/${VIDEO_SHA}.mp4`)
    expect(() => objectPath(VIDEO_SHA.toUpperCase(), 'mp4')).toThrow(RangeError)
    expect(() => objectPath(VIDEO_SHA, '.mp4')).toThrow(RangeError)
  })
})

describe('SHA256SUMS', () => {
  const entries = [
    { sha256: VIDEO_SHA, path: objectPath(VIDEO_SHA, 'mp4') },
    { sha256: IMAGE_SHA, path: objectPath(IMAGE_SHA, 'webp') },
  ]

  it('writes sha256sum text mode, sorted by path, LF, with a final newline', () => {
    expect(formatSha256Sums(entries)).toBe(
      `${VIDEO_SHA}  objects/2c/26/${VIDEO_SHA}.mp4\n${IMAGE_SHA}  objects/9f/86/${IMAGE_SHA}.webp\n`,
    )
  })

  it('reads back what it writes', () => {
    expect(parseSha256Sums(formatSha256Sums(entries))).toEqual({
      entries: [...entries].sort((a, b) => a.path.localeCompare(b.path)),
      errors: [],
    })
  })

  it('lists an object shared by two media once', () => {
    expect(formatSha256Sums([...entries, entries[0]!]).split('\n')).toHaveLength(3)
  })

  it('accepts the binary-mode marker and upper-case hex', () => {
    const text = `${VIDEO_SHA.toUpperCase()} *objects/a.mp4`
    expect(parseSha256Sums(text).entries).toEqual([{ sha256: VIDEO_SHA, path: 'objects/a.mp4' }])
  })

  it('reports malformed lines by number', () => {
    const text = `${VIDEO_SHA}  objects/a.mp4\nnot a line\n${IMAGE_SHA}  objects/b.webp\r\n`
    const parsed = parseSha256Sums(text)
    expect(parsed.entries).toHaveLength(1)
    expect(parsed.errors).toEqual([
      'line 2: expected "<64 hex digits>  <path>", found "not a line"',
      'line 3: ends in CR LF; sha256sum would look for a name ending in CR',
    ])
  })
})

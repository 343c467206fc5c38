import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { validateManifest } from '../../src/main/export/manifest'
import { verifyBundle } from '../../src/main/export/verify-bundle'
import { ffprobeJson, jpegWithOrientation, panorama, vp9Mkv } from '../fixtures/media'
import { noFaststartMp4, oversizeMp4, playerReadyMp4 } from '../support/export-fixtures'
import { indexAndProcess, isFaststart } from '../support/processing'
import { coreAt } from '../support/core'

let scratch: string
let core: Core
let media: string
const ids: Record<string, number> = {}

describe('exporting bundles to players', () => {
  beforeAll(async () => {
    scratch = execFileSync('mktemp', ['-d', join(tmpdir(), 'marquee-export-XXXXXX')])
      .toString()
      .trim()
    media = join(scratch, 'Signage — Café #1')
    mkdirSync(media)
    const files = {
      ready: await playerReadyMp4(media),
      remux: await noFaststartMp4(media),
      oversize: await oversizeMp4(media),
      vp9: await vp9Mkv(media),
      photo: await jpegWithOrientation(media, 'Menü ü 100%.jpg'),
      panorama: await panorama(media),
    }
    core = coreAt(join(scratch, 'data'))
    await core.services.roots.add({ path: media })
    await indexAndProcess(core)
    for (const [key, path] of Object.entries(files)) ids[key] = core.services.assets.byPath(path).id
    core.services.collections.create('playlist', 'Lobby')
    core.services.collections.add(
      'playlist',
      'Lobby',
      [ids.photo!, ids.ready!, ids.remux!, ids.oversize!, ids.vp9!],
      null,
    )
    core.services.collections.add('playlist', 'Lobby', [ids.panorama!], 4000)
  }, 180_000)
  afterAll(async () => {
    await core?.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  const bundle = (name: string) => join(scratch, 'usb', name)

  it('writes a bundle that sha256sum -c and verify-bundle both accept, with the manifest valid', async () => {
    const out = bundle('lobby')
    const result = await core.services.exports.run({
      source: { playlist: 'Lobby' },
      profile: 'fhd-h264',
      out,
      verify: true,
    })
    expect(result).toMatchObject({ objects: 6, copied: 6, skipped: 0, verified: true })
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: out })
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    expect(validateManifest(manifest).ok).toBe(true)
    const durations = manifest.playlists[0].items.map((i: { durationMs: number }) => i.durationMs)
    // Images 10 s, videos their own length (the VP9 file's container says 2.008 s), overrides kept.
    expect(durations.slice(0, 4)).toEqual([10_000, 2000, 2000, 1000])
    expect(Math.abs(durations[4] - 2000)).toBeLessThan(50)
    expect(durations[5]).toBe(4000)
    expect((await verifyBundle(out)).ok).toBe(true)
    expect(existsSync(join(out, '.staging'))).toBe(false)
  })

  it('copies compliant video, remuxes what only lacks faststart, transcodes the rest to H.264 High', async () => {
    const out = bundle('lobby')
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    const handling = Object.fromEntries(
      manifest.media.map((m: { id: string; handling: string }) => [m.id, m.handling]),
    )
    expect(handling[String(ids.ready)]).toBe('copied')
    expect(handling[String(ids.remux)]).toBe('remuxed')
    expect(handling[String(ids.oversize)]).toBe('transcoded')
    expect(handling[String(ids.vp9)]).toBe('transcoded')
    for (const m of manifest.media.filter((x: { type: string }) => x.type === 'video')) {
      const file = join(out, m.object)
      const video = (await ffprobeJson(file)).streams.find((s) => s.codec_type === 'video')!
      expect(video.codec_name).toBe('h264')
      expect(['High', 'Main', 'Constrained Baseline']).toContain(video.profile)
      expect(video.pix_fmt).toBe('yuv420p')
      expect(Number((video as { level?: number }).level)).toBeLessThanOrEqual(42)
      expect(Math.max(video.width!, video.height!)).toBeLessThanOrEqual(1920)
      expect(isFaststart(file)).toBe(true)
    }
  })

  it('converts images to the profile format within its bounds', async () => {
    const out = bundle('lobby')
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    const photo = manifest.media.find((m: { id: string }) => m.id === String(ids.photo))
    expect(photo).toMatchObject({
      mime: 'image/webp',
      width: 300,
      height: 400,
      handling: 'converted',
    })
    const pano = manifest.media.find((m: { id: string }) => m.id === String(ids.panorama))
    expect([pano.width, pano.height]).toEqual([1920, 128])
    const jpeg = await core.services.exports.run({
      source: { assetIds: [ids.photo!] },
      profile: 'fhd-h264-jpeg',
      out: bundle('jpeg'),
    })
    expect(jpeg.objects).toBe(1)
    const only = JSON.parse(readFileSync(join(bundle('jpeg'), 'manifest.json'), 'utf8')).media[0]
    expect(only.mime).toBe('image/jpeg')
  })

  it('copies nothing when an unchanged playlist is exported again, and records the parent', async () => {
    const out = bundle('lobby')
    const first = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    const again = await core.services.exports.run({
      source: { playlist: 'Lobby' },
      profile: 'fhd-h264',
      out,
    })
    expect(again).toMatchObject({ copied: 0, skipped: 6 })
    const second = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    expect(second.parentBundleId).toBe(first.bundleId)
    expect(core.services.exports.list().map((b) => b.bundleId)).toContain(again.bundleId)
  })

  it('reports a flipped byte, a deleted object and an edited manifest, each by file', async () => {
    const out = bundle('damaged')
    await core.services.exports.run({ source: { playlist: 'Lobby' }, profile: 'fhd-h264', out })
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    const [first, second] = manifest.media as Array<{ object: string }>
    if (!first || !second) throw new Error('the bundle should hold several objects')
    const bytes = readFileSync(join(out, first.object))
    const middle = bytes.length >> 1
    bytes[middle] = bytes[middle]! ^ 0xff
    writeFileSync(join(out, first.object), bytes)
    rmSync(join(out, second.object))
    const report = await verifyBundle(out)
    expect(report.ok).toBe(false)
    const files = report.problems
      .filter((p: { severity: string }) => p.severity === 'error')
      .map((p: { file: string }) => p.file)
    expect(files).toContain(first.object)
    expect(files).toContain(second.object)

    manifest.media[2].size += 1
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest))
    expect(
      (await verifyBundle(out)).problems.some((p) => p.file === manifest.media[2].object),
    ).toBe(true)
  })

  it('refuses an export that needs more space than the drive has, before copying anything', async (context) => {
    const small = join(scratch, 'tiny-stick')
    mkdirSync(small)
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small])
    } catch (error) {
      // CI runs as root and must run this; elsewhere, say plainly that it was skipped.
      if (process.env.CI) throw error
      context.skip()
    }
    try {
      await expect(
        core.services.exports.run({
          source: { playlist: 'Lobby' },
          profile: 'fhd-h264',
          out: small,
        }),
      ).rejects.toThrow(/Not enough space .* needs .* more/)
      expect(readdirSync(small)).toEqual([])
    } finally {
      execFileSync('umount', [small])
    }
  })

  it('refuses items that are not processed, naming them', async () => {
    const broken = join(media, 'broken.jpg')
    writeFileSync(broken, 'not an image')
    await indexAndProcess(core)
    const id = core.services.assets.byPath(broken).id
    await expect(
      core.services.exports.run({
        source: { assetIds: [id] },
        profile: 'fhd-h264',
        out: bundle('x'),
      }),
    ).rejects.toThrow(/broken\.jpg \(failed\)/)
    rmSync(broken)
  })
})

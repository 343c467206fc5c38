import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { verifyBundle } from '../../src/main/export/verify-bundle'
import { FFMPEG, jpegWithOrientation, textAsJpg, vp9Mkv } from '../fixtures/media'
import { HEIC_DIR } from '../fixtures/heic/pictures'
import { noFaststartMp4, oversizeMp4, playerReadyMp4 } from '../support/export-fixtures'
import { indexAndProcess } from '../support/processing'
import { cli } from '../support/cli'
import { coreAt } from '../support/core'

let scratch: string
let core: Core
const ids: Record<string, number> = {}
let lobby: number

/** HEVC in MP4, 720p: what an iPhone hands an operator. */
async function hevcMp4(dir: string): Promise<string> {
  const out = join(dir, 'iphone.mp4')
  await FFMPEG.run([
    ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=1'],
    ...['-c:v', 'libx265', '-preset', 'ultrafast', '-tag:v', 'hvc1', '-pix_fmt', 'yuv420p'],
    ...['-x265-params', 'log-level=error', '-movflags', '+faststart'],
    out,
  ])
  return out
}

const check = (profile?: string) =>
  core.services.compliance.check(lobby, profile).then((report) => ({
    ...report,
    byAsset: Object.fromEntries(report.items.map((i) => [i.assetId, i])),
  }))

beforeAll(async () => {
  scratch = execFileSync('mktemp', ['-d', join(tmpdir(), 'marquee-compliance-XXXXXX')])
    .toString()
    .trim()
  const media = join(scratch, 'media')
  mkdirSync(media)
  const heic = join(media, 'single.heic')
  copyFileSync(join(HEIC_DIR, 'single.heic'), heic)
  const files = {
    ready: await playerReadyMp4(media),
    remux: await noFaststartMp4(media),
    oversize: await oversizeMp4(media),
    vp9: await vp9Mkv(media),
    hevc: await hevcMp4(media),
    photo: await jpegWithOrientation(media),
    heic,
    broken: await textAsJpg(media),
  }
  core = coreAt(join(scratch, 'data'))
  // The CLI below joins this core through its socket, as it joins a running app.
  await core.listen()
  await core.services.roots.add({ path: media })
  await indexAndProcess(core)
  for (const [key, path] of Object.entries(files)) ids[key] = core.services.assets.byPath(path).id
  lobby = core.services.collections.create('playlist', 'Lobby').id
  const playable = ['ready', 'remux', 'oversize', 'vp9', 'hevc', 'photo', 'heic']
  core.services.collections.add(
    'playlist',
    'Lobby',
    [...playable, 'ready', 'broken'].map((k) => ids[k]!),
    null,
  )
  core.services.collections.create('playlist', 'Playable')
  core.services.collections.add(
    'playlist',
    'Playable',
    playable.map((k) => ids[k]!),
    null,
  )
}, 240_000)
afterAll(async () => {
  await core?.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('compliance: what each playlist item becomes for a player profile', () => {
  it('says per item what the export will do, in words, with a summary', async () => {
    const report = await check()
    expect(report.profile).toBe('fhd-h264')
    const label = (key: string) => report.byAsset[ids[key]!]!.label
    expect(label('ready')).toBe('plays as is')
    expect(label('remux')).toBe('will be remuxed')
    expect(report.byAsset[ids.remux!]!.reasons).toEqual(['no faststart'])
    expect(label('hevc')).toBe('will be transcoded: HEVC → H.264')
    expect(label('vp9')).toBe('will be transcoded: VP9 → H.264')
    expect(label('oversize')).toBe('will be transcoded: H.264 → H.264')
    expect(report.byAsset[ids.oversize!]!.reasons).toContain('2560×1440 is larger than 1920×1080')
    expect(label('photo')).toBe('will be converted: JPEG → WebP')
    expect(label('heic')).toBe('will be converted: HEIC → WebP')
    expect(label('broken')).toMatch(/^cannot play: processing failed: /)
    // One verdict per item: the asset that is in the playlist twice counts twice.
    expect(report.items).toHaveLength(9)
    expect(report.summary).toBe(
      '2 play as is, 1 will be remuxed, 3 will be transcoded, 2 will be converted, 1 cannot play',
    )
  })

  it('follows the profile: JPEG images for fhd-h264-jpeg, HEIC → JPEG', async () => {
    const report = await check('fhd-h264-jpeg')
    expect(report.byAsset[ids.heic!]!.label).toBe('will be converted: HEIC → JPEG')
    expect(report.byAsset[ids.photo!]!.label).toBe('will be converted: JPEG → JPEG')
  })

  it('agrees with what the export then does, item by item', async () => {
    const out = join(scratch, 'usb', 'playable')
    await core.services.exports.run({ source: { playlist: 'Playable' }, profile: 'fhd-h264', out })
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      media: Array<{ id: string; handling: string }>
    }
    const playable = core.services.collections.get('playlist', 'Playable')
    const report = await core.services.compliance.check(playable.id, 'fhd-h264')
    const expected: Record<string, string> = {
      plays: 'copied',
      remuxed: 'remuxed',
      transcoded: 'transcoded',
      converted: 'converted',
    }
    const fromCheck = Object.fromEntries(
      report.items.map((i) => [String(i.assetId), expected[i.outcome]]),
    )
    const fromExport = Object.fromEntries(manifest.media.map((m) => [m.id, m.handling]))
    expect(fromExport).toEqual(fromCheck)
  }, 240_000)

  it('checks against the playlist’s own profile once one is picked', async () => {
    core.services.profiles.setProfile(lobby, 'fhd-h264-jpeg')
    expect(core.services.collections.summaryById(lobby).profile).toBe('fhd-h264-jpeg')
    const report = await check()
    expect(report.profile).toBe('fhd-h264-jpeg')
    expect(report.byAsset[ids.photo!]!.label).toBe('will be converted: JPEG → JPEG')
    core.services.profiles.setProfile(lobby, 'fhd-h264')
  })

  it('refuses an unknown profile, naming the valid ones', async () => {
    await expect(check('vhs')).rejects.toThrow(/no player profile called "vhs".*fhd-h264/)
  })
})

describe('custom player profiles', () => {
  it('refuses bad fields with one sentence each', () => {
    const problems = (() => {
      try {
        core.services.profiles.add({
          name: 'Lobby 720p!',
          maxResolution: '1280 by 720',
          level: '9.9',
          maxBitRateMbps: 0,
          imageFormat: 'gif',
        })
      } catch (error) {
        return (error as Error).message.split('\n')
      }
      return []
    })()
    expect(problems).toEqual([
      expect.stringMatching(/^Name: use 1 to 40 lower-case letters/),
      expect.stringMatching(/^Maximum resolution: "1280 by 720" is not width×height/),
      expect.stringMatching(/^H\.264 level: use one of 3\.0, 3\.1/),
      expect.stringMatching(/^Maximum bit rate: at least 1 Mbit\/s/),
      expect.stringMatching(/^Image format: use one of jpeg, png, webp/),
    ])
  })

  it('refuses a name a built-in profile has', () => {
    expect(() =>
      core.services.profiles.add({
        name: 'fhd-h264',
        maxResolution: '1280x720',
        level: '4.0',
        maxBitRateMbps: 8,
        imageFormat: 'jpeg',
      }),
    ).toThrow(/built-in profile/)
  })

  it('exports with a custom profile into a bundle that verifies, images as PNG', async () => {
    const added = core.services.profiles.add({
      name: 'kiosk-720p',
      maxResolution: '1280x720',
      level: '3.1',
      maxBitRateMbps: 6,
      imageFormat: 'png',
    })
    expect(added).toMatchObject({ id: 'kiosk-720p', builtIn: false, maxWidth: 1280, level: '3.1' })
    // 3.1 holds 108,000 macroblocks/s: 30 fps at 720p.
    expect(added.maxFrameRate).toBe(30)
    expect(core.services.profiles.list().map((p) => p.id)).toContain('kiosk-720p')
    const report = await check('kiosk-720p')
    expect(report.byAsset[ids.photo!]!.label).toBe('will be converted: JPEG → PNG')

    // From the command line, as an operator preparing sticks in a shell would.
    const out = join(scratch, 'usb', 'kiosk')
    const dataDir = join(scratch, 'data')
    const exported = await cli([
      '--data-dir',
      dataDir,
      'export',
      '--playlist',
      'Playable',
      '--profile',
      'kiosk-720p',
      '--out',
      out,
      '--verify',
      '--json',
    ])
    expect(exported.code, exported.stderr).toBe(0)
    expect(JSON.parse(exported.stdout)).toMatchObject({ verified: true, objects: 7 })
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: out })
    expect((await verifyBundle(out)).ok).toBe(true)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      profile: { id: string; maxLongEdge: number; image: { format: string } }
      media: Array<{ mime: string; width: number; height: number }>
    }
    expect(manifest.profile).toMatchObject({ id: 'kiosk-720p', maxLongEdge: 1280 })
    expect(manifest.media.filter((m) => m.mime === 'image/png')).toHaveLength(2)
    for (const m of manifest.media) expect(Math.max(m.width, m.height)).toBeLessThanOrEqual(1280)
  }, 240_000)

  it('sets playlists back to the default profile when their custom one is deleted', async () => {
    core.services.profiles.setProfile(lobby, 'kiosk-720p')
    const removed = core.services.profiles.remove('kiosk-720p')
    expect(removed.fellBack).toEqual(['playlist Lobby'])
    expect(removed.warning).toMatch(/Playlist Lobby was set to "kiosk-720p" and now uses fhd-h264/)
    expect(core.services.collections.summaryById(lobby).profile).toBe('fhd-h264')
    expect((await check()).profile).toBe('fhd-h264')
  })
})

import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { coreAt } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'
import { tempDir } from '../support/temp'

/** A library on disk (rows only) with a playlist of one photo and one file not processed yet. */
async function library() {
  const dataDir = tempDir('marquee-data-')
  const core = coreAt(dataDir)
  const rootId = insertRoot(core.db, '/library/lobby')
  const ids = insertAssets(core.db, rootId, [
    { name: 'menu.jpg', sha256: 'a'.repeat(64), width: 4000, height: 3000 },
    { name: 'new.jpg', status: 'queued' },
  ])
  core.db.prepare("UPDATE assets SET mime = 'image/jpeg'").run()
  await core.dispatch('collections.create', { kind: 'playlist', name: 'Lobby' })
  await core.dispatch('collections.add', { kind: 'playlist', name: 'Lobby', assetIds: ids })
  await core.close()
  return (...args: string[]) => cli(['--data-dir', dataDir, ...args])
}

const KIOSK = [
  'profiles',
  'add',
  'kiosk',
  '--max-resolution',
  '1280x720',
  '--level',
  '4.0',
  '--max-bitrate',
  '8',
  '--image-format',
  'png',
]

describe('marquee profiles', () => {
  it('lists the built-in profiles with what they accept', async () => {
    const run = await library()
    const { code, stdout } = await run('profiles', 'ls', '--json')
    expect(code).toBe(0)
    const profiles = JSON.parse(stdout)
    expect(profiles.map((p: { id: string }) => p.id)).toEqual([
      'fhd-h264',
      'fhd-h264-jpeg',
      'uhd-h264',
    ])
    expect(profiles[0]).toMatchObject({
      builtIn: true,
      maxWidth: 1920,
      maxHeight: 1080,
      level: '4.1',
      maxBitRate: 20_000_000,
      imageFormat: 'webp',
      usedBy: ['playlist Lobby'],
    })
    const text = await run('profiles', 'ls')
    expect(text.stdout).toContain('uhd-h264: 4K H.264, WebP images\n')
  })

  it('adds a custom profile, refusing bad fields one sentence each and built-in names', async () => {
    const run = await library()
    const bad = await run(
      'profiles',
      'add',
      'kiosk',
      '--max-resolution',
      'big',
      '--level',
      '4.0',
      '--max-bitrate',
      '8',
      '--image-format',
      'gif',
    )
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('Maximum resolution: "big" is not width×height')
    expect(bad.stderr).toContain('Image format: use one of jpeg, png, webp.')
    const clash = await run('profiles', 'add', 'uhd-h264', ...KIOSK.slice(3))
    expect(clash.code).toBe(1)
    expect(clash.stderr).toMatch(/"uhd-h264" is a built-in profile/)

    const added = await run(...KIOSK, '--json')
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 'kiosk', builtIn: false, maxWidth: 1280 })
    expect((await run(...KIOSK)).stderr).toMatch(/already a profile called "kiosk"/)
  })

  it('sets a playlist’s profile, checks it, and falls back with a warning when it is deleted', async () => {
    const run = await library()
    await run(...KIOSK)
    expect((await run('profiles', 'use', 'kiosk', '--playlist', 'Lobby')).code).toBe(0)
    const check = await run('profiles', 'check', '--playlist', 'Lobby')
    // An item not processed yet makes the check fail: the export would refuse it.
    expect(check.code).toBe(1)
    expect(check.stdout).toContain(
      'Playlist Lobby for kiosk: 1 will be converted, 1 is not processed yet.',
    )
    expect(check.stdout).toContain('will be converted: JPEG → PNG (4000×3000 → 960×720)')
    // Without --profile, a playlist is exported for its own: the export gets as far as refusing
    // the item that is not processed, instead of asking for a profile.
    const exported = await run('export', '--playlist', 'Lobby', '--out', tempDir('marquee-usb-'))
    expect(exported.code).toBe(1)
    expect(exported.stderr).toContain('cannot be exported yet')
    const removed = await run('profiles', 'rm', 'kiosk')
    expect(removed.code).toBe(0)
    expect(removed.stderr).toContain(
      'marquee: Playlist Lobby was set to "kiosk" and now uses fhd-h264.',
    )
    const after = JSON.parse(
      (await run('profiles', 'check', '--playlist', 'Lobby', '--json')).stdout,
    )
    expect(after.profile).toBe('fhd-h264')
  })
})

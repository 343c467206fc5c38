import { execFileSync } from 'node:child_process'
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import { verifyBundle } from '../../src/main/export/verify-bundle'
import { outPath, photoLike } from '../fixtures/media-tools'
import { coreAt } from '../support/core'
import { indexAndProcess } from '../support/processing'

let scratch: string
let core: Core
let out: string

const PLAYER = ['player/index.html', 'player/manifest.js', 'player/player.css', 'player/player.js']

describe('the player every bundle carries', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'marquee-player-'))
    const media = join(scratch, 'Lobby')
    const paths = []
    for (const [name, seed] of [
      ['welcome.png', 1],
      ['menu.png', 2],
    ] as const) {
      const path = await outPath(media, name)
      await (await photoLike(320, 180, seed)).png().toFile(path)
      paths.push(path)
    }
    core = coreAt(join(scratch, 'data'))
    await core.services.roots.add({ path: media })
    await indexAndProcess(core)
    const ids = paths.map((p) => core.services.assets.byPath(p).id)
    core.services.collections.create('playlist', 'Lobby')
    core.services.collections.add('playlist', 'Lobby', ids, 1000)
    out = join(scratch, 'usb', 'lobby')
    await core.services.exports.run({ source: { playlist: 'Lobby' }, profile: 'fhd-h264', out })
  }, 120_000)
  afterAll(async () => {
    await core?.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  it('writes player/ and lists its files in SHA256SUMS, which sha256sum -c accepts', () => {
    for (const file of PLAYER) expect(existsSync(join(out, file)), file).toBe(true)
    const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8')
    const listed = sums.trim().split('\n')
    expect(listed.map((line) => line.slice(66)).filter((p) => p.startsWith('player/'))).toEqual(
      PLAYER,
    )
    expect(listed).toHaveLength(2 + PLAYER.length)
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' })
    expect(checked.trim().split('\n')).toHaveLength(listed.length)
    expect(checked).not.toMatch(/FAILED/)
  })

  it('gives the player the manifest as a script, since a file:// page cannot fetch it', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    const script = readFileSync(join(out, 'player/manifest.js'), 'utf8')
    const prefix = 'window.MARQUEE_MANIFEST = '
    expect(script.startsWith(prefix)).toBe(true)
    expect(JSON.parse(script.slice(prefix.length))).toEqual(manifest)
    const html = readFileSync(join(out, 'player/index.html'), 'utf8')
    expect(html).toMatch(/<script src="manifest\.js"><\/script>\s*<script src="player\.js">/)
    // No network: nothing in the player names another host.
    for (const file of ['index.html', 'player.js', 'player.css']) {
      expect(readFileSync(join(out, 'player', file), 'utf8')).not.toMatch(/https?:\/\//)
    }
  })

  it('verify-bundle passes the bundle, and names a player file changed on the stick', async () => {
    expect((await verifyBundle(out)).problems).toEqual([])
    const copy = join(scratch, 'usb', 'tampered')
    execFileSync('cp', ['-r', out, copy])
    appendFileSync(join(copy, 'player/player.js'), '\nalert(1)\n')
    writeFileSync(join(copy, 'player/extra.js'), 'alert(2)\n')
    const report = await verifyBundle(copy)
    expect(report.ok).toBe(false)
    // The app asks the same question through the contract.
    expect(await core.dispatch('bundles.verify', { dir: copy })).toEqual({
      ok: true,
      result: report,
    })
    expect(await core.dispatch('bundles.verify', { dir: out })).toMatchObject({
      ok: true,
      result: { ok: true, objects: 2, problems: [] },
    })
    expect(report.problems).toEqual([
      {
        file: 'player/player.js',
        problem: expect.stringMatching(/^sha256 mismatch/),
        severity: 'error',
      },
      {
        file: 'player/extra.js',
        problem: expect.stringMatching(/not listed in SHA256SUMS/),
        severity: 'error',
      },
    ])
    // What an export killed while writing the player leaves: a warning, not an error.
    rmSync(join(copy, 'player/extra.js'))
    writeFileSync(join(copy, 'player/.index.html.tmp'), '<!doctype html>')
    expect((await verifyBundle(copy)).problems).toContainEqual({
      file: 'player/.index.html.tmp',
      problem: expect.stringMatching(/temporary file/),
      severity: 'warning',
    })
    rmSync(join(copy, 'player/manifest.js'))
    expect((await verifyBundle(copy)).problems).toContainEqual({
      file: 'player/manifest.js',
      problem: 'missing',
      severity: 'error',
    })
  })

  it('rewrites the player on a re-export, so its manifest.js follows the new manifest', async () => {
    const first = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    await core.services.exports.run({
      source: { playlist: 'Lobby' },
      profile: 'fhd-h264',
      out,
      name: 'Lobby again',
    })
    const script = readFileSync(join(out, 'player/manifest.js'), 'utf8')
    expect(script).toContain('"name": "Lobby again"')
    expect(script).toContain(`"parentBundleId": "${first.bundleId}"`)
    expect((await verifyBundle(out)).ok).toBe(true)
  })
})

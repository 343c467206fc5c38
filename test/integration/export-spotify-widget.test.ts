import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/app'
import { call } from '../../src/main/cli/call'
import { verifyBundle } from '../../src/main/export/verify-bundle'
import { testCore } from '../support/core'
import { albumCover, FakeSpotify, startAccounts, trackAnswer } from '../support/fake-spotify'
import { tempDir } from '../support/temp'

let api: FakeSpotify
let accounts: Awaited<ReturnType<typeof startAccounts>>

beforeEach(async () => {
  api = await new FakeSpotify().start()
  accounts = await startAccounts()
})
afterEach(async () => {
  await api.stop()
  await accounts.stop()
})

/** A Spotify account connected through the fake accounts server (the test plays the browser). */
async function connectedSpotify(core: Core): Promise<number> {
  const added = await call(core, 'integrations.add', {
    kind: 'spotify',
    clientId: 'marquee-test',
    name: 'Lobby music',
    intervalMs: 3_600_000,
  })
  const start = await call(core, 'integrations.auth', { id: added.id })
  expect((await fetch(start.url)).status).toBe(200)
  await vi.waitFor(
    () => expect(core.services.integrations.get(added.id).tokenExpiresAt).not.toBeNull(),
    { timeout: 10_000 },
  )
  return added.id
}

describe('exporting a Spotify now-playing item', () => {
  it('writes the snapshot with its album art as bundle objects; the playlist warns once it needs re-auth', async () => {
    const scratch = tempDir('marquee-spotify-export-')
    const core = testCore(join(scratch, 'data'), {
      integrations: {
        env: { MARQUEE_SPOTIFY_ACCOUNTS_URL: accounts.url, MARQUEE_SPOTIFY_API_URL: api.url },
      },
    })
    const id = await connectedSpotify(core)
    const art = api.serve('/images/opera.jpg', await albumCover(640, 3))
    api.fallback = {
      status: 200,
      body: trackAnswer({ images: [{ url: art, width: 640, height: 640 }] }),
    }
    expect((await call(core, 'integrations.poll', { id })).status).toBe('connected')
    await call(core, 'collections.create', { kind: 'playlist', name: 'Lobby' })
    await call(core, 'collections.addItems', {
      name: 'Lobby',
      items: [{ kind: 'integration', integrationId: id, durationMs: 15_000 }],
    })
    const out = join(scratch, 'usb')
    await core.services.exports.run({ source: { playlist: 'Lobby' }, profile: 'fhd-h264', out })

    const widget = JSON.parse(readFileSync(join(out, 'widgets', `${id}.json`), 'utf8'))
    expect(widget).toMatchObject({ kind: 'spotify', name: 'Lobby music', staleSince: null })
    expect(widget.data).toMatchObject({
      track_name: 'Bohemian Rhapsody',
      artist_name: 'Queen',
      duration_formatted: '5:54',
    })
    const files = widget.data.album_art.files as Record<string, string>
    expect(Object.keys(files).sort()).toEqual(['full', 'preview', 'thumbnail'])
    expect(widget.data.album_art.original_url).toBe(art)
    const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8')
    for (const object of Object.values(files)) expect(sums).toContain(`  ${object}\n`)
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: out }).length).toBe(0)
    expect((await verifyBundle(out)).ok).toBe(true)
    // No token or secret goes to the stick.
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8')
    expect(`${manifest}${JSON.stringify(widget)}`).not.toMatch(/access_token|refresh_token/)

    // Spotify refuses the token and its refresh: the playlist row says so.
    accounts.onToken.change = (answer) => {
      answer.statusCode = 400
      answer.body = { error: 'invalid_grant' }
    }
    api.script.push({ status: 401 })
    expect((await call(core, 'integrations.poll', { id })).status).toBe('needs-reauth')
    const item = (await call(core, 'collections.get', { kind: 'playlist', name: 'Lobby' }))
      .items[0]!
    expect(item.integration).toMatchObject({ id, status: 'needs-reauth', hasData: true })
  }, 60_000)
})

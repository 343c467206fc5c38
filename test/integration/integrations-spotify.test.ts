import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/app'
import { call } from '../../src/main/cli/call'
import { createLogger } from '../../src/main/logger'
import type { Integration } from '../../src/shared/integrations'
import { testCore } from '../support/core'
import { albumCover, FakeSpotify, startAccounts, trackAnswer } from '../support/fake-spotify'
import { tempDir } from '../support/temp'

let api: FakeSpotify
let accounts: Awaited<ReturnType<typeof startAccounts>>

beforeEach(async () => {
  logLines = []
  api = await new FakeSpotify().start()
  accounts = await startAccounts()
})

afterEach(async () => {
  await api.stop()
  await accounts.stop()
})

/** Every log line of the cores, at debug level: tokens must never be among them. */
let logLines: string[] = []

function spotifyCore(dataDir = tempDir('marquee-data-'), revalidateMs = 3_600_000): Core {
  return testCore(dataDir, {
    logger: createLogger('debug', (line) => logLines.push(line)),
    integrations: {
      env: { MARQUEE_SPOTIFY_ACCOUNTS_URL: accounts.url, MARQUEE_SPOTIFY_API_URL: api.url },
      cacheLimits: { revalidateMs },
    },
  })
}

/** Adds a Spotify account and connects it, the test playing the browser. */
async function connected(core: Core, intervalMs = 60_000): Promise<Integration> {
  const added = await call(core, 'integrations.add', {
    kind: 'spotify',
    clientId: 'marquee-test',
    intervalMs,
  })
  const start = await call(core, 'integrations.auth', { id: added.id })
  const page = await fetch(start.url)
  expect(page.status).toBe(200)
  // A running poller may already have polled: anything but "needs auth" means connected.
  await vi.waitFor(
    () => expect(core.services.integrations.get(added.id).tokenExpiresAt).not.toBeNull(),
    { timeout: 10_000 },
  )
  return core.services.integrations.get(added.id)
}

describe('connecting a Spotify account (authorization code + PKCE, loopback redirect)', () => {
  it('sends the browser to Spotify with S256, a state and a 127.0.0.1 redirect, and stores the tokens', async () => {
    const core = spotifyCore()
    const added = await call(core, 'integrations.add', {
      kind: 'spotify',
      clientId: 'marquee-test',
    })
    expect(added.status).toBe('needs-auth')
    const start = await call(core, 'integrations.auth', { id: added.id })
    const url = new URL(start.url)
    expect(`${url.origin}${url.pathname}`).toBe(`${accounts.url}/authorize`)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32)
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)
    expect(url.searchParams.get('redirect_uri')).toBe(start.redirectUri)
    expect(core.services.integrations.get(added.id).pendingAuthUrl).toBe(start.url)

    // A callback that does not carry the state Marquee sent is refused, and changes nothing.
    const forged = await fetch(`${start.redirectUri}?code=stolen&state=not-the-one`)
    expect(forged.status).toBe(400)
    expect(core.services.integrations.get(added.id).status).toBe('needs-auth')

    expect((await fetch(start.url)).status).toBe(200)
    await vi.waitFor(
      () => expect(core.services.integrations.get(added.id).status).toBe('connected'),
      { timeout: 10_000 },
    )
    const exchange = accounts.tokens[0]!.request
    expect(exchange.grant_type).toBe('authorization_code')
    expect(exchange.client_id).toBe('marquee-test')
    expect(exchange.code_verifier).toMatch(/^[\w-]{43,128}$/)
    const now = core.services.integrations.get(added.id)
    expect(now.pendingAuthUrl).toBeNull()
    expect(now.tokenExpiresAt).toBeGreaterThan(Date.now() + 50 * 60_000)
    // One-shot: the listener is gone once it had its answer.
    await expect(fetch(start.redirectUri)).rejects.toThrow()
  })

  it('does not connect when the token endpoint refuses the code verifier', async () => {
    const core = spotifyCore()
    const added = await call(core, 'integrations.add', {
      kind: 'spotify',
      clientId: 'marquee-test',
    })
    accounts.onToken.change = (answer) => {
      answer.statusCode = 400
      answer.body = { error: 'invalid_grant', error_description: 'code_verifier was incorrect' }
    }
    const start = await call(core, 'integrations.auth', { id: added.id })
    await fetch(start.url)
    await vi.waitFor(
      () => expect(core.services.integrations.get(added.id).error).toMatch(/invalid_grant/),
      { timeout: 10_000 },
    )
    expect(core.services.integrations.get(added.id).status).toBe('needs-auth')
  })
})

describe('Spotify now playing', () => {
  it('turns a playing track into the widget data and caches the largest album art as three WebP variants', async () => {
    const core = spotifyCore()
    const { id } = await connected(core)
    const big = api.serve('/images/big.jpg', await albumCover(640, 1))
    const small = api.serve('/images/small.jpg', await albumCover(64, 2))
    api.script.push({
      status: 200,
      body: trackAnswer({
        artists: ['Queen', 'David Bowie'],
        images: [
          { url: small, width: 64, height: 64 },
          { url: big, width: 640, height: 640 },
        ],
      }),
    })
    const result = await call(core, 'integrations.poll', { id })
    expect(result.status).toBe('connected')
    const data = result.data!
    expect(data).toMatchObject({
      track_name: 'Bohemian Rhapsody',
      artist_name: 'Queen, David Bowie',
      album_name: 'A Night at the Opera',
      album_art_url: big,
      duration_ms: 354_000,
      duration_formatted: '5:54',
      progress_ms: 120_000,
      progress_formatted: '2:00',
      progress_percent: '33.9%',
      is_playing: true,
    })
    const art = data.album_art as { original_url: string; files: Record<string, string> }
    expect(art.original_url).toBe(big)
    expect(Object.keys(art.files).sort()).toEqual(['full', 'preview', 'thumbnail'])
    const day = new Date().toISOString().slice(0, 10)
    expect(art.files.thumbnail).toMatch(
      new RegExp(`^integrations/${day}/[0-9a-f]{64}/thumbnail\\.webp$`),
    )
    const sharp = (await import('sharp')).default
    const size = async (rel: string) => {
      const meta = await sharp(join(core.paths.cacheDir, rel)).metadata()
      return [meta.format, meta.width, meta.height]
    }
    expect(await size(art.files.thumbnail!)).toEqual(['webp', 150, 150])
    // 640 px fits inside 800×600 at 600×600; nothing is enlarged.
    expect(await size(art.files.preview!)).toEqual(['webp', 600, 600])
    expect(await size(art.files.full!)).toEqual(['webp', 640, 640])
    const metadata = JSON.parse(
      readFileSync(join(core.paths.cacheDir, art.files.full!, '..', 'metadata.json'), 'utf8'),
    )
    expect(metadata.sourceUrls).toEqual([big])
    const view = core.services.integrations.get(id)
    expect(view.image).toEqual({ kind: 'local', path: art.files.preview })
    expect(view.cacheBytes).toBeGreaterThan(0)
  })

  it('shows "No track playing" for 204 and for an answer whose item is null', async () => {
    const core = spotifyCore()
    const { id } = await connected(core)
    api.script.push(
      { status: 204 },
      { status: 200, body: { is_playing: false, item: null, progress_ms: 0 } },
    )
    for (let i = 0; i < 2; i++) {
      const result = await call(core, 'integrations.poll', { id })
      expect(result.status).toBe('connected')
      expect(result.data).toMatchObject({
        track_name: 'No track playing',
        artist_name: '',
        album_art_url: null,
        is_playing: false,
        progress_percent: '0.0%',
      })
    }
  })

  it('refreshes on 401 and asks again, saving the rotated refresh token for the next refresh', async () => {
    const core = spotifyCore()
    const { id } = await connected(core)
    const first = accounts.tokens[0]!.body
    api.script.push({ status: 401 }, { status: 204 })
    expect((await call(core, 'integrations.poll', { id })).status).toBe('connected')
    const refresh = accounts.tokens[1]!
    expect(refresh.request).toMatchObject({
      grant_type: 'refresh_token',
      client_id: 'marquee-test',
    })
    expect(refresh.request.refresh_token).toBe(first.refresh_token)
    const [old, retried] = api.nowPlayingRequests().slice(-2)
    expect(old!.authorization).toBe(`Bearer ${String(first.access_token)}`)
    expect(retried!.authorization).toBe(`Bearer ${String(refresh.body.access_token)}`)

    // The rotated refresh token replaced the old one: the next refresh sends it.
    api.script.push({ status: 401 }, { status: 204 })
    await call(core, 'integrations.poll', { id })
    expect(accounts.tokens[2]!.request.refresh_token).toBe(refresh.body.refresh_token)
    expect(refresh.body.refresh_token).not.toBe(first.refresh_token)
  })

  it('keeps the refresh token when a refresh does not rotate it', async () => {
    const core = spotifyCore()
    const { id } = await connected(core)
    const original = String(accounts.tokens[0]!.body.refresh_token)
    accounts.onToken.change = (answer, request) => {
      if (request.grant_type === 'refresh_token') delete answer.body.refresh_token
    }
    for (let i = 0; i < 2; i++) {
      api.script.push({ status: 401 }, { status: 204 })
      expect((await call(core, 'integrations.poll', { id })).status).toBe('connected')
    }
    expect(accounts.tokens.slice(1).map((t) => t.request.refresh_token)).toEqual([
      original,
      original,
    ])
  })

  it('refreshes five minutes before the token expires, before asking', async () => {
    const core = spotifyCore()
    accounts.onToken.change = (answer) => void (answer.body.expires_in = 240)
    const { id, tokenExpiresAt } = await connected(core)
    expect(tokenExpiresAt! - Date.now()).toBeLessThan(5 * 60_000)
    accounts.onToken.change = undefined
    api.script.push({ status: 204 })
    await call(core, 'integrations.poll', { id })
    expect(accounts.tokens.map((t) => t.request.grant_type)).toEqual([
      'authorization_code',
      'refresh_token',
    ])
    expect(api.nowPlayingRequests()).toHaveLength(1)
    expect(api.nowPlayingRequests()[0]!.authorization).toBe(
      `Bearer ${String(accounts.tokens[1]!.body.access_token)}`,
    )
    expect(core.services.integrations.get(id).tokenExpiresAt).toBeGreaterThan(
      Date.now() + 50 * 60_000,
    )
  })

  it('asks for a new connection when Spotify refuses the refresh (401 → refresh refused)', async () => {
    const core = spotifyCore()
    const { id } = await connected(core)
    accounts.onToken.change = (answer) => {
      answer.statusCode = 400
      answer.body = { error: 'invalid_grant', error_description: 'Refresh token revoked' }
    }
    api.script.push({ status: 401 })
    const result = await call(core, 'integrations.poll', { id })
    expect(result.status).toBe('needs-reauth')
    const view = core.services.integrations.get(id)
    expect(view.error).toMatch(/connect it again/)
    expect(view.nextFetchAt).toBeNull()
    expect(api.nowPlayingRequests()).toHaveLength(1)
  })

  it('waits exactly as long as Retry-After says after a 429, with no request before', async () => {
    const core = spotifyCore()
    api.script.push({ status: 429, headers: { 'Retry-After': '2' } }, { status: 204 })
    core.services.integrationPoller.start()
    const { id } = await connected(core, 60_000)
    await vi.waitFor(() => expect(core.services.integrations.get(id).status).toBe('rate-limited'), {
      timeout: 10_000,
    })
    const limited = core.services.integrations.get(id)
    const first = api.nowPlayingRequests()[0]!
    expect(limited.rateLimitedUntil! - first.at).toBeGreaterThanOrEqual(2000)
    expect(limited.rateLimitedUntil! - first.at).toBeLessThan(2500)
    expect(limited.nextFetchAt).toBe(limited.rateLimitedUntil)
    // Asking now sends nothing: it says how long to wait.
    const early = await call(core, 'integrations.poll', { id })
    expect(early.status).toBe('rate-limited')
    expect(early.retryAfterMs).toBeGreaterThan(0)
    expect(api.nowPlayingRequests()).toHaveLength(1)
    await vi.waitFor(() => expect(core.services.integrations.get(id).status).toBe('connected'), {
      timeout: 5_000,
    })
    const second = api.nowPlayingRequests()[1]!
    expect(second.at).toBeGreaterThanOrEqual(limited.rateLimitedUntil!)
    expect(core.services.integrations.get(id).rateLimitedUntil).toBeNull()
  })

  it('remembers a Retry-After across a restart: the next instance does not ask before it', async () => {
    const dataDir = tempDir('marquee-data-')
    const first = spotifyCore(dataDir)
    const { id } = await connected(first)
    api.script.push({ status: 429, headers: { 'Retry-After': '2' } })
    await call(first, 'integrations.poll', { id })
    const until = first.services.integrations.get(id).rateLimitedUntil!
    await first.close()
    const second = spotifyCore(dataDir)
    second.services.integrationPoller.start()
    await vi.waitFor(() => expect(api.nowPlayingRequests()).toHaveLength(2), { timeout: 5_000 })
    expect(api.nowPlayingRequests()[1]!.at).toBeGreaterThanOrEqual(until)
  })

  it('polls nothing while paused, and soon after it is resumed', async () => {
    const core = spotifyCore()
    core.services.integrationPoller.start()
    const { id } = await connected(core, 60_000)
    await vi.waitFor(() => expect(api.nowPlayingRequests()).toHaveLength(1), { timeout: 10_000 })
    const paused = await call(core, 'integrations.update', { id, paused: true })
    expect(paused).toMatchObject({ status: 'paused', nextFetchAt: null })
    const resumed = await call(core, 'integrations.update', { id, paused: false })
    expect(resumed.nextFetchAt).toBeLessThanOrEqual(Date.now())
    await vi.waitFor(() => expect(api.nowPlayingRequests()).toHaveLength(2), { timeout: 10_000 })
  })

  it('keeps the last data, marked stale, when Spotify cannot be reached', async () => {
    const core = spotifyCore()
    const { id } = await connected(core)
    api.script.push({ status: 200, body: trackAnswer({ name: 'Under Pressure' }) })
    await call(core, 'integrations.poll', { id })
    await api.stop()
    const before = Date.now()
    const result = await call(core, 'integrations.poll', { id })
    expect(result.status).toBe('error')
    const view = core.services.integrations.get(id)
    expect(view.data).toMatchObject({ track_name: 'Under Pressure' })
    expect(view.staleSince).toBeGreaterThanOrEqual(before)
    expect(view.error).toMatch(/could not be reached/)
    // Backs off: the next try is at least one interval away.
    expect(view.nextFetchAt! - before).toBeGreaterThanOrEqual(60_000)
    await api.start()
  })

  it('caches album art by content: two URLs with the same picture share one copy', async () => {
    const core = spotifyCore()
    const { id } = await connected(core)
    const cover = await albumCover(300, 7)
    const a = api.serve('/images/a.jpg', cover)
    const b = api.serve('/cdn/other-name.jpg', cover)
    for (const url of [a, b])
      api.script.push({
        status: 200,
        body: trackAnswer({ images: [{ url, width: 300, height: 300 }] }),
      })
    const first = await call(core, 'integrations.poll', { id })
    const second = await call(core, 'integrations.poll', { id })
    const files = (r: typeof first) =>
      (r.data!.album_art as { files: Record<string, string> }).files
    expect(files(second)).toEqual(files(first))
    const day = readdirSync(join(core.paths.cacheDir, 'integrations'))
    expect(day).toHaveLength(1)
    expect(readdirSync(join(core.paths.cacheDir, 'integrations', day[0]!))).toHaveLength(1)
    const metadata = JSON.parse(
      readFileSync(join(core.paths.cacheDir, files(first).full!, '..', 'metadata.json'), 'utf8'),
    )
    expect(metadata.sourceUrls.sort()).toEqual([a, b].sort())
  })

  it('notices a changed picture behind the same URL (ETag), instead of keeping the old one', async () => {
    const core = spotifyCore(tempDir('marquee-data-'), 0)
    const { id } = await connected(core)
    const url = api.serve('/images/cover.jpg', await albumCover(200, 1))
    const answer = {
      status: 200,
      body: trackAnswer({ images: [{ url, width: 200, height: 200 }] }),
    }
    api.script.push(answer, answer, answer)
    const files = async () =>
      (
        (await call(core, 'integrations.poll', { id })).data!.album_art as {
          files: Record<string, string>
        }
      ).files.full
    const first = await files()
    expect(await files()).toBe(first) // 304: the same copy, nothing downloaded again
    api.serve('/images/cover.jpg', await albumCover(200, 2))
    expect(await files()).not.toBe(first)
  })

  it('never writes a token anywhere in the data directory, the log included', async () => {
    const dataDir = tempDir('marquee-data-')
    const core = spotifyCore(dataDir)
    const events: string[] = []
    core.events.subscribe((event, payload) => events.push(JSON.stringify({ event, payload })))
    const { id } = await connected(core)
    api.script.push({ status: 401 }, { status: 200, body: trackAnswer({}) }, { status: 500 })
    await call(core, 'integrations.poll', { id })
    await call(core, 'integrations.poll', { id })
    accounts.onToken.change = (answer) => {
      answer.statusCode = 400
      answer.body = { error: 'invalid_grant' }
    }
    api.script.push({ status: 401 })
    await call(core, 'integrations.poll', { id })
    const secrets = accounts.tokens.flatMap((t) =>
      [t.body.access_token, t.body.refresh_token].filter((v): v is string => typeof v === 'string'),
    )
    expect(secrets.length).toBeGreaterThanOrEqual(4)
    const listed = JSON.stringify(await call(core, 'integrations.list', undefined))
    const everything = [
      listed,
      ...events,
      ...filesUnder(dataDir).map((f) => readFileSync(f).toString('latin1')),
    ]
    for (const secret of secrets)
      for (const text of everything) expect(text.includes(secret)).toBe(false)
    // The key file is the user's alone.
    expect(statSync(join(dataDir, 'secrets.key')).mode & 0o777).toBe(0o600)
  })
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

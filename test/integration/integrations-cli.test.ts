import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src/main/cli/run'
import type { CliIo } from '../../src/main/cli/io'
import { cli } from '../support/cli'
import { testCore } from '../support/core'
import { albumCover, FakeSpotify, startAccounts, trackAnswer } from '../support/fake-spotify'
import { tempDir } from '../support/temp'
import { sourceWorkers } from '../support/workers'

let api: FakeSpotify
let accounts: Awaited<ReturnType<typeof startAccounts>>

beforeEach(async () => {
  api = await new FakeSpotify().start()
  accounts = await startAccounts()
  // The CLI's core reads the endpoints from the environment, as `marquee` would.
  process.env.MARQUEE_SPOTIFY_ACCOUNTS_URL = accounts.url
  process.env.MARQUEE_SPOTIFY_API_URL = api.url
})

afterEach(async () => {
  delete process.env.MARQUEE_SPOTIFY_ACCOUNTS_URL
  delete process.env.MARQUEE_SPOTIFY_API_URL
  await api.stop()
  await accounts.stop()
})

/** `marquee auth`, the test playing the user who opens the printed address in a browser. */
async function authInBrowser(dataDir: string, id: number) {
  let stdout = ''
  let visited: Promise<Response> | undefined
  const io: CliIo = {
    stdout: (text) => {
      stdout += text
      const url = /^Open this address to connect: (\S+)$/m.exec(stdout)?.[1]
      if (url && !visited) visited = fetch(url)
    },
    stderr: () => undefined,
    env: {},
    cwd: process.cwd(),
    isTTY: false,
    untilShutdown: new Promise(() => undefined),
    rendererDir: tempDir(),
    workers: sourceWorkers,
  }
  const code = await runCli(
    ['--data-dir', dataDir, 'integrations', 'auth', String(id), '--no-browser', '--json'],
    io,
  )
  expect((await visited!).status).toBe(200)
  return { code, lines: stdout.trim().split('\n') }
}

describe('marquee integrations', () => {
  it('adds, connects, fetches, lists and removes a Spotify account, with the documented JSON', async () => {
    const dataDir = tempDir('marquee-data-')
    const add = await cli([
      '--data-dir',
      dataDir,
      'integrations',
      'add',
      'spotify',
      '--client-id',
      'marquee-test',
      '--interval',
      '20',
      '--json',
    ])
    expect(add.code).toBe(0)
    expect(JSON.parse(add.stdout)).toEqual({ id: 1, kind: 'spotify', status: 'needs-auth' })

    const auth = await authInBrowser(dataDir, 1)
    expect(auth.code).toBe(0)
    expect(auth.lines[0]).toMatch(
      /^Open this address to connect: http:\/\/127\.0\.0\.1:\d+\/authorize\?/,
    )
    expect(JSON.parse(auth.lines.at(-1)!)).toEqual({ id: 1, status: 'connected' })

    const art = api.serve('/images/cover.jpg', await albumCover(320, 5))
    api.script.push({
      status: 200,
      body: trackAnswer({ images: [{ url: art, width: 320, height: 320 }] }),
    })
    const fetched = await cli(['--data-dir', dataDir, 'integrations', 'fetch', '1', '--json'])
    expect(fetched.code).toBe(0)
    const result = JSON.parse(fetched.stdout)
    expect(Object.keys(result)).toEqual(['id', 'status', 'data', 'retryAfterMs'])
    expect(result).toMatchObject({ id: 1, status: 'connected', retryAfterMs: null })
    expect(result.data).toMatchObject({
      track_name: 'Bohemian Rhapsody',
      duration_formatted: '5:54',
    })

    const human = await cli(['--data-dir', dataDir, 'integrations', 'fetch', '1'])
    expect(human.stdout).toBe('No track playing\n')

    const ls = await cli(['--data-dir', dataDir, 'integrations', 'ls', '--json'])
    const [listed] = JSON.parse(ls.stdout)
    expect(Object.keys(listed)).toEqual([
      'id',
      'kind',
      'name',
      'status',
      'lastFetchAt',
      'nextFetchAt',
      'error',
      'tokenExpiresAt',
      'rateLimitedUntil',
      'cacheBytes',
    ])
    expect(listed).toMatchObject({ id: 1, kind: 'spotify', name: 'Spotify', status: 'connected' })
    // The cover the last fetch used is gone from the data ("No track playing"): no bytes held.
    expect(listed.cacheBytes).toBe(0)
    for (const token of accounts.tokens.map((t) => String(t.body.refresh_token)))
      expect(ls.stdout + fetched.stdout + auth.lines.join('\n')).not.toContain(token)

    const optimize = await cli(['--data-dir', dataDir, 'cache', 'optimize', '--dry-run', '--json'])
    expect(JSON.parse(optimize.stdout)).toEqual({
      removed: 0,
      kept: 1,
      freedBytes: 0,
      dryRun: true,
    })

    const rm = await cli(['--data-dir', dataDir, 'integrations', 'rm', '1', '--json'])
    expect(JSON.parse(rm.stdout)).toEqual({ id: 1 })
    const after = await cli(['--data-dir', dataDir, 'integrations', 'ls', '--json'])
    expect(JSON.parse(after.stdout)).toEqual([])
  })

  it('connects through the running instance: its listener, its poller, the CLI told by events', async () => {
    const dataDir = tempDir('marquee-data-')
    const core = testCore(dataDir)
    await core.listen()
    core.services.integrationPoller.start()
    api.fallback = { status: 200, body: trackAnswer({ name: 'Killer Queen' }) }
    const add = await cli([
      '--data-dir',
      dataDir,
      'integrations',
      'add',
      'spotify',
      '--client-id',
      'x',
      '--json',
    ])
    expect(JSON.parse(add.stdout)).toMatchObject({ id: 1, status: 'needs-auth' })
    const auth = await authInBrowser(dataDir, 1)
    expect(JSON.parse(auth.lines.at(-1)!)).toEqual({ id: 1, status: 'connected' })
    // The running instance polls a freshly connected account at once.
    await vi.waitFor(
      () =>
        expect(core.services.integrations.get(1).data).toMatchObject({
          track_name: 'Killer Queen',
        }),
      { timeout: 10_000 },
    )
  })

  it('says how long to wait when Spotify rate-limits, and exits 1', async () => {
    const dataDir = tempDir('marquee-data-')
    await cli(['--data-dir', dataDir, 'integrations', 'add', 'spotify', '--client-id', 'abc'])
    await authInBrowser(dataDir, 1)
    api.script.push({ status: 429, headers: { 'Retry-After': '30' } })
    const limited = await cli(['--data-dir', dataDir, 'integrations', 'fetch', '1', '--json'])
    expect(limited.code).toBe(1)
    const result = JSON.parse(limited.stdout)
    expect(result.status).toBe('rate-limited')
    expect(result.retryAfterMs).toBe(30_000)
    const again = await cli(['--data-dir', dataDir, 'integrations', 'fetch', '1'])
    expect(again.stdout).toMatch(
      /^Rate limited: the service accepts requests again in (29|30) s\.$/m,
    )
    expect(api.nowPlayingRequests()).toHaveLength(1)
  })

  it('adds a feed with headers and media fields from the command line', async () => {
    const dataDir = tempDir('marquee-data-')
    const image = api.serve('/img/a.jpg', await albumCover(200, 9))
    api.serve(
      '/feed.json',
      Buffer.from(JSON.stringify({ items: [{ img: image }] })),
      'application/json',
    )
    const add = await cli([
      '--data-dir',
      dataDir,
      'integrations',
      'add',
      'feed',
      '--url',
      `${api.url}/feed.json`,
      '--header',
      'X-Screen: lobby',
      '--secret-header',
      'Authorization: Bearer k-123456',
      '--media-field',
      'items[*].img=items[*].img_cached:thumbnail,preview',
      '--json',
    ])
    expect(add.code).toBe(0)
    expect(JSON.parse(add.stdout)).toEqual({ id: 1, kind: 'feed', status: 'connected' })
    const fetched = JSON.parse(
      (await cli(['--data-dir', dataDir, 'integrations', 'fetch', '1', '--json'])).stdout,
    )
    expect(Object.keys(fetched.data.items[0].img_cached.files)).toEqual(['thumbnail', 'preview'])
    expect(api.seen.find((s) => s.path === '/feed.json')!.authorization).toBe('Bearer k-123456')
  })

  it('refuses what it cannot do with a usage error', async () => {
    const dataDir = tempDir('marquee-data-')
    const noId = await cli(['--data-dir', dataDir, 'integrations', 'add', 'spotify'])
    expect(noId.code).toBe(2)
    expect(noId.stderr).toMatch(/--client-id/)
    const badField = await cli([
      '--data-dir',
      dataDir,
      'integrations',
      'add',
      'feed',
      '--url',
      'http://127.0.0.1:9/x.json',
      '--media-field',
      'items[*].img',
    ])
    expect(badField.code).toBe(2)
    const notFound = await cli(['--data-dir', dataDir, 'integrations', 'fetch', '7'])
    expect(notFound.code).toBe(1)
    expect(notFound.stderr).toMatch(/no integration 7/)
  })
})

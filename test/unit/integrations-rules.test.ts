import { describe, expect, it } from 'vitest'
import { mediaFieldProblem, mediaRequests, writeBack } from '../../src/main/integrations/feed'
import { formatPath, parsePath, readAll, writeAt } from '../../src/main/integrations/json-path'
import {
  cachedImage,
  displayImage,
  mediaDir,
  planRetention,
  sniffImage,
} from '../../src/main/integrations/media-rules'
import { backoffMs, MAX_BACKOFF_MS, parseRetryAfter } from '../../src/main/integrations/schedule'
import {
  authorizeUrl,
  formatDuration,
  formatPercent,
  largestImage,
  needsRefresh,
  nowPlayingData,
  readTokens,
  spotifyEndpoints,
} from '../../src/main/integrations/spotify'

describe('JSON paths of media fields', () => {
  it('reads dot paths with indexes and [*], and says where nothing was found', () => {
    const data = { items: [{ img: { url: 'a' } }, { img: {} }, { img: { url: 'c' } }], hero: 'h' }
    expect(readAll(data, parsePath('hero'))).toEqual([
      { path: 'hero', indexes: [], value: 'h', found: true },
    ])
    expect(readAll(data, parsePath('items[*].img.url'))).toEqual([
      { path: 'items[0].img.url', indexes: [0], value: 'a', found: true },
      { path: 'items[1].img.url', indexes: [1], value: undefined, found: false },
      { path: 'items[2].img.url', indexes: [2], value: 'c', found: true },
    ])
    expect(readAll(data, parsePath('items[2].img.url'))[0]!.value).toBe('c')
    expect(readAll(data, parsePath('missing[*].x'))[0]!.found).toBe(false)
    expect(formatPath(parsePath('a.b[3][*].c'))).toBe('a.b[3][*].c')
  })

  it('refuses paths that are not paths, and names that would reach a prototype', () => {
    for (const bad of ['', '.a', 'a..b', 'a[x]', 'a[', '__proto__.x', 'a.constructor'])
      expect(() => parsePath(bad)).toThrow()
  })

  it('writes through objects and arrays it creates, never through a plain value', () => {
    const data: Record<string, unknown> = { list: [{ a: 1 }], s: 'text' }
    writeAt(data, parsePath('list[0].cached'), 1)
    writeAt(data, parsePath('new.deep[1].x'), 2)
    expect(data).toEqual({
      list: [{ a: 1, cached: 1 }],
      s: 'text',
      new: { deep: [undefined, { x: 2 }] },
    })
    expect(() => writeAt(data, parsePath('s.x'), 3)).toThrow()
  })
})

describe('feed media fields', () => {
  it('pairs each [*] of the output with the path’s, and reports missing and non-URL values', () => {
    const data = { items: [{ u: 'https://x/1.jpg' }, { u: 'ftp://x/2.jpg' }, { u: 42 }, {}] }
    const { media, problems } = mediaRequests(data, [
      { path: 'items[*].u', outputPath: 'items[*].cached', variants: ['thumbnail'] },
    ])
    expect(media.map((m) => [m.url, formatPath(m.output), m.source])).toEqual([
      ['https://x/1.jpg', 'items[0].cached', 'items[0].u'],
    ])
    expect(problems).toEqual([
      { path: 'items[1].u', problem: 'not an http(s) URL ("ftp://x/2.jpg")' },
      { path: 'items[2].u', problem: 'not an http(s) URL (number)' },
      { path: 'items[3].u', problem: 'missing' },
    ])
    const problemsOut = writeBack(data, [
      {
        output: media[0]!.output,
        source: 'items[0].u',
        image: cachedImage('https://x/1.jpg', 'd', ['thumbnail']),
      },
    ])
    expect(problemsOut).toEqual([])
    expect(data.items[0]).toEqual({
      u: 'https://x/1.jpg',
      cached: { original_url: 'https://x/1.jpg', files: { thumbnail: 'd/thumbnail.webp' } },
    })
  })

  it('checks a field when the feed is added', () => {
    expect(mediaFieldProblem({ path: 'a[*].b', outputPath: 'a[*].c', variants: [] })).toBeNull()
    expect(mediaFieldProblem({ path: 'a[*].b', outputPath: 'c', variants: [] })).toMatch(
      /as many \[\*\]/,
    )
    expect(mediaFieldProblem({ path: 'a[', outputPath: 'c', variants: [] })).toMatch(/not a path/)
  })
})

describe('the media cache’s rules', () => {
  const bytes = (...values: number[]) => Uint8Array.from([...values, ...new Array(16).fill(0)])
  const text = (s: string) => new TextEncoder().encode(s)

  it('knows raster images by their first bytes and refuses SVG, HTML and anything else', () => {
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ mime: 'image/jpeg' })
    expect(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toEqual({
      mime: 'image/png',
    })
    expect(sniffImage(text('GIF89a......'))).toEqual({ mime: 'image/gif' })
    expect(sniffImage(text('RIFF\0\0\0\0WEBPVP8 '))).toEqual({ mime: 'image/webp' })
    expect(sniffImage(text('\0\0\0\x1cftypavif'))).toEqual({ mime: 'image/avif' })
    expect(sniffImage(text('<?xml version="1.0"?>\n<svg xmlns="...">'))).toHaveProperty('refused')
    expect(sniffImage(text('\uFEFF  <svg>')).toString()).toBeTruthy()
    expect((sniffImage(text('  <svg>')) as { refused: string }).refused).toMatch(/SVG/)
    expect((sniffImage(text('<!DOCTYPE html><html>')) as { refused: string }).refused).toMatch(
      /web page/,
    )
    expect((sniffImage(text('%PDF-1.7')) as { refused: string }).refused).toMatch(/not an image/)
  })

  it('files content under the day it was first cached', () => {
    expect(mediaDir('ab'.repeat(32), Date.UTC(2025, 4, 6, 23, 59))).toBe(
      `integrations/2025-05-06/${'ab'.repeat(32)}`,
    )
  })

  it('removes what is expired and unreferenced, and what is corrupt; keeps the rest', () => {
    const now = 10 * 86_400_000
    const item = (sha256: string, ageDays: number, refs: number, intact = true) => ({
      sha256,
      lastUsedAt: now - ageDays * 86_400_000,
      refs,
      storedBytes: 100,
      intact,
    })
    const plan = planRetention(
      [
        item('old-free', 3, 0),
        item('old-used', 3, 1),
        item('new-free', 1, 0),
        item('broken', 0, 1, false),
      ],
      now,
      2 * 86_400_000,
    )
    expect(plan.remove).toEqual([
      { sha256: 'old-free', reason: 'expired', bytes: 100 },
      { sha256: 'broken', reason: 'corrupt', bytes: 100 },
    ])
    expect(plan.keep).toEqual(['old-used', 'new-free'])
  })

  it('displays the local copy, else the remote URL, else a placeholder', () => {
    const image = cachedImage('https://x/a.jpg', 'integrations/d/s')
    expect(displayImage(image, 'preview')).toEqual({
      kind: 'local',
      path: 'integrations/d/s/preview.webp',
    })
    expect(displayImage(image, 'preview', () => false)).toEqual({
      kind: 'remote',
      url: 'https://x/a.jpg',
    })
    expect(displayImage({ original_url: 'javascript:alert(1)', files: null }, 'full')).toEqual({
      kind: 'placeholder',
    })
    expect(displayImage(null, 'full')).toEqual({ kind: 'placeholder' })
  })
})

describe('the poll schedule', () => {
  it('backs off by doubling the interval, up to a cap', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, 15_000))).toEqual([15_000, 15_000, 30_000, 60_000])
    expect(backoffMs(30, 15_000)).toBe(MAX_BACKOFF_MS)
  })

  it('reads Retry-After in seconds or as a date, to the second', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0)
    expect(parseRetryAfter('7', now)).toBe(7000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(undefined, now)).toBeNull()
  })
})

describe('Spotify', () => {
  it('formats durations and progress as the widget shows them', () => {
    expect(formatDuration(354_000)).toBe('5:54')
    expect(formatDuration(5_000)).toBe('0:05')
    expect(formatDuration(3_723_000)).toBe('1:02:03')
    expect(formatPercent(120_000, 354_000)).toBe('33.9%')
    expect(formatPercent(1, 0)).toBe('0.0%')
  })

  it('picks the largest image, and maps podcast episodes too', () => {
    expect(
      largestImage([
        { url: 'https://i/64', width: 64, height: 64 },
        { url: 'https://i/640', width: 640, height: 640 },
        { url: 'https://i/300', width: 300, height: 300 },
      ]),
    ).toBe('https://i/640')
    const episode = nowPlayingData({
      is_playing: true,
      progress_ms: 1000,
      currently_playing_type: 'episode',
      item: {
        name: 'Ep 1',
        duration_ms: 60_000,
        images: [{ url: 'https://i/e', width: 1, height: 1 }],
        show: { name: 'Show', publisher: 'Pub' },
      },
    })
    expect(episode).toMatchObject({
      track_name: 'Ep 1',
      artist_name: 'Pub',
      album_name: 'Show',
      album_art_url: 'https://i/e',
    })
  })

  it('keeps the old refresh token unless a new one comes, and refreshes five minutes early', () => {
    expect(readTokens({ access_token: 'a', expires_in: 3600 }, 0, 'old')).toEqual({
      accessToken: 'a',
      refreshToken: 'old',
      expiresAt: 3_600_000,
    })
    expect(
      readTokens({ access_token: 'a', refresh_token: 'new', expires_in: 60 }, 0, 'old')!
        .refreshToken,
    ).toBe('new')
    expect(readTokens({ access_token: 'a' }, 0)).toBeNull()
    const tokens = { accessToken: 'a', refreshToken: 'r', expiresAt: 600_000 }
    expect(needsRefresh(tokens, 299_999)).toBe(false)
    expect(needsRefresh(tokens, 300_000)).toBe(true)
  })

  it('defaults to Spotify’s hosts and builds an S256 authorization address', () => {
    const endpoints = spotifyEndpoints({})
    expect(endpoints.token).toBe('https://accounts.spotify.com/api/token')
    expect(endpoints.nowPlaying).toMatch(
      /^https:\/\/api\.spotify\.com\/v1\/me\/player\/currently-playing/,
    )
    const url = new URL(
      authorizeUrl(spotifyEndpoints({ MARQUEE_SPOTIFY_ACCOUNTS_URL: 'http://127.0.0.1:1/' }), {
        clientId: 'c',
        redirectUri: 'http://127.0.0.1:2/callback',
        challenge: 'x',
        state: 's',
      }),
    )
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:1/authorize')
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: 'http://127.0.0.1:2/callback',
    })
  })
})

import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { OAuth2Server } from 'oauth2-mock-server'
import sharp from 'sharp'

/** One answer of the fake API: a status, headers, and a JSON body (or none). */
export interface Scripted {
  status: number
  headers?: Record<string, string>
  body?: unknown
}

export interface Seen {
  at: number
  path: string
  method: string
  authorization: string | undefined
}

/**
 * A small stand-in for Spotify's Web API on 127.0.0.1: `currently-playing` answers from a script
 * (then `fallback`), images are served from a table (with ETags, answering If-None-Match), and
 * every request is recorded with its time.
 */
export class FakeSpotify {
  readonly seen: Seen[] = []
  readonly script: Scripted[] = []
  fallback: Scripted = { status: 204 }
  readonly images = new Map<string, { bytes: Buffer; etag: string; type: string }>()
  /** Paths that answer 302 to another address. */
  readonly redirects = new Map<string, string>()
  private server: Server | undefined
  url = ''

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!
      this.seen.push({
        at: Date.now(),
        path,
        method: request.method ?? 'GET',
        authorization: request.headers.authorization,
      })
      if (path === '/v1/me/player/currently-playing') {
        const answer = this.script.shift() ?? this.fallback
        response.writeHead(answer.status, {
          ...(answer.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...answer.headers,
        })
        response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body))
        return
      }
      const location = this.redirects.get(path)
      if (location) {
        response.writeHead(302, { Location: location }).end()
        return
      }
      const image = this.images.get(path)
      if (!image) {
        response.writeHead(404).end()
        return
      }
      if (request.headers['if-none-match'] === image.etag) {
        response.writeHead(304, { ETag: image.etag }).end()
        return
      }
      response.writeHead(200, { 'Content-Type': image.type, ETag: image.etag })
      response.end(request.method === 'HEAD' ? undefined : image.bytes)
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  /** Serves these bytes at `path` (a new ETag each time the bytes change). */
  serve(path: string, bytes: Buffer, type = 'image/jpeg'): string {
    this.images.set(path, {
      bytes,
      etag: `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`,
      type,
    })
    return `${this.url}${path}`
  }

  nowPlayingRequests(): Seen[] {
    return this.seen.filter((s) => s.path === '/v1/me/player/currently-playing')
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise((resolve) => this.server?.close(resolve))
  }
}

/** A currently-playing answer as Spotify sends it for a track. */
export function trackAnswer(fields: {
  name?: string
  artists?: string[]
  album?: string
  images?: Array<{ url: string; width: number; height: number }>
  durationMs?: number
  progressMs?: number
  isPlaying?: boolean
}) {
  return {
    timestamp: Date.now(),
    progress_ms: fields.progressMs ?? 120_000,
    is_playing: fields.isPlaying ?? true,
    currently_playing_type: 'track',
    item: {
      type: 'track',
      name: fields.name ?? 'Bohemian Rhapsody',
      duration_ms: fields.durationMs ?? 354_000,
      artists: (fields.artists ?? ['Queen']).map((name) => ({ name })),
      album: { name: fields.album ?? 'A Night at the Opera', images: fields.images ?? [] },
    },
  }
}

/** A JPEG album cover of this size, different for each seed. */
export async function albumCover(size: number, seed: number): Promise<Buffer> {
  return sharp({
    create: {
      width: size,
      height: size,
      channels: 3,
      background: { r: (seed * 70) % 256, g: (seed * 130) % 256, b: (seed * 200) % 256 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** What the token endpoint received, for assertions about PKCE and refresh tokens. */
export interface TokenRequest {
  grant_type: string
  refresh_token?: string
  code_verifier?: string
  client_id?: string
}

/**
 * oauth2-mock-server on 127.0.0.1 with Spotify's token path (/api/token). Every token answer is
 * recorded; `onToken` may change an answer (drop the rotated refresh token, refuse a refresh).
 */
export async function startAccounts(): Promise<{
  server: OAuth2Server
  url: string
  tokens: Array<{ request: TokenRequest; body: Record<string, unknown> }>
  onToken: {
    change?: (
      answer: { body: Record<string, unknown>; statusCode: number },
      request: TokenRequest,
    ) => void
  }
  stop(): Promise<void>
}> {
  const server = new OAuth2Server(undefined, undefined, { endpoints: { token: '/api/token' } })
  await server.issuer.keys.generate('RS256')
  await server.start(0, '127.0.0.1')
  // Loopback by address, not by the name "localhost" (which may resolve to ::1 first).
  server.issuer.url = `http://127.0.0.1:${server.address().port}`
  const tokens: Array<{ request: TokenRequest; body: Record<string, unknown> }> = []
  const onToken: {
    change?: (
      answer: { body: Record<string, unknown>; statusCode: number },
      request: TokenRequest,
    ) => void
  } = {}
  server.service.on(
    'beforeResponse',
    (
      answer: { body: Record<string, unknown>; statusCode: number },
      req: IncomingMessage & { body: TokenRequest },
    ) => {
      onToken.change?.(answer, req.body)
      tokens.push({ request: { ...req.body }, body: { ...answer.body } })
    },
  )
  return {
    server,
    url: server.issuer.url!,
    tokens,
    onToken,
    stop: () => server.stop(),
  }
}

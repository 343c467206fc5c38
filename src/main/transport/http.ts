import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { Core } from '../app'
import { toFetchRequest, sendFetchResponse } from './node-fetch'
import {
  allowedHosts,
  createToken,
  credentialOf,
  formatHost,
  sessionCookie,
  tokensEqual,
} from './serve-auth'
import { contentSecurityPolicy } from './csp'
import { readStaticFile } from './static-files'
import { attachWebSocketApi } from './websocket'
import { MEDIA_HTTP_PREFIX, UPLOAD_PATH } from '../../shared/contract'
import { previewTarget } from './preview-route'
import { createUploadHandler } from './uploads'

export interface ServeOptions {
  core: Core
  host: string
  port: number
  /** The built renderer (out/renderer). */
  rendererDir: string
  token?: string
  /** The largest file a browser may upload (default DEFAULT_UPLOAD_LIMIT). */
  maxUploadBytes?: number
}

/** Larger than any video a player takes; the target's free space is checked per drop anyway. */
export const DEFAULT_UPLOAD_LIMIT = 100 * 1000 ** 3

export interface RunningServer {
  url: string
  host: string
  port: number
  token: string
  close(): Promise<void>
}

export const API_PATH = '/api'

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

const PAGE_CSP = contentSecurityPolicy()

/**
 * Serve mode: the built renderer, the contract over a WebSocket, and the media route, on one
 * port. Every request needs the per-run token and a Host header naming the bound address.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { core, host, rendererDir } = options
  const token = options.token ?? createToken()
  let hosts = new Set<string>()
  let origin = ''

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  const upload = createUploadHandler(
    core.services.imports.uploads,
    { maxBytes: options.maxUploadBytes ?? DEFAULT_UPLOAD_LIMIT },
    core.logger,
  )
  const detachApi = attachWebSocketApi(wss, core)

  const refuse = (res: ServerResponse, status: number): void => {
    res.writeHead(status, { 'Content-Length': '0', ...SECURITY_HEADERS })
    res.end()
  }

  /** Returns the parsed URL when the request may proceed, else the status to refuse with. */
  const authorize = (req: IncomingMessage): { url: URL; fromQuery: boolean } | number => {
    if (!req.headers.host || !hosts.has(req.headers.host.toLowerCase())) return 421
    const url = new URL(req.url ?? '/', origin)
    const credential = credentialOf(req, url)
    if (!credential || !tokensEqual(token, credential.token)) return 401
    return { url, fromQuery: credential.source === 'query' }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      core.logger.error('serve: request failed', error)
      if (!res.headersSent) refuse(res, 500)
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = authorize(req)
    if (typeof auth === 'number') return refuse(res, auth)
    const { url, fromQuery } = auth
    if (fromQuery) {
      // Trade the token in the address bar for a cookie, then drop it from the URL.
      url.searchParams.delete('token')
      res.writeHead(303, {
        'Set-Cookie': sessionCookie(token),
        Location: `${url.pathname}${url.search}`,
        'Content-Length': '0',
        ...SECURITY_HEADERS,
      })
      return void res.end()
    }
    if (url.pathname.startsWith(MEDIA_HTTP_PREFIX)) {
      const response = await core.media(toFetchRequest(req, origin))
      // The playlist preview is shown in a frame of the app's own page, and nowhere else.
      const framing: Record<string, string> = previewTarget(url)
        ? { 'X-Frame-Options': 'SAMEORIGIN' }
        : {}
      return sendFetchResponse(response, res, { ...SECURITY_HEADERS, ...framing })
    }
    if (url.pathname === UPLOAD_PATH || url.pathname.startsWith(`${UPLOAD_PATH}/`))
      return upload(req, res)
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405)
    const file = await readStaticFile(rendererDir, url.pathname)
    if (!file) {
      const index = await readStaticFile(rendererDir, '/')
      if (!index) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
        return void res.end(
          'The Marquee UI is not built. Run `npm run build:only` and start again.\n',
        )
      }
      return refuse(res, 404)
    }
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': String(file.body.length),
      'Cache-Control': file.immutable ? 'private, max-age=31536000, immutable' : 'no-store',
      'Content-Security-Policy': PAGE_CSP,
      ...SECURITY_HEADERS,
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const auth = authorize(req)
    const fromOtherSite =
      req.headers.origin !== undefined && !hosts.has(req.headers.origin.replace(/^http:\/\//, ''))
    const status =
      typeof auth === 'number'
        ? auth
        : fromOtherSite
          ? 403
          : auth.url.pathname !== API_PATH
            ? 404
            : 0
    if (status !== 0) {
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Refused'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      )
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  hosts = allowedHosts(host, port)
  origin = `http://${formatHost(host)}:${port}`

  return {
    url: `${origin}/?token=${token}`,
    host,
    port,
    token,
    async close() {
      detachApi()
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_COOKIE = 'marquee_token'

/** A random, URL-safe token, new for every run of serve mode. */
export function createToken(): string {
  return randomBytes(32).toString('base64url')
}

export function tokensEqual(expected: string, given: string | undefined | null): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The Host header values that name the bound address (guards against DNS rebinding). */
export function allowedHosts(host: string, port: number): Set<string> {
  const hosts = new Set([`${formatHost(host)}:${port}`])
  if (host === '127.0.0.1' || host === '::1') hosts.add(`localhost:${port}`)
  return hosts
}

export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export type Credential = { source: 'query' | 'cookie' | 'header'; token: string } | null

/** Where a request carries its token: `?token=`, the cookie, or `Authorization: Bearer`. */
export function credentialOf(req: IncomingMessage, url: URL): Credential {
  const query = url.searchParams.get('token')
  if (query) return { source: 'query', token: query }
  const cookie = readCookie(req.headers.cookie, TOKEN_COOKIE)
  if (cookie) return { source: 'cookie', token: cookie }
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return { source: 'header', token: auth.slice(7) }
  return null
}

export function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}

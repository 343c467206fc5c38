import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ServerMessage } from '../../src/shared/contract'
import { startServer, type RunningServer } from '../../src/main/transport/http'
import { testCore } from '../support/core'
import { rawRequest } from '../support/http'
import { tempDir } from '../support/temp'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

async function serve() {
  const core = testCore()
  const rendererDir = tempDir('marquee-renderer-')
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Marquee</title>')
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  const server = await startServer({ core, host: '127.0.0.1', port: 0, rendererDir })
  servers.push(server)
  const host = `127.0.0.1:${server.port}`
  const cookie = `marquee_token=${server.token}`
  return {
    core,
    server,
    host,
    cookie,
    get: (path: string, headers: Record<string, string> = {}) =>
      rawRequest(server.port, path, { host, ...headers }),
  }
}

function connect(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

function nextMessage(ws: WebSocket, match: (m: ServerMessage) => boolean): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as ServerMessage
      if (match(message)) {
        ws.off('message', onMessage)
        resolve(message)
      }
    }
    ws.on('message', onMessage)
  })
}

describe('serve mode', () => {
  it('prints a loopback URL with a long URL-safe token', async () => {
    const { server } = await serve()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/)
  })

  it('answers 401 with no content to every request without a valid token', async () => {
    const { get, server } = await serve()
    for (const path of [
      '/',
      '/index.html',
      '/assets/app.js',
      '/media/cache/x.webp',
      '/?token=wrong',
      `/?token=${server.token}x`,
    ]) {
      const response = await get(path)
      expect(response.status, path).toBe(401)
      expect(response.body, path).toBe('')
    }
    expect((await get('/', { cookie: 'marquee_token=nope' })).status).toBe(401)
  })

  it('trades the token in the URL for an HttpOnly SameSite=Strict cookie, then serves the page', async () => {
    const { get, server, cookie } = await serve()
    const first = await get(`/?token=${server.token}`)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    expect(String(first.headers['set-cookie'])).toMatch(
      /^marquee_token=[^;]+; HttpOnly; SameSite=Strict; Path=\/$/,
    )

    const page = await get('/', { cookie })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Marquee</title>')
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/)
    expect(page.headers['access-control-allow-origin']).toBeUndefined()
    expect((await get('/assets/app.js', { authorization: `Bearer ${server.token}` })).status).toBe(
      200,
    )
  })

  it('refuses a Host header that is not the bound address (DNS rebinding)', async () => {
    const { server, cookie } = await serve()
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
    ]) {
      const response = await rawRequest(server.port, '/', { host, cookie })
      expect(response.status, host).toBeGreaterThanOrEqual(400)
      expect(response.status, host).toBeLessThan(500)
      expect(response.body).toBe('')
    }
    expect(
      (await rawRequest(server.port, '/', { host: `localhost:${server.port}`, cookie })).status,
    ).toBe(200)
  })

  it('never serves files outside the built renderer', async () => {
    const { get, cookie } = await serve()
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/%00x']) {
      const response = await get(path, { cookie })
      expect(response.status, path).toBe(404)
    }
  })

  it('serves media through the one media route, token required', async () => {
    const { core, get, cookie } = await serve()
    const media = tempDir()
    writeFileSync(join(media, 'a.jpg'), 'jpeg')
    const root = await core.services.roots.add({ path: media })
    expect((await get(`/media/root/${root.id}/a.jpg`)).status).toBe(401)
    const ok = await get(`/media/root/${root.id}/a.jpg`, { cookie, range: 'bytes=1-2' })
    expect(ok.status).toBe(206)
    expect(ok.body).toBe('pe')
  })

  it('speaks the contract over the WebSocket and pushes roots.changed', async () => {
    const { server, cookie } = await serve()
    const ws = await connect(server.port, { cookie })
    const changed = nextMessage(ws, (m) => 'event' in m && m.event === 'roots.changed')
    const media = tempDir()
    ws.send(JSON.stringify({ id: 1, method: 'roots.add', args: { path: media, label: 'Lobby' } }))
    const reply = await nextMessage(ws, (m) => 'id' in m && m.id === 1)
    expect(reply).toMatchObject({
      id: 1,
      response: { ok: true, result: { label: 'Lobby', path: expect.any(String) } },
    })
    expect(await changed).toMatchObject({
      event: 'roots.changed',
      payload: { roots: [{ label: 'Lobby' }] },
    })

    ws.send(JSON.stringify({ id: 2, method: 'roots.add', args: { path: 42 } }))
    expect(await nextMessage(ws, (m) => 'id' in m && m.id === 2)).toMatchObject({
      response: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
    })
    ws.close()
  })

  it('refuses WebSocket handshakes without the token or from another origin', async () => {
    const { server, cookie } = await serve()
    await expect(connect(server.port, {})).rejects.toThrow('HTTP 401')
    await expect(connect(server.port, { cookie, origin: 'http://evil.example' })).rejects.toThrow(
      'HTTP 403',
    )
    const ok = await connect(server.port, { cookie, origin: `http://127.0.0.1:${server.port}` })
    ok.close()
  })
})

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testCore } from '../support/core'
import { tempDir } from '../support/temp'

const SECRET = 'top secret outside every root'

async function setup() {
  const core = testCore()
  const outside = tempDir('marquee-outside-')
  writeFileSync(join(outside, 'secret.txt'), SECRET)
  const media = tempDir('marquee-media-')
  mkdirSync(join(media, 'Lobby', 'sub'), { recursive: true })
  writeFileSync(join(media, 'Lobby', 'clip.mp4'), Buffer.from('0123456789'))
  writeFileSync(join(media, 'Lobby', 'Café #1 100%.jpg'), 'jpeg bytes')
  symlinkSync(join(outside, 'secret.txt'), join(media, 'Lobby', 'escape.txt'))
  symlinkSync(outside, join(media, 'Lobby', 'escape-dir'))
  symlinkSync(join(media, 'Lobby', 'clip.mp4'), join(media, 'Lobby', 'sub', 'inside-link.mp4'))
  mkdirSync(join(core.paths.cacheDir, 'ab', 'cd'), { recursive: true })
  writeFileSync(join(core.paths.cacheDir, 'ab', 'cd', 'small.webp'), 'webp')
  const root = await core.services.roots.add({ path: media })
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    core.media(new Request(`http://127.0.0.1:1${path}`, { headers, method }))
  return { core, root, get, outside }
}

describe('the media route', () => {
  it('serves a file inside a root, with its content type, over both URL forms', async () => {
    const { core, root, get } = await setup()
    const response = await get(`/media/root/${root.id}/Lobby/clip.mp4`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(await response.text()).toBe('0123456789')

    const viaScheme = await core.media(
      new Request(`marquee-media://root/${root.id}/Lobby/clip.mp4`),
    )
    expect(await viaScheme.text()).toBe('0123456789')
    const encoded = await get(
      `/media/root/${root.id}/Lobby/${encodeURIComponent('Café #1 100%.jpg')}`,
    )
    expect(await encoded.text()).toBe('jpeg bytes')
  })

  it('serves the cache directory and symlinks that stay inside the root', async () => {
    const { root, get } = await setup()
    expect(await (await get('/media/cache/ab/cd/small.webp')).text()).toBe('webp')
    expect(await (await get(`/media/root/${root.id}/Lobby/sub/inside-link.mp4`)).text()).toBe(
      '0123456789',
    )
  })

  it('lets the browser keep cached variants for good and revalidate originals by ETag', async () => {
    const { root, get } = await setup()
    const variant = await get('/media/cache/ab/cd/small.webp')
    expect(variant.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const etag = variant.headers.get('etag')!
    expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/)
    const again = await get('/media/cache/ab/cd/small.webp', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const original = await get(`/media/root/${root.id}/Lobby/clip.mp4`)
    expect(original.headers.get('cache-control')).toBe('private, max-age=3600')
    const other = await get(`/media/root/${root.id}/Lobby/clip.mp4`, { 'if-none-match': etag })
    expect(other.status).toBe(200)
  })

  it('answers byte ranges with 206 and refuses impossible ones with 416', async () => {
    const { root, get } = await setup()
    const url = `/media/root/${root.id}/Lobby/clip.mp4`
    const partial = await get(url, { range: 'bytes=2-5' })
    expect(partial.status).toBe(206)
    expect(partial.headers.get('content-range')).toBe('bytes 2-5/10')
    expect(partial.headers.get('content-length')).toBe('4')
    expect(await partial.text()).toBe('2345')
    const tail = await get(url, { range: 'bytes=-3' })
    expect(await tail.text()).toBe('789')
    const beyond = await get(url, { range: 'bytes=10-' })
    expect(beyond.status).toBe(416)
    expect(beyond.headers.get('content-range')).toBe('bytes */10')
    const head = await get(url, {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('10')
    expect(await head.text()).toBe('')
  })

  it.each([
    ['parent segments', (id: number) => `/media/root/${id}/../../../../etc/passwd`],
    ['encoded dots', (id: number) => `/media/root/${id}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`],
    ['encoded slashes', (id: number) => `/media/root/${id}/..%2F..%2F..%2Fetc%2Fpasswd`],
    ['encoded backslashes', (id: number) => `/media/root/${id}/..%5C..%5C..%5Cetc%5Cpasswd`],
    ['raw backslashes', (id: number) => `/media/root/${id}/..\\..\\..\\etc\\passwd`],
    ['double encoding', (id: number) => `/media/root/${id}/%252e%252e/%252e%252e/etc/passwd`],
    ['an absolute path', (id: number) => `/media/root/${id}//etc/passwd`],
    ['an encoded absolute path', (id: number) => `/media/root/${id}/%2Fetc%2Fpasswd`],
    ['a NUL byte', (id: number) => `/media/root/${id}/Lobby/clip.mp4%00.jpg`],
    ['a symlink to a file outside', (id: number) => `/media/root/${id}/Lobby/escape.txt`],
    [
      'a symlink to a folder outside',
      (id: number) => `/media/root/${id}/Lobby/escape-dir/secret.txt`,
    ],
    ['an unknown root', () => `/media/root/999/Lobby/clip.mp4`],
    ['a malformed root id', () => `/media/root/01/Lobby/clip.mp4`],
    ['the root folder itself', (id: number) => `/media/root/${id}/`],
    ['a folder', (id: number) => `/media/root/${id}/Lobby`],
    ['an unknown area', () => `/media/etc/passwd`],
    ['bad percent-encoding', (id: number) => `/media/root/${id}/%E0%A4%A`],
  ])('never returns a file for %s', async (_name, build) => {
    const { root, get } = await setup()
    const response = await get(build(root.id))
    expect(response.status).toBeGreaterThanOrEqual(400)
    const body = await response.text()
    expect(body).not.toContain(SECRET)
    expect(body).not.toContain('root:')
  })

  it('stops serving a root the moment it is removed', async () => {
    const { core, root, get } = await setup()
    core.services.roots.remove(root.id)
    expect((await get(`/media/root/${root.id}/Lobby/clip.mp4`)).status).toBe(404)
  })

  it('refuses methods other than GET and HEAD', async () => {
    const { root, get } = await setup()
    expect((await get(`/media/root/${root.id}/Lobby/clip.mp4`, {}, 'DELETE')).status).toBe(405)
  })
})

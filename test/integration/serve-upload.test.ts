import { request } from 'node:http'
import { join } from 'node:path'
import { Upload } from 'tus-js-client'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportStatus } from '../../src/shared/contract'
import { startServer, type RunningServer } from '../../src/main/transport/http'
import { testCore } from '../support/core'
import { inboxOf, partsUnder, randomContent, sha256Of } from '../support/imports'
import { rawRequest } from '../support/http'
import { tempDir } from '../support/temp'
import { createHash } from 'node:crypto'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

const b64 = (s: string): string => Buffer.from(s).toString('base64')
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

async function serving() {
  const core = testCore()
  const rootPath = tempDir('marquee-root-')
  const root = await core.services.roots.add({ path: rootPath })
  const server = await startServer({ core, host: '127.0.0.1', port: 0, rendererDir: tempDir() })
  servers.push(server)
  const endpoint = `http://127.0.0.1:${server.port}/upload`
  const headers = { Authorization: `Bearer ${server.token}` }
  /** Plans uploads through the contract, as the page does. */
  const plan = async (files: Array<{ name: string; size: number }>, onDuplicate?: 'keep') => {
    const response = await core.dispatch('import.start', {
      uploads: files,
      into: { rootId: root.id },
      ...(onDuplicate ? { onDuplicate } : {}),
    })
    if (!response.ok) throw new Error(response.error.message)
    return response.result as { importId: string; uploads: Array<{ fileId: number; name: string }> }
  }
  /** One file through tus-js-client, as the page sends it. */
  const send = (
    importId: string,
    fileId: number,
    bytes: Buffer,
    extra: { uploadUrl?: string; chunkSize?: number } = {},
  ) =>
    new Promise<void>((resolve, reject) => {
      new Upload(bytes, {
        endpoint,
        headers,
        metadata: { importId, fileId: String(fileId) },
        retryDelays: [],
        ...extra,
        onSuccess: () => resolve(),
        onError: reject,
      }).start()
    })
  const finished = async (importId: string): Promise<ImportStatus> => {
    await core.services.imports.settled(importId)
    return core.services.imports.status(importId)
  }
  return { core, root, rootPath, server, endpoint, headers, plan, send, finished }
}

describe('serve-mode uploads (tus)', () => {
  it('streams dropped files into the inbox through the import pipeline, folders kept', async () => {
    const lib = await serving()
    const photo = randomContent(300 * 1024)
    const clip = randomContent(2 * 1024 * 1024)
    const { importId, uploads } = await lib.plan([
      { name: 'photo.jpg', size: photo.length },
      { name: 'Promo/clip.mp4', size: clip.length },
      { name: 'readme.txt', size: 5 },
    ])
    // The text file is refused before anything is sent: only two uploads to make.
    expect(uploads.map((u) => u.name)).toEqual(['photo.jpg', 'Promo/clip.mp4'])
    await lib.send(importId, uploads[0]!.fileId, photo)
    await lib.send(importId, uploads[1]!.fileId, clip, { chunkSize: 512 * 1024 })
    const status = await lib.finished(importId)
    const inbox = inboxOf(lib.rootPath)
    expect(status.phase).toBe('done')
    expect(status.result.imported).toEqual([
      {
        source: 'photo.jpg',
        path: join(inbox, 'photo.jpg'),
        assetId: expect.any(Number),
        sha256: sha(photo),
      },
      {
        source: 'Promo/clip.mp4',
        path: join(inbox, 'Promo', 'clip.mp4'),
        assetId: expect.any(Number),
        sha256: sha(clip),
      },
    ])
    expect(status.result.failed).toEqual([
      { source: 'readme.txt', error: expect.stringMatching(/not a media file/) },
    ])
    expect(sha256Of(join(inbox, 'Promo', 'clip.mp4'))).toBe(sha(clip))
    expect(partsUnder(lib.rootPath)).toEqual([])
  })

  it('resumes an upload whose connection dropped, from where its part ends', async () => {
    const lib = await serving()
    const clip = randomContent(3 * 1024 * 1024)
    const { importId, uploads } = await lib.plan([{ name: 'clip.mp4', size: clip.length }])
    const fileId = uploads[0]!.fileId
    const host = `127.0.0.1:${lib.server.port}`
    const tus = { ...lib.headers, host, 'Tus-Resumable': '1.0.0' }
    const created = await rawRequest(
      lib.server.port,
      '/upload',
      {
        ...tus,
        'Upload-Length': String(clip.length),
        'Upload-Metadata': `importId ${b64(importId)},fileId ${b64(String(fileId))}`,
      },
      'POST',
    )
    expect(created.status).toBe(201)
    const location = created.headers.location as string
    // A PATCH that dies after 1 MiB of its body: the connection is cut.
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: lib.server.port,
        path: location,
        method: 'PATCH',
        setHost: false,
        headers: {
          ...tus,
          'Upload-Offset': '0',
          'Content-Type': 'application/offset+octet-stream',
          'Content-Length': String(clip.length),
        },
      })
      req.on('error', () => resolve())
      req.write(clip.subarray(0, 1024 * 1024), () => setImmediate(() => req.destroy()))
    })
    const head = await rawRequest(lib.server.port, location, tus, 'HEAD')
    const offset = Number(head.headers['upload-offset'])
    expect(offset).toBeGreaterThan(0)
    expect(offset).toBeLessThan(clip.length)
    expect(partsUnder(lib.rootPath)).toHaveLength(1)

    // tus-js-client asks where it stands and sends only the rest.
    await lib.send(importId, fileId, clip, { uploadUrl: `http://${host}${location}` })
    const status = await lib.finished(importId)
    expect(status.result.imported).toEqual([expect.objectContaining({ sha256: sha(clip) })])
    expect(sha256Of(status.result.imported[0]!.path)).toBe(sha(clip))
    expect(partsUnder(lib.rootPath)).toEqual([])
  })

  it('skips an uploaded file whose content is in the library, saying where', async () => {
    const lib = await serving()
    const bytes = randomContent(64 * 1024)
    const first = await lib.plan([{ name: 'a.jpg', size: bytes.length }])
    await lib.send(first.importId, first.uploads[0]!.fileId, bytes)
    const original = (await lib.finished(first.importId)).result.imported[0]!
    const second = await lib.plan([{ name: 'copy-of-a.jpg', size: bytes.length }])
    await lib.send(second.importId, second.uploads[0]!.fileId, bytes)
    const status = await lib.finished(second.importId)
    expect(status.result.duplicates).toEqual([
      {
        source: 'copy-of-a.jpg',
        existing: [{ assetId: original.assetId, path: original.path }],
        action: 'skipped',
      },
    ])
    expect(partsUnder(lib.rootPath)).toEqual([])
  })

  it('needs the token, takes no upload outside an import, and sends no CORS headers', async () => {
    const lib = await serving()
    const host = `127.0.0.1:${lib.server.port}`
    const create = {
      host,
      'Tus-Resumable': '1.0.0',
      'Upload-Length': '10',
      Origin: 'http://evil.example',
    }
    expect((await rawRequest(lib.server.port, '/upload', create, 'POST')).status).toBe(401)
    const stray = await rawRequest(
      lib.server.port,
      '/upload',
      {
        ...create,
        ...lib.headers,
        'Upload-Metadata': `importId ${b64('2f7c0c3e-9a51-4a47-bb0f-6a9d1b8f0f11')},fileId ${b64('1')}`,
      },
      'POST',
    )
    expect(stray.status).toBe(404)
    expect(stray.headers['access-control-allow-origin']).toBeUndefined()
    expect(partsUnder(lib.rootPath)).toEqual([])
  })
})

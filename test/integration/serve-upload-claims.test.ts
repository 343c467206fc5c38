import { createHash } from 'node:crypto'
import { request } from 'node:http'
import { Upload } from 'tus-js-client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ImportStatus, ImportUpload } from '../../src/shared/contract'
import type { Core } from '../../src/main/app'
import { startServer, type RunningServer } from '../../src/main/transport/http'
import { coreAt, testCore } from '../support/core'
import { partsUnder, randomContent, sha256Of } from '../support/imports'
import { rawRequest } from '../support/http'
import { tempDir } from '../support/temp'

// Uploads whose page says each file's SHA-256 before sending a byte (issue 11, points 3 and 6b).

const servers: RunningServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')
const b64 = (s: string): string => Buffer.from(s).toString('base64')
const claim = (name: string, bytes: Buffer, claimed = sha(bytes)): ImportUpload => ({
  name,
  size: bytes.length,
  sha256: claimed,
})

async function serve(core: Core, token?: string) {
  const server = await startServer({
    core,
    host: '127.0.0.1',
    port: 0,
    rendererDir: tempDir(),
    ...(token ? { token } : {}),
  })
  servers.push(server)
  return server
}

async function library(options: { uploadGraceMs?: number } = {}) {
  const dataDir = tempDir('marquee-data-')
  const core = testCore(dataDir, options)
  const rootPath = tempDir('marquee-root-')
  const root = await core.services.roots.add({ path: rootPath })
  const server = await serve(core)
  const plan = async (uploads: ImportUpload[], onDuplicate?: 'keep') => {
    const response = await core.dispatch('import.start', {
      uploads,
      into: { rootId: root.id },
      ...(onDuplicate ? { onDuplicate } : {}),
    })
    if (!response.ok) throw new Error(response.error.message)
    return response.result as { importId: string; uploads: Array<{ fileId: number; name: string }> }
  }
  return { core, dataDir, rootPath, server, plan }
}

function send(server: RunningServer, importId: string, fileId: number, bytes: Buffer) {
  return new Promise<void>((resolve, reject) => {
    new Upload(bytes, {
      endpoint: `http://127.0.0.1:${server.port}/upload`,
      headers: { Authorization: `Bearer ${server.token}` },
      metadata: { importId, fileId: String(fileId) },
      retryDelays: [],
      onSuccess: () => resolve(),
      onError: reject,
    }).start()
  })
}

async function finished(core: Core, importId: string): Promise<ImportStatus> {
  await core.services.imports.settled(importId)
  return core.services.imports.status(importId)
}

describe('uploads with a claimed SHA-256', () => {
  it('reports a file already in the library at once, with where it is, and never asks for it', async () => {
    const lib = await library()
    const poster = randomContent(64 * 1024)
    const first = await lib.plan([claim('poster.jpg', poster)])
    await send(lib.server, first.importId, first.uploads[0]!.fileId, poster)
    const original = (await finished(lib.core, first.importId)).result.imported[0]!

    const fresh = randomContent(32 * 1024)
    const second = await lib.plan([claim('poster-again.jpg', poster), claim('new.jpg', fresh)])
    expect(second.uploads.map((u) => u.name)).toEqual(['new.jpg'])
    // Said before a byte of the drop moved.
    expect(lib.core.services.imports.status(second.importId).result.duplicates).toEqual([
      {
        source: 'poster-again.jpg',
        existing: [{ assetId: original.assetId, path: original.path }],
        action: 'skipped',
      },
    ])
    await send(lib.server, second.importId, second.uploads[0]!.fileId, fresh)
    const status = await finished(lib.core, second.importId)
    expect(status.phase).toBe('done')
    expect(status.result.imported).toEqual([expect.objectContaining({ sha256: sha(fresh) })])
    expect(status.result.duplicates).toHaveLength(1)
    expect(partsUnder(lib.rootPath)).toEqual([])
  })

  it('uploads a duplicate the user keeps, and says it was kept', async () => {
    const lib = await library()
    const poster = randomContent(16 * 1024)
    const first = await lib.plan([claim('poster.jpg', poster)])
    await send(lib.server, first.importId, first.uploads[0]!.fileId, poster)
    await finished(lib.core, first.importId)
    const second = await lib.plan([claim('poster-kept.jpg', poster)], 'keep')
    expect(second.uploads.map((u) => u.name)).toEqual(['poster-kept.jpg'])
    await send(lib.server, second.importId, second.uploads[0]!.fileId, poster)
    const status = await finished(lib.core, second.importId)
    expect(status.result.imported).toEqual([expect.objectContaining({ source: 'poster-kept.jpg' })])
    expect(status.result.duplicates).toEqual([
      expect.objectContaining({ source: 'poster-kept.jpg', action: 'kept' }),
    ])
  })

  it('uploads one of twins in the drop; the other becomes its duplicate without being sent', async () => {
    const lib = await library()
    const clip = randomContent(48 * 1024)
    const drop = await lib.plan([claim('a/clip.mp4', clip), claim('b/clip.mp4', clip)])
    expect(drop.uploads.map((u) => u.name)).toEqual(['a/clip.mp4'])
    await send(lib.server, drop.importId, drop.uploads[0]!.fileId, clip)
    const status = await finished(lib.core, drop.importId)
    const imported = status.result.imported
    expect(imported).toEqual([expect.objectContaining({ source: 'a/clip.mp4', sha256: sha(clip) })])
    expect(status.result.duplicates).toEqual([
      {
        source: 'b/clip.mp4',
        existing: [{ assetId: imported[0]!.assetId, path: imported[0]!.path }],
        action: 'skipped',
      },
    ])
    expect(status.totalFiles).toBe(2)
    expect(status.pending).toEqual([])
  })

  it('fails a file whose bytes do not match its claim, and the twin that waited for it', async () => {
    const lib = await library()
    const sent = randomContent(20 * 1024)
    const claimed = sha(randomContent(20 * 1024))
    const drop = await lib.plan([
      claim('liar.jpg', sent, claimed),
      claim('twin.jpg', sent, claimed),
      claim('honest.jpg', randomContent(1024)),
    ])
    expect(drop.uploads.map((u) => u.name)).toEqual(['liar.jpg', 'honest.jpg'])
    await send(lib.server, drop.importId, drop.uploads[0]!.fileId, sent)
    await lib.core.dispatch('import.cancel', {
      importId: drop.importId,
      fileId: drop.uploads[1]!.fileId,
    })
    const status = await finished(lib.core, drop.importId)
    expect(status.result.imported).toEqual([])
    expect(status.result.failed).toEqual([
      {
        source: 'liar.jpg',
        error: `liar.jpg did not arrive as the page described it: its bytes hash to ${sha(sent).slice(0, 12)}…, not the ${claimed.slice(0, 12)}… the page announced (the file may have changed on disk during the upload). Nothing was kept; drop it again.`,
      },
      {
        source: 'twin.jpg',
        error: expect.stringContaining(
          'same content as liar.jpg in this drop, which was not imported',
        ),
      },
      { source: 'honest.jpg', error: 'Not imported: it was cancelled.' },
    ])
    expect(partsUnder(lib.rootPath)).toEqual([])
  })
})

describe('uploads across a restart of serve', () => {
  it('are reported as not finished, parts removed; the same drop again uploads only what is missing', async () => {
    const lib = await library()
    const photo = randomContent(256 * 1024)
    const clip = randomContent(3 * 1024 * 1024)
    const { importId, uploads } = await lib.plan([
      claim('photo.jpg', photo),
      claim('clip.mp4', clip),
    ])
    await send(lib.server, importId, uploads[0]!.fileId, photo)
    const headers = {
      Authorization: `Bearer ${lib.server.token}`,
      host: `127.0.0.1:${lib.server.port}`,
      'Tus-Resumable': '1.0.0',
    }
    const created = await rawRequest(
      lib.server.port,
      '/upload',
      {
        ...headers,
        'Upload-Length': String(clip.length),
        'Upload-Metadata': `importId ${b64(importId)},fileId ${b64(String(uploads[1]!.fileId))}`,
      },
      'POST',
    )
    // 1 MiB of the clip arrives, then serve stops.
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: lib.server.port,
        path: created.headers.location as string,
        method: 'PATCH',
        setHost: false,
        headers: {
          ...headers,
          'Upload-Offset': '0',
          'Content-Type': 'application/offset+octet-stream',
          'Content-Length': String(clip.length),
        },
      })
      req.on('error', () => resolve())
      req.write(clip.subarray(0, 1024 * 1024), () => setImmediate(() => req.destroy()))
    })
    await vi.waitFor(() => expect(partsUnder(lib.rootPath)).toHaveLength(1))
    await servers.splice(0)[0]!.close()
    await lib.core.close()

    // The next run's token is new: no page of the old one can resume the clip.
    const again = coreAt(lib.dataDir)
    try {
      await again.services.imports.recover()
      expect(partsUnder(lib.rootPath)).toEqual([])
      await again.services.imports.resume()
      const status = await finished(again, importId)
      expect(status.result.imported.map((f) => f.source)).toEqual(['photo.jpg'])
      expect(sha256Of(status.result.imported[0]!.path)).toBe(sha(photo))
      expect(status.result.failed).toEqual([
        {
          source: 'clip.mp4',
          error: expect.stringMatching(
            /^The upload of clip\.mp4 did not finish before Marquee stopped: drop it again/,
          ),
        },
      ])
      // Dropped again from a new page: the photo is found before any byte moves.
      const root = again.services.roots.list()[0]!
      const replan = await again.dispatch('import.start', {
        uploads: [claim('photo.jpg', photo), claim('clip.mp4', clip)],
        into: { rootId: root.id },
      })
      if (!replan.ok) throw new Error(replan.error.message)
      const next = replan.result as { uploads: Array<{ name: string }> }
      expect(next.uploads.map((u) => u.name)).toEqual(['clip.mp4'])
    } finally {
      await again.close()
    }
  })

  it('fail, with no part left, when no page comes back within the grace period', async () => {
    const lib = await library({ uploadGraceMs: 300 })
    const photo = randomContent(256 * 1024)
    const { importId, uploads } = await lib.plan([
      claim('photo.jpg', photo),
      claim('photo-twin.jpg', photo),
    ])
    await rawRequest(
      lib.server.port,
      '/upload',
      {
        Authorization: `Bearer ${lib.server.token}`,
        host: `127.0.0.1:${lib.server.port}`,
        'Tus-Resumable': '1.0.0',
        'Upload-Length': String(photo.length),
        'Upload-Metadata': `importId ${b64(importId)},fileId ${b64(String(uploads[0]!.fileId))}`,
      },
      'POST',
    )
    expect(partsUnder(lib.rootPath)).toHaveLength(1)
    const status = await finished(lib.core, importId)
    expect(status.phase).toBe('done')
    expect(status.result.failed).toEqual([
      {
        source: 'photo.jpg',
        error:
          'photo.jpg did not arrive: the page uploading it was closed, or could not reach Marquee for 1 minute. Drop it again.',
      },
      { source: 'photo-twin.jpg', error: expect.stringContaining('same content as photo.jpg') },
    ])
    expect(partsUnder(lib.rootPath)).toEqual([])
  })
})

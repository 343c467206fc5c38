import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ImportFilesRepository } from '../../src/main/repositories/import-files.repository'
import { kernelCanCopy } from '../../src/main/repositories/import-fs-kernel'
import { runImportFs, type ImportFsRequest } from '../../src/main/repositories/import.worker'
import { testCore } from '../support/core'
import { importAndWait, partsUnder, randomContent, sha256Of } from '../support/imports'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

// Into a local root the kernel copies the bytes while the import thread hashes the source
// (docs/decisions.md "Imports"): the hash recorded must be the source's, and a source written
// to while it is copied must be copied again, then reported.

const MiB = 1024 * 1024
const run = ImportFilesRepository.prototype.run

afterEach(() => {
  vi.restoreAllMocks()
})

async function library() {
  const core = testCore()
  const rootPath = tempDir('marquee-root-')
  const root = await core.services.roots.add({ path: rootPath })
  return { core, root, rootPath }
}

/** Every copy request the service makes, seen on its way to the thread. */
function copiesSeen(): Array<Extract<ImportFsRequest, { op: 'copy' }>> {
  const seen: Array<Extract<ImportFsRequest, { op: 'copy' }>> = []
  vi.spyOn(ImportFilesRepository.prototype, 'run').mockImplementation(function (
    this: ImportFilesRepository,
    request,
    options,
  ) {
    if (request.op === 'copy') seen.push(request as Extract<ImportFsRequest, { op: 'copy' }>)
    return run.call(this, request, options) as never
  })
  return seen
}

/**
 * Runs copies in this thread (the same code the import thread runs) and appends to the source
 * at the first progress of each of its first `times` copies: between the copy's first and last
 * look at the source, while the kernel is copying it.
 */
function writtenDuringCopy(times: Map<string, number>): void {
  vi.spyOn(ImportFilesRepository.prototype, 'run').mockImplementation(async function (
    this: ImportFilesRepository,
    request,
    options = {},
  ) {
    if (request.op !== 'copy') return run.call(this, request, options) as never
    const left = times.get(request.source) ?? 0
    let touched = left === 0
    times.set(request.source, Math.max(0, left - 1))
    const reply = await runImportFs(request, {
      stopped: () => options.signal?.aborted ?? false,
      bytes(n) {
        if (!touched) appendFileSync(request.source, randomContent(64 * 1024))
        touched = true
        options.onBytes?.(n)
      },
    })
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
    return reply.value as never
  })
}

describe('imports into a local root', () => {
  it("records the source's hash, computed while the kernel copies it", async () => {
    const { core, root, rootPath } = await library()
    const drop = tempDir('marquee-drop-')
    // Larger than a read (4 MB) and not a multiple of one: the last read is short.
    writeTree(drop, { 'reel.mp4': randomContent(9 * MiB + 12345), 'still.jpg': randomContent(1) })
    const sources = [join(drop, 'reel.mp4'), join(drop, 'still.jpg')]
    expect(kernelCanCopy(sources[0]!)).toBe(process.platform === 'linux')
    const seen = copiesSeen()
    const status = await importAndWait(core, { sources, into: { rootId: root.id } })
    expect(seen.map((r) => r.inKernel)).toEqual([true, true])
    expect(status.result.failed).toEqual([])
    expect(status.result.imported).toHaveLength(2)
    for (const item of status.result.imported) {
      expect(item.sha256).toBe(sha256Of(item.source))
      expect(sha256Of(item.path)).toBe(item.sha256)
      expect(core.services.assets.get(item.assetId)).toMatchObject({ sha256: item.sha256 })
    }
    expect(partsUnder(rootPath)).toEqual([])
  })

  it('copies a source written to during its copy once more, and reports one written to twice', async () => {
    const { core, root, rootPath } = await library()
    const drop = tempDir('marquee-drop-')
    writeTree(drop, {
      'once.mp4': randomContent(9 * MiB),
      'twice.mp4': randomContent(9 * MiB),
      'calm.mp4': randomContent(5 * MiB),
    })
    const [once, twice, calm] = ['once.mp4', 'twice.mp4', 'calm.mp4'].map((n) => join(drop, n))
    writtenDuringCopy(
      new Map([
        [once!, 1],
        [twice!, 2],
      ]),
    )
    const status = await importAndWait(core, {
      sources: [once!, twice!, calm!],
      into: { rootId: root.id },
    })
    const imported = new Map(status.result.imported.map((i) => [i.source, i]))
    expect([...imported.keys()].sort()).toEqual([calm, once].sort())
    // The second copy is of the source as it is now, appended bytes and all.
    expect(imported.get(once!)!.sha256).toBe(sha256Of(once!))
    expect(sha256Of(imported.get(once!)!.path)).toBe(sha256Of(once!))
    expect(imported.get(calm!)!.sha256).toBe(sha256Of(calm!))
    expect(status.result.failed).toEqual([
      {
        source: twice,
        error: expect.stringMatching(/^twice\.mp4 changed while it was being copied, twice\./),
      },
    ])
    expect(partsUnder(rootPath)).toEqual([])
  })
})

import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/app'
import type { AppError } from '../../src/main/errors'
import { verifyBundle } from '../../src/main/export/verify-bundle'
import type { ExportProgress } from '../../src/shared/contract'
import { photoLike } from '../fixtures/media-tools'
import { pdfOfSize } from '../fixtures/pdf'
import { cli } from '../support/cli'
import { coreAt, testCore } from '../support/core'
import { indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'
import { mountTmpfs, type Tmpfs } from '../support/tmpfs'

const MiB = 1024 * 1024
const DOCS = 6
const DOC_SIZE = 4 * MiB

/** Valid PDFs padded with random bytes: copied as they are, so every object's size is known. */
function documents(folder: string): void {
  for (let i = 0; i < DOCS; i++) {
    writeFileSync(join(folder, `menu-${i}.pdf`), pdfOfSize(DOC_SIZE))
  }
}

const freeBytes = (dir: string): number => {
  const s = statfsSync(dir)
  return s.bavail * s.bsize
}

/** Every file under `dir`, relative, with `/`. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort()
}

const SENTENCE =
  /^The destination \((.+)\) is full: (\d+) of (\d+) objects were copied; free at least ([\d.]+) (MB|GB) there and export again — what was copied is kept\.$/

const mounts: Tmpfs[] = []
const cores: Core[] = []

afterEach(async () => {
  // Cores first: one of them may hold its library on a tmpfs.
  for (const core of cores.splice(0)) await core.close()
  for (const m of mounts.splice(0)) m.unmount()
})

function tmpfs(size: string): string {
  const m = mountTmpfs(size)
  mounts.push(m)
  return m.dir
}

describe('an export whose destination fills up during the copy', () => {
  it('fails with NO_SPACE in a sentence, keeps what was copied, and the rerun copies only the rest', async () => {
    const media = tempDir('marquee-docs-')
    documents(media)
    const dataDir = tempDir('marquee-data-')
    const core = testCore(dataDir)
    await core.listen()
    await core.services.roots.add({ path: media })
    await indexAndProcess(core)
    const ids = core.services.assets.list({ status: 'ready' }).items.map((a) => String(a.id))
    expect(ids).toHaveLength(DOCS)

    // 24 MiB of objects + the 16 MiB margin fit in 48 MiB: the pre-check passes.
    const stick = tmpfs('48m')
    const out = join(stick, 'bundle')
    const filler = join(stick, 'other-program.bin')
    let fillerBytes = 0
    const events: ExportProgress[] = []
    core.events.subscribe((event, payload) => {
      if (event !== 'export.progress') return
      const p = payload as ExportProgress
      events.push(p)
      // Another program writes to the stick once the copy has begun: room for 2½ objects left.
      if (p.phase === 'copying' && fillerBytes === 0) {
        fillerBytes = freeBytes(stick) - Math.round(2.5 * DOC_SIZE)
        writeFileSync(filler, Buffer.alloc(fillerBytes))
      }
    })

    const failed = await cli([
      '--data-dir',
      dataDir,
      'export',
      ...ids,
      '--profile',
      'fhd-h264',
      '--out',
      out,
    ])
    expect(fillerBytes).toBeGreaterThan(0)
    expect(failed.code).toBe(1)
    expect(failed.stdout).toBe('')
    const line = failed.stderr.replace(/^marquee: /, '').trimEnd()
    expect(failed.stderr).toBe(`marquee: ${line}\n`)
    const [, dir, placed, total, amount, unit] = SENTENCE.exec(line) ?? []
    expect(line).toMatch(SENTENCE)
    expect(dir).toBe(out)
    expect(Number(total)).toBe(DOCS)
    expect(Number(placed)).toBeGreaterThan(0)
    expect(Number(placed)).toBeLessThan(DOCS)
    // What it asks to free is enough, and freeing the filler gives that much.
    expect(Number(amount) * (unit === 'GB' ? 1e9 : 1e6)).toBeLessThanOrEqual(fillerBytes)

    // The UI hears the same sentence, with its code.
    const last = events.at(-1)!
    expect(last).toMatchObject({ phase: 'failed', code: 'NO_SPACE', error: line })

    // Finished objects stay, each whole; no part, no temporary file, no manifest, no sums.
    const left = listFiles(out)
    const objects = left.filter((f) => f.startsWith('objects/'))
    expect(objects).toHaveLength(Number(placed))
    expect(left).toEqual(objects)
    for (const o of objects) {
      const hash = createHash('sha256')
        .update(readFileSync(join(out, o)))
        .digest('hex')
      expect(basename(o)).toBe(`${hash}.pdf`)
    }
    expect(existsSync(join(out, '.staging'))).toBe(false)
    expect(existsSync(join(out, 'manifest.json'))).toBe(false)
    expect(existsSync(join(out, 'SHA256SUMS'))).toBe(false)

    // The other program's file goes; the same export again copies only what is missing.
    rmSync(filler)
    const again = await core.services.exports.run({
      source: { assetIds: ids.map(Number) },
      profile: 'fhd-h264',
      out,
    })
    expect(again).toMatchObject({
      objects: DOCS,
      skipped: Number(placed),
      copied: DOCS - Number(placed),
    })
    expect(again.skipped).toBeGreaterThan(0)
    const report = await verifyBundle(out)
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({ ok: true, objects: DOCS })
    expect(existsSync(join(out, '.staging'))).toBe(false)
  }, 120_000)

  it("says the data folder's disk is full when the renditions cache cannot be written", async () => {
    const media = tempDir('marquee-photo-')
    const photo = join(media, 'lobby.jpg')
    await (await photoLike(1600, 1200, 7, 24)).jpeg({ quality: 92 }).toFile(photo)
    // The library itself lives on a small disk.
    const disk = tmpfs('40m')
    const dataDir = join(disk, 'data')
    const core = coreAt(dataDir)
    cores.push(core)
    await core.services.roots.add({ path: media })
    await indexAndProcess(core)
    const id = core.services.assets.byPath(photo).id
    const out = join(tempDir('marquee-usb-'), 'bundle')

    const filler = join(disk, 'filler.bin')
    writeFileSync(filler, Buffer.alloc(freeBytes(disk)))
    try {
      const error: AppError = await core.services.exports
        .run({ source: { assetIds: [id] }, profile: 'fhd-h264', out })
        .then(
          () => expect.fail('the export should have failed'),
          (e: AppError) => e,
        )
      expect(error.code).toBe('NO_SPACE')
      expect(error.message).toBe(
        `The disk that holds Marquee's data folder (${dataDir}) is full: there is no room in its cache to convert lobby.jpg for the player. Free some space on that disk and export again — nothing was copied to ${out}.`,
      )
      // sharp's half-written rendition is gone, and nothing reached the destination.
      expect(readdirSync(join(dataDir, 'cache', 'tmp'))).toEqual([])
      expect(existsSync(join(out, 'objects'))).toBe(false)
    } finally {
      rmSync(filler, { force: true })
    }
    const result = await core.services.exports.run({
      source: { assetIds: [id] },
      profile: 'fhd-h264',
      out,
    })
    expect(result).toMatchObject({ objects: 1, copied: 1 })
    expect((await verifyBundle(out)).ok).toBe(true)
  }, 120_000)
})

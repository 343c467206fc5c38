import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ImportProgress, ImportStatus } from '../../src/shared/contract'
import { PROGRESS_INTERVAL_MS } from '../../src/main/services/import-progress'
import { cli } from '../support/cli'
import { testCore } from '../support/core'
import {
  filesUnder,
  importAndWait,
  inboxOf,
  partsUnder,
  randomContent,
  sha256Of,
} from '../support/imports'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

const KiB = 1024

async function library() {
  const core = testCore()
  const rootPath = tempDir('marquee-root-')
  const root = await core.services.roots.add({ path: rootPath })
  return { core, root, rootPath }
}

describe('importing dropped files and folders', () => {
  it('copies files and a folder tree into the inbox of the day and records them, hashed and queued first', async () => {
    const { core, root, rootPath } = await library()
    const drop = tempDir('marquee-drop-')
    writeTree(drop, {
      'poster.jpg': randomContent(300 * KiB),
      'clip.mp4': randomContent(2 * 1024 * KiB),
      'notes.txt': 'not media',
      'Promo/a.png': randomContent(50 * KiB),
      'Promo/sub/b.jpg': randomContent(70 * KiB),
      'Promo/.DS_Store': 'litter',
      'Promo/Thumbs.db': 'litter',
    })
    const status = await importAndWait(core, {
      sources: ['poster.jpg', 'clip.mp4', 'notes.txt', 'Promo'].map((p) => join(drop, p)),
      into: { rootId: root.id },
    })

    const inbox = inboxOf(rootPath)
    expect(status.phase).toBe('done')
    expect(status.target).toBe(inbox)
    expect(status.result.imported.map((i) => i.path).sort()).toEqual(
      ['clip.mp4', 'poster.jpg', 'Promo/a.png', 'Promo/sub/b.jpg']
        .map((p) => join(inbox, p))
        .sort(),
    )
    expect(status.result.duplicates).toEqual([])
    expect(status.result.failed).toEqual([
      {
        source: join(drop, 'notes.txt'),
        error: expect.stringMatching(/^notes\.txt is not a media file Marquee knows/),
      },
    ])
    for (const item of status.result.imported) {
      expect(sha256Of(item.path)).toBe(sha256Of(item.source))
      expect(item.sha256).toBe(sha256Of(item.source))
      const asset = core.services.assets.get(item.assetId)
      expect(asset).toMatchObject({ path: item.path, sha256: item.sha256, status: 'queued' })
      const jobs = core.db
        .prepare('SELECT kind, priority FROM jobs WHERE asset_id = ?')
        .all(item.assetId)
      expect(jobs).toEqual([{ kind: 'AssetIdentify', priority: 20 }])
    }
    expect(partsUnder(rootPath)).toEqual([])
    // Litter inside a dropped folder is left out, as the scanner leaves it out.
    expect(existsSync(join(inbox, 'Promo', 'Thumbs.db'))).toBe(false)
    // The scanner agrees with what the import recorded: nothing new, nothing changed.
    const [scan] = await core.services.scan.scanMany([root.id])
    expect(scan).toMatchObject({ status: 'completed', added: 0, changed: 0, missing: 0 })
  })

  it('never overwrites: a name that exists gets (2), (3)…', async () => {
    const { core, root, rootPath } = await library()
    const inbox = inboxOf(rootPath)
    writeTree(inbox, { 'poster.jpg': 'the one already there' })
    const drop = tempDir('marquee-drop-')
    writeTree(drop, {
      'poster.jpg': randomContent(10 * KiB),
      'lobby/slide.png': randomContent(10 * KiB),
      'bar/slide.png': randomContent(10 * KiB),
    })
    const status = await importAndWait(core, {
      sources: [
        join(drop, 'poster.jpg'),
        join(drop, 'lobby/slide.png'),
        join(drop, 'bar/slide.png'),
      ],
      into: { rootId: root.id },
    })
    const placed = new Map(status.result.imported.map((i) => [i.source, i.path]))
    expect(placed.get(join(drop, 'poster.jpg'))).toBe(join(inbox, 'poster (2).jpg'))
    // The two slides race for the name: one gets it, the other the suffix, both whole.
    expect(
      [placed.get(join(drop, 'lobby/slide.png')), placed.get(join(drop, 'bar/slide.png'))].sort(),
    ).toEqual([join(inbox, 'slide (2).png'), join(inbox, 'slide.png')])
    for (const [source, path] of placed) expect(sha256Of(path)).toBe(sha256Of(source))
    expect(readFileSync(join(inbox, 'poster.jpg'), 'utf8')).toBe('the one already there')
  })

  it('says where content already in the library is, skips it by default, and keeps it when asked', async () => {
    const { core, root, rootPath } = await library()
    const drop = tempDir('marquee-drop-')
    const content = randomContent(64 * KiB)
    writeTree(drop, { 'promo.mp4': content, 'again/renamed.mp4': content })
    const first = await importAndWait(core, {
      sources: [join(drop, 'promo.mp4')],
      into: { rootId: root.id },
    })
    const original = first.result.imported[0]!

    const skipped = await importAndWait(core, {
      sources: [join(drop, 'again/renamed.mp4')],
      into: { rootId: root.id },
    })
    expect(skipped.result).toEqual({
      imported: [],
      duplicates: [
        {
          source: join(drop, 'again/renamed.mp4'),
          existing: [{ assetId: original.assetId, path: original.path }],
          action: 'skipped',
        },
      ],
      failed: [],
    })
    expect(filesUnder(rootPath)).toEqual([original.path.slice(rootPath.length + 1)])

    const kept = await importAndWait(core, {
      sources: [join(drop, 'again/renamed.mp4')],
      into: { rootId: root.id },
      onDuplicate: 'keep',
    })
    expect(kept.result.duplicates).toEqual([
      {
        source: join(drop, 'again/renamed.mp4'),
        existing: [{ assetId: original.assetId, path: original.path }],
        action: 'kept',
      },
    ])
    expect(kept.result.imported).toEqual([
      expect.objectContaining({ path: join(inboxOf(rootPath), 'renamed.mp4') }),
    ])
    expect(core.services.assets.duplicates(false).duplicates).toEqual([
      [original.assetId, kept.result.imported[0]!.assetId],
    ])
  })

  it('finds a duplicate inside the same drop once its twin is in', async () => {
    const { core, root } = await library()
    const drop = tempDir('marquee-drop-')
    const content = randomContent(32 * KiB)
    writeTree(drop, { 'one/a.jpg': content, 'two/b.jpg': content })
    const status = await importAndWait(core, {
      sources: [join(drop, 'one'), join(drop, 'two')],
      into: { rootId: root.id },
    })
    expect(status.result.imported).toHaveLength(1)
    expect(status.result.duplicates).toEqual([
      expect.objectContaining({
        action: 'skipped',
        existing: [expect.objectContaining({ assetId: status.result.imported[0]!.assetId })],
      }),
    ])
  })

  it('imports into a chosen folder inside a root, and refuses one outside every root', async () => {
    const { core, rootPath } = await library()
    const drop = tempDir('marquee-drop-')
    writeTree(drop, { 'menu.pdf': randomContent(8 * KiB) })
    const folder = join(rootPath, 'Screens', 'Lobby')
    const status = await importAndWait(core, {
      sources: [join(drop, 'menu.pdf')],
      into: { path: folder },
    })
    expect(status.result.imported[0]!.path).toBe(join(folder, 'menu.pdf'))

    const outside = await core.dispatch('import.start', {
      sources: [join(drop, 'menu.pdf')],
      into: { path: tempDir() },
    })
    expect(outside).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/is not inside a library folder/),
      },
    })
  })

  it('refuses an offline root and files of its own data folder before copying anything', async () => {
    const { core, root, rootPath } = await library()
    const drop = tempDir('marquee-drop-')
    writeTree(drop, { 'a.jpg': randomContent(KiB) })
    const fromData = await importAndWait(core, {
      sources: [core.paths.databasePath],
      into: { rootId: root.id },
    })
    expect(fromData.result.failed).toEqual([
      {
        source: core.paths.databasePath,
        error: expect.stringMatching(/inside Marquee's own data folder/),
      },
    ])

    core.services.roots.setStatus(root.id, 'offline', 'The NAS is unplugged.')
    const offline = await importAndWait(core, {
      sources: [join(drop, 'a.jpg')],
      into: { rootId: root.id },
    })
    expect(offline.phase).toBe('failed')
    expect(offline.code).toBe('UNAVAILABLE')
    expect(offline.error).toMatch(/is offline — The NAS is unplugged\. Nothing was copied/)
    expect(filesUnder(rootPath)).toEqual([])
  })

  it("marquee import prints the issue's JSON and exits 0, or 3 when a file failed", async () => {
    const dataDir = tempDir('marquee-data-')
    const rootPath = tempDir('marquee-root-')
    const drop = tempDir('marquee-drop-')
    writeTree(drop, { 'a.jpg': randomContent(KiB), 'b.txt': 'text' })
    expect((await cli(['roots', 'add', rootPath, '--data-dir', dataDir])).code).toBe(0)

    const ok = await cli(
      ['import', 'a.jpg', '--into', rootPath, '--json', '--data-dir', dataDir],
      drop,
    )
    expect(ok.code).toBe(0)
    const result = JSON.parse(ok.stdout)
    expect(result).toEqual({
      imported: [
        {
          source: join(drop, 'a.jpg'),
          path: join(inboxOf(rootPath), 'a.jpg'),
          assetId: expect.any(Number),
          sha256: sha256Of(join(drop, 'a.jpg')),
        },
      ],
      duplicates: [],
      failed: [],
    })

    const again = await cli(
      ['import', 'a.jpg', 'b.txt', '--into', '1', '--json', '--data-dir', dataDir],
      drop,
    )
    expect(again.code).toBe(3)
    expect(JSON.parse(again.stdout)).toMatchObject({
      imported: [],
      duplicates: [{ source: join(drop, 'a.jpg'), action: 'skipped' }],
      failed: [{ source: join(drop, 'b.txt') }],
    })

    const nowhere = await cli(['import', 'a.jpg', '--into', tempDir(), '--data-dir', dataDir], drop)
    expect(nowhere.code).toBe(1)
    expect(nowhere.stderr).toMatch(/^marquee: .* is not inside a library folder/)
  })

  it('retries a source that changed after the drop, and imports what it is now', async () => {
    const { core, root, rootPath } = await library()
    const drop = tempDir('marquee-drop-')
    writeTree(drop, { 'growing.mp4': randomContent(256 * KiB) })
    const source = join(drop, 'growing.mp4')
    const stop = core.events.subscribe((event, payload) => {
      // The copy phase starts: the file is written to once more before its first byte moves.
      if (event === 'import.progress' && (payload as { phase: string }).phase === 'copying') {
        stop()
        writeFileSync(source, randomContent(300 * KiB))
      }
    })
    const status = await importAndWait(core, { sources: [source], into: { rootId: root.id } })
    expect(status.result.failed).toEqual([])
    expect(status.result.imported[0]!.sha256).toBe(sha256Of(source))
    expect(sha256Of(status.result.imported[0]!.path)).toBe(sha256Of(source))
    expect(partsUnder(rootPath)).toEqual([])
  })
})

describe('an import under way', () => {
  it('reports per file and overall, at most about four times a second, and ends with the result', async () => {
    const { core, root } = await library()
    const drop = tempDir('marquee-drop-')
    const files = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`Set/slide-${i}.jpg`, randomContent(256 * KiB)]),
    )
    writeTree(drop, files)
    const events: Array<ImportProgress & { at: number }> = []
    core.events.subscribe((event, payload) => {
      if (event === 'import.progress')
        events.push({ ...(payload as ImportProgress), at: performance.now() })
    })
    const status = await importAndWait(core, {
      sources: [join(drop, 'Set')],
      into: { rootId: root.id },
    })

    const last = events.at(-1)!
    expect(last).toMatchObject({ phase: 'done', files: 40, totalFiles: 40, bytes: 40 * 256 * KiB })
    expect(last.result).toEqual(status.result)
    // Every file is told once, as it settles.
    const settled = events.flatMap((e) => e.settled)
    expect(settled.map((s) => s.outcome)).toEqual(Array(40).fill('imported'))
    expect(new Set(settled.map((s) => s.fileId)).size).toBe(40)
    // Between two events of the same phase, at least the interval (less a little for timers).
    const copying = events.filter((e) => e.phase === 'copying')
    for (let i = 1; i < copying.length; i++)
      expect(copying[i]!.at - copying[i - 1]!.at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS - 20)
  })

  it('cancels one waiting file, or the whole import; nothing of theirs is left', async () => {
    const { core, root, rootPath } = await library()
    const drop = tempDir('marquee-drop-')
    writeTree(drop, {
      'a.jpg': randomContent(KiB),
      'b.jpg': randomContent(KiB),
      'c.jpg': randomContent(KiB),
    })
    const sources = ['a.jpg', 'b.jpg', 'c.jpg'].map((n) => join(drop, n))
    const cancelAt = (pick: (s: ImportStatus) => number | undefined) => {
      const stop = core.events.subscribe((event, payload) => {
        const p = payload as ImportProgress
        if (event !== 'import.progress' || p.phase !== 'copying') return
        stop()
        const status = core.services.imports.status(p.importId)
        expect(core.services.imports.cancel(p.importId, pick(status))).toEqual({ cancelled: true })
      })
    }
    cancelAt((s) => s.pending.find((f) => f.name === 'c.jpg')!.fileId)
    const one = await importAndWait(core, { sources, into: { rootId: root.id } })
    expect(one.phase).toBe('done')
    expect(one.result.imported.map((i) => i.source)).toEqual(sources.slice(0, 2))
    expect(one.result.failed).toEqual([
      { source: sources[2], error: 'Not imported: it was cancelled.' },
    ])

    cancelAt(() => undefined)
    const all = await importAndWait(core, {
      sources: [join(drop, 'c.jpg')],
      into: { path: join(rootPath, 'Elsewhere') },
    })
    expect(all.phase).toBe('cancelled')
    expect(all.result.imported).toEqual([])
    expect(existsSync(join(rootPath, 'Elsewhere'))).toBe(false)
    expect(partsUnder(rootPath)).toEqual([])
  })

  it('stops a file being copied when it is cancelled, and removes its part', async () => {
    const { core, root, rootPath } = await library()
    const drop = tempDir('marquee-drop-')
    writeTree(drop, { 'big.mp4': randomContent(64 * 1024 * KiB) })
    const stop = core.events.subscribe((event, payload) => {
      const p = payload as ImportProgress
      if (event !== 'import.progress' || p.phase !== 'copying') return
      stop()
      const fileId = core.services.imports.status(p.importId).pending[0]!.fileId
      // Once its copy has started (the lanes start right after this event).
      setImmediate(() => core.services.imports.cancel(p.importId, fileId))
    })
    const status = await importAndWait(core, {
      sources: [join(drop, 'big.mp4')],
      into: { rootId: root.id },
    })
    expect(status.phase).toBe('done')
    expect(status.result.failed).toEqual([
      { source: join(drop, 'big.mp4'), error: 'Not imported: it was cancelled.' },
    ])
    // The copy had begun (its folder was made for the part), and nothing of it is left.
    expect(existsSync(inboxOf(rootPath))).toBe(true)
    expect(filesUnder(rootPath)).toEqual([])
  })
})

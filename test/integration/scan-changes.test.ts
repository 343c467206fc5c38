import { cpSync, mkdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testCore } from '../support/core'
import { assetsByPath, counts, writeTree } from '../support/library'
import { tempDir } from '../support/temp'

async function library(files: Record<string, string> = {}) {
  const core = testCore()
  const media = tempDir('marquee-lib-')
  writeTree(media, files)
  const root = await core.services.roots.add({ path: media })
  const scan = (confirmEmpty = false) => core.services.scan.scan(root.id, { confirmEmpty })
  return { core, media, root, scan }
}

describe('change detection', () => {
  it('indexes new files, then finds nothing to do when nothing changed', async () => {
    const { core, scan } = await library({
      'a.jpg': 'a',
      'sub/b.mp4': 'bb',
      'sub/deeper/c.pdf': 'ccc',
    })
    expect(counts(await scan())).toEqual({
      seen: 3,
      added: 3,
      changed: 0,
      moved: 0,
      missing: 0,
      restored: 0,
    })
    const again = await scan()
    expect(again.status).toBe('completed')
    expect(counts(again)).toEqual({
      seen: 3,
      added: 0,
      changed: 0,
      moved: 0,
      missing: 0,
      restored: 0,
    })
    expect([...assetsByPath(core).keys()].sort()).toEqual([
      'a.jpg',
      'sub/b.mp4',
      'sub/deeper/c.pdf',
    ])
  })

  it('sees a changed size or modification time as a change, keeping the id', async () => {
    const { core, media, scan } = await library({ 'a.jpg': 'a', 'b.jpg': 'b' })
    await scan()
    const before = assetsByPath(core)
    writeFileSync(join(media, 'a.jpg'), 'a longer content')
    utimesSync(join(media, 'b.jpg'), new Date(2020, 1, 1), new Date(2020, 1, 1))
    expect(counts(await scan())).toMatchObject({ changed: 2, added: 0, missing: 0 })
    const after = assetsByPath(core)
    expect(after.get('a.jpg')!.id).toBe(before.get('a.jpg')!.id)
    expect(after.get('a.jpg')!.size).toBe(16)
  })

  it('keeps the id of a renamed file and of a file moved to another folder', async () => {
    const { core, media, scan } = await library({
      'lobby/promo.mp4': 'promo',
      'lobby/menu.jpg': 'menu',
    })
    await scan()
    const before = assetsByPath(core)
    renameSync(join(media, 'lobby/promo.mp4'), join(media, 'lobby/promo-2026.mp4'))
    mkdirSync(join(media, 'archive'))
    renameSync(join(media, 'lobby/menu.jpg'), join(media, 'archive/menu.jpg'))

    expect(counts(await scan())).toEqual({
      seen: 2,
      added: 0,
      changed: 0,
      moved: 2,
      missing: 0,
      restored: 0,
    })
    const after = assetsByPath(core)
    expect(after.get('lobby/promo-2026.mp4')!.id).toBe(before.get('lobby/promo.mp4')!.id)
    expect(after.get('archive/menu.jpg')!.id).toBe(before.get('lobby/menu.jpg')!.id)
    expect(after.size).toBe(2)
  })

  it('keeps ids when a whole folder is renamed', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`Summer/img-${i}.jpg`, `pixels ${i}`]),
    )
    const { core, media, scan } = await library({ ...files, 'other.jpg': 'o' })
    await scan()
    const before = assetsByPath(core)
    renameSync(join(media, 'Summer'), join(media, 'Summer 2026'))
    expect(counts(await scan())).toMatchObject({ moved: 30, added: 0, missing: 0 })
    const after = assetsByPath(core)
    for (let i = 0; i < 30; i++) {
      expect(after.get(`Summer 2026/img-${i}.jpg`)!.id).toBe(before.get(`Summer/img-${i}.jpg`)!.id)
    }
  })

  it('marks deleted files missing, keeps them, and restores them with their id when they return', async () => {
    const { core, media, scan } = await library({ 'keep.jpg': 'k', 'gone.jpg': 'g' })
    await scan()
    const id = assetsByPath(core).get('gone.jpg')!.id
    const saved = join(tempDir(), 'gone.jpg')
    cpSync(join(media, 'gone.jpg'), saved, { preserveTimestamps: true })
    rmSync(join(media, 'gone.jpg'))

    expect(counts(await scan())).toMatchObject({ missing: 1 })
    expect(assetsByPath(core).get('gone.jpg')).toMatchObject({ id, status: 'missing' })

    cpSync(saved, join(media, 'gone.jpg'), { preserveTimestamps: true })
    expect(counts(await scan())).toMatchObject({ restored: 1, added: 0, missing: 0 })
    // Back with its id, and back in the processing pipeline.
    expect(assetsByPath(core).get('gone.jpg')).toMatchObject({ id, status: 'queued' })
  })

  it('restores a missing file found again under another name, with its id', async () => {
    const { core, media, scan } = await library({ 'a/clip.mp4': 'the clip', 'b.jpg': 'b' })
    await scan()
    const id = assetsByPath(core).get('a/clip.mp4')!.id
    const saved = join(tempDir(), 'clip.mp4')
    cpSync(join(media, 'a/clip.mp4'), saved)
    rmSync(join(media, 'a/clip.mp4'))
    await scan()
    cpSync(saved, join(media, 'b-side/clip.mp4'.replace('b-side', 'elsewhere')), {
      recursive: true,
    })
    expect(counts(await scan())).toMatchObject({ moved: 1, added: 0 })
    expect(assetsByPath(core).get('elsewhere/clip.mp4')).toMatchObject({ id, status: 'queued' })
  })

  it('does not count a new inode alone (a remounted share) as a change', async () => {
    const { core, media, scan } = await library({ 'a.jpg': 'content' })
    const when = new Date('2025-06-01T12:00:00Z')
    utimesSync(join(media, 'a.jpg'), when, when)
    await scan()
    const before = assetsByPath(core).get('a.jpg')!
    const copy = join(media, 'a.tmp')
    cpSync(join(media, 'a.jpg'), copy)
    utimesSync(copy, when, when)
    rmSync(join(media, 'a.jpg'))
    renameSync(copy, join(media, 'a.jpg'))
    expect(String(statSync(join(media, 'a.jpg')).ino)).not.toBe(before.inode)

    expect(counts(await scan())).toEqual({
      seen: 1,
      added: 0,
      changed: 0,
      moved: 0,
      missing: 0,
      restored: 0,
    })
    const after = assetsByPath(core).get('a.jpg')!
    expect(after.id).toBe(before.id)
    expect(after.inode).toBe(String(statSync(join(media, 'a.jpg')).ino))
  })

  it('leaves a file that is still being written for the next scan', async () => {
    const core = testCore(undefined, { settleMs: 60_000 })
    const media = tempDir()
    writeTree(media, { 'old.jpg': 'o', 'copying.mp4': 'half' })
    utimesSync(join(media, 'old.jpg'), new Date(2020, 1, 1), new Date(2020, 1, 1))
    const root = await core.services.roots.add({ path: media })
    expect(counts(await core.services.scan.scan(root.id, { background: true }))).toMatchObject({
      added: 1,
    })
    expect([...assetsByPath(core).keys()]).toEqual(['old.jpg'])
  })

  it('answers a full scan asked during a background one with what both found', async () => {
    const core = testCore(undefined, { settleMs: 60_000 })
    const media = tempDir()
    writeTree(media, { 'old.jpg': 'o', 'copying.mp4': 'half' })
    utimesSync(join(media, 'old.jpg'), new Date(2020, 1, 1), new Date(2020, 1, 1))
    const root = await core.services.roots.add({ path: media })
    const background = core.services.scan.scan(root.id, { background: true })
    const full = core.services.scan.scan(root.id)
    expect(counts(await background)).toMatchObject({ added: 1 })
    // The full scan after it takes the file still being written too, and reports both.
    expect(counts(await full)).toMatchObject({ added: 2 })
  })
})

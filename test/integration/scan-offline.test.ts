import { renameSync, rmSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testCore } from '../support/core'
import { assetsByPath, counts, writeTree } from '../support/library'
import { tempDir } from '../support/temp'

const twelve = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [`show/slide-${i}.jpg`, `slide ${i}`]),
)

describe('offline is not empty', () => {
  it('turns a root renamed away offline and marks nothing missing', async () => {
    const core = testCore()
    const parent = tempDir()
    const media = join(parent, 'Signage')
    writeTree(media, twelve)
    const root = await core.services.roots.add({ path: media })
    await core.services.scan.scan(root.id)

    renameSync(media, join(parent, 'Signage (old)'))
    const result = await core.services.scan.scan(root.id)
    expect(result).toMatchObject({ status: 'aborted', missing: 0 })
    expect(result.reason).toMatch(/is not there/)
    expect(core.services.roots.get(root.id)).toMatchObject({ status: 'offline' })
    expect(core.services.roots.get(root.id).statusReason).toMatch(/Nothing was marked missing/)
    expect([...assetsByPath(core).values()].every((a) => a.status === 'queued')).toBe(true)

    renameSync(join(parent, 'Signage (old)'), media)
    const back = await core.services.scan.scan(root.id)
    expect(counts(back)).toEqual({
      seen: 12,
      added: 0,
      changed: 0,
      moved: 0,
      missing: 0,
      restored: 0,
    })
    expect(core.services.roots.get(root.id)).toMatchObject({ status: 'online', statusReason: null })
  })

  it('treats a root that is suddenly empty as offline until the user confirms', async () => {
    const core = testCore()
    const media = tempDir()
    writeTree(media, twelve)
    const root = await core.services.roots.add({ path: media })
    await core.services.scan.scan(root.id)

    rmSync(join(media, 'show'), { recursive: true })
    const result = await core.services.scan.scan(root.id)
    expect(result).toMatchObject({ status: 'aborted', missing: 0 })
    expect(result.reason).toMatch(/is empty, but the library holds 12 files/)
    expect(core.services.roots.get(root.id).status).toBe('offline')

    const confirmed = await core.services.scan.scan(root.id, { confirmEmpty: true })
    expect(confirmed).toMatchObject({ status: 'completed', missing: 12 })
    expect(assetsByPath(core).size).toBe(12)
  })

  it('refuses to believe a different volume mounted at the same path', async () => {
    const core = testCore()
    const media = tempDir()
    writeTree(media, twelve)
    const root = await core.services.roots.add({ path: media })
    await core.services.scan.scan(root.id)

    rmSync(join(media, 'show'), { recursive: true })
    writeTree(media, { 'other-drive/backup.mp4': 'x' })
    const result = await core.services.scan.scan(root.id)
    expect(result).toMatchObject({ status: 'aborted', missing: 0 })
    expect(result.reason).toMatch(/a different drive may be mounted/)
    expect([...assetsByPath(core).keys()].sort()).toEqual(Object.keys(twelve).sort())
  })

  it('keeps the index of a root whose folder became a file', async () => {
    const core = testCore()
    const parent = tempDir()
    const media = join(parent, 'm')
    writeTree(media, twelve)
    const root = await core.services.roots.add({ path: media })
    await core.services.scan.scan(root.id)
    rmSync(media, { recursive: true })
    writeTree(parent, { m: 'not a folder' })
    expect(await core.services.scan.scan(root.id)).toMatchObject({ status: 'aborted', missing: 0 })
    rmSync(media)
    mkdirSync(media)
  })
})

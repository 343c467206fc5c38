import { describe, expect, it, vi } from 'vitest'
import { call } from '../../src/main/cli/call'
import { testCore } from '../support/core'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

/** Menus/a.jpg and Menus/Summer/b.jpg in a scanned root. */
async function library() {
  const core = testCore()
  const media = tempDir('marquee-lib-')
  writeTree(media, { 'Menus/a.jpg': 'a', 'Menus/Summer/b.jpg': 'bb' })
  const root = await core.services.roots.add({ path: media })
  await core.services.scan.scan(root.id, {})
  const byName = (name: string) =>
    core.services.assets.list({ limit: 10 }).items.find((a) => a.name === name)!
  return { core, root, byName }
}

describe('tags a folder hands down, as the UI reads them', () => {
  it('marks each handed-down tag with the nearest folder that hands it down', async () => {
    const { core, root, byName } = await library()
    await call(core, 'tags.folder', { rootId: root.id, folder: '', add: ['lobby'] })
    await call(core, 'tags.folder', { rootId: root.id, folder: 'Menus', add: ['menu'] })
    await call(core, 'tags.folder', { rootId: root.id, folder: 'Menus/Summer', add: ['menu'] })
    await call(core, 'tags.apply', { selection: { ids: [byName('a.jpg').id] }, add: ['hand'] })

    const tagsOf = async (name: string) =>
      (await call(core, 'assets.get', { id: byName(name).id })).tags.map(({ name, folder }) =>
        folder === undefined ? name : `${name} < ${folder}`,
      )
    expect(await tagsOf('a.jpg')).toEqual(['hand', 'lobby < ', 'menu < Menus'])
    expect(await tagsOf('b.jpg')).toEqual(['lobby < ', 'menu < Menus/Summer'])
    // Set by hand too: a hand tag (stays when the folder is untagged), not marked.
    await call(core, 'tags.apply', { selection: { ids: [byName('b.jpg').id] }, add: ['lobby'] })
    expect(await tagsOf('b.jpg')).toEqual(['lobby', 'menu < Menus/Summer'])
  })

  it('lists a folder’s tags, and tells views that assets changed', async () => {
    const { core, root } = await library()
    expect(await call(core, 'tags.ofFolder', { rootId: root.id, folder: 'Menus' })).toEqual({
      tags: [],
    })
    const events: string[] = []
    core.events.subscribe((event) => events.push(event))
    await call(core, 'tags.folder', { rootId: root.id, folder: 'Menus', add: ['menu', 'food'] })
    expect(await call(core, 'tags.ofFolder', { rootId: root.id, folder: 'Menus/' })).toEqual({
      tags: ['food', 'menu'],
    })
    await vi.waitFor(() => expect(events).toContain('assets.changed'), { timeout: 10_000 })
    const gone = await core.dispatch('tags.ofFolder', { rootId: 99, folder: '' })
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

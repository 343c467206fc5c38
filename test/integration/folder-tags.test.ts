import { renameSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MethodArgs, MethodName, MethodResult } from '../../src/shared/contract'
import { testCore } from '../support/core'
import { importAndWait, randomContent } from '../support/imports'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

type Core = ReturnType<typeof testCore>

async function call<M extends MethodName>(
  core: Core,
  method: M,
  args: MethodArgs<M>,
): Promise<MethodResult<M>> {
  const response = await core.dispatch(method, args)
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`)
  return response.result as MethodResult<M>
}

/** A real root: Menus/a.jpg, Menus/Summer/b.jpg, Menus 2/c.jpg, Lobby/d.jpg, scanned. */
async function library() {
  const core = testCore()
  const media = tempDir('marquee-lib-')
  writeTree(media, {
    'Menus/a.jpg': 'a',
    'Menus/Summer/b.jpg': 'bb',
    'Menus 2/c.jpg': 'ccc',
    'Lobby/d.jpg': 'dddd',
  })
  const root = await core.services.roots.add({ path: media })
  const scan = () => core.services.scan.scan(root.id, {})
  await scan()
  /** Tag names of each asset, by relative path. */
  const tagsByPath = () => {
    const { items } = core.services.assets.list({ limit: 100 })
    return Object.fromEntries(
      items
        .map((a) => [a.relPath, a.tags.map((t) => t.name).sort()] as const)
        .sort(([x], [y]) => x.localeCompare(y)),
    )
  }
  return { core, media, root, scan, tagsByPath }
}

describe('tags propagated down contains', () => {
  it('tags the assets of a folder and its subfolders, not a sibling named alike', async () => {
    const { core, root, tagsByPath } = await library()
    const result = await call(core, 'tags.folder', {
      rootId: root.id,
      folder: 'Menus',
      add: ['menu'],
    })
    expect(result).toEqual({ changed: 2, tags: ['menu'] })
    expect(tagsByPath()).toEqual({
      'Lobby/d.jpg': [],
      'Menus 2/c.jpg': [],
      'Menus/Summer/b.jpg': ['menu'],
      'Menus/a.jpg': ['menu'],
    })
    // The gallery's tag filter sees handed-down tags like any other.
    const [menu] = (await call(core, 'tags.list', undefined)).filter((t) => t.name === 'menu')
    const page = await call(core, 'assets.page', { tagIds: [menu!.id] })
    expect(page.items.map((i) => i.name).sort()).toEqual(['a.jpg', 'b.jpg'])
  })

  it('tags files that arrive in the folder later, and untags those moved out', async () => {
    const { core, media, root, scan, tagsByPath } = await library()
    await call(core, 'tags.folder', { rootId: root.id, folder: 'Menus', add: ['menu'] })
    writeTree(media, { 'Menus/Summer/new.jpg': 'new one' })
    renameSync(join(media, 'Menus', 'a.jpg'), join(media, 'Lobby', 'a.jpg'))
    renameSync(join(media, 'Lobby', 'd.jpg'), join(media, 'Menus', 'd.jpg'))
    const result = await scan()
    expect(result.moved).toBe(2)
    expect(tagsByPath()).toEqual({
      'Lobby/a.jpg': [],
      'Menus 2/c.jpg': [],
      'Menus/Summer/b.jpg': ['menu'],
      'Menus/Summer/new.jpg': ['menu'],
      'Menus/d.jpg': ['menu'],
    })
  })

  it('tags files imported into the folder, and not those imported beside it', async () => {
    const { core, media, root, tagsByPath } = await library()
    await call(core, 'tags.folder', { rootId: root.id, folder: 'Menus', add: ['menu'] })
    const drop = tempDir('marquee-drop-')
    writeTree(drop, { 'new.jpg': randomContent(64), 'other.jpg': randomContent(64) })

    await importAndWait(core, {
      sources: [join(drop, 'new.jpg')],
      into: { path: join(media, 'Menus', 'Summer') },
    })
    await importAndWait(core, {
      sources: [join(drop, 'other.jpg')],
      into: { path: join(media, 'Lobby') },
    })

    expect(tagsByPath()).toMatchObject({
      'Menus/Summer/new.jpg': ['menu'],
      'Lobby/other.jpg': [],
      'Menus/a.jpg': ['menu'],
    })
  })

  it('removing the folder tag takes back what it handed down, never a tag set by hand', async () => {
    const { core, root, tagsByPath } = await library()
    await call(core, 'tags.folder', { rootId: root.id, folder: '', add: ['lobby'] })
    await call(core, 'tags.folder', { rootId: root.id, folder: 'Menus', add: ['lobby', 'menu'] })
    const b = core.services.assets.list({ query: 'Summer/b', limit: 1 }).items[0]!
    await call(core, 'tags.apply', { selection: { ids: [b.id] }, add: ['menu'] })

    const menuOff = await call(core, 'tags.folder', {
      rootId: root.id,
      folder: 'Menus',
      remove: ['menu', 'lobby'],
    })
    // a.jpg loses menu; lobby stays everywhere: the root still hands it down.
    expect(menuOff).toEqual({ changed: 1, tags: [] })
    expect(tagsByPath()).toEqual({
      'Lobby/d.jpg': ['lobby'],
      'Menus 2/c.jpg': ['lobby'],
      'Menus/Summer/b.jpg': ['lobby', 'menu'],
      'Menus/a.jpg': ['lobby'],
    })
    await call(core, 'tags.folder', { rootId: root.id, folder: '/', remove: ['lobby'] })
    expect(tagsByPath()['Menus/Summer/b.jpg']).toEqual(['menu'])
    expect(Object.values(tagsByPath()).flat()).toEqual(['menu'])
  })

  it('refuses a folder path that leaves the root, and an unknown root', async () => {
    const { core, root } = await library()
    const bad = await core.dispatch('tags.folder', { rootId: root.id, folder: '../x', add: ['a'] })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const gone = await core.dispatch('tags.folder', { rootId: 99, folder: 'Menus', add: ['a'] })
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('marquee folder-tag', () => {
  it('tags a folder by path and says what it hands down', async () => {
    const { cli } = await import('../support/cli')
    const dataDir = tempDir('marquee-data-')
    const media = tempDir('marquee-lib-')
    writeTree(media, { 'Menus/a.jpg': 'a', 'Menus/Summer/b.jpg': 'bb', 'Lobby/c.jpg': 'c' })
    const run = (...args: string[]) => cli([...args, '--data-dir', dataDir], media)
    expect((await run('index', media)).code).toBe(0)
    const tagged = await run('folder-tag', 'Menus', '--tag', 'menu', '--tag', 'food')
    expect(tagged).toMatchObject({ code: 0, stderr: '' })
    expect(tagged.stdout).toMatch(/^Menus in ".*" hands down food, menu; 4 file\(s\) changed\.\n$/)
    const json = await run('folder-tag', join(media, 'Menus'), '--untag', 'food', '--json')
    expect(JSON.parse(json.stdout)).toEqual({ changed: 2, tags: ['menu'] })
    expect((await run('folder-tag', '/elsewhere', '--tag', 'x')).code).toBe(2)
  })
})

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { randomContent } from '../support/imports'
import { writeTree } from '../support/library'
import { tempDir } from '../support/temp'

const KiB = 1024

/** A real root with Menus/menu.jpg in playlist Lobby (12 s) and a drop folder outside it. */
async function library() {
  const dataDir = tempDir('marquee-data-')
  const rootPath = tempDir('marquee-root-')
  const drop = tempDir('marquee-drop-')
  writeTree(rootPath, { 'Menus/menu.jpg': randomContent(KiB), 'intro.jpg': randomContent(KiB) })
  writeTree(drop, { 'menu-v2.jpg': randomContent(2 * KiB) })
  const run = (...args: string[]) => cli([...args, '--data-dir', dataDir], rootPath)
  expect((await run('index', rootPath)).code).toBe(0)
  expect((await run('playlist', 'create', 'Lobby')).code).toBe(0)
  expect((await run('playlist', 'add', 'Lobby', 'intro.jpg')).code).toBe(0)
  expect((await run('playlist', 'add', 'Lobby', 'Menus/menu.jpg', '--duration', '12')).code).toBe(0)
  return { run, rootPath, drop }
}

const items = async (run: (...args: string[]) => ReturnType<typeof cli>) =>
  JSON.parse((await run('playlist', 'show', 'Lobby', '--json')).stdout).items as Array<{
    assetId: number
    name: string
    durationMs: number | null
  }>

describe('marquee replace', () => {
  it('imports a file from outside the library next to the old one and swaps it in', async () => {
    const { run, rootPath, drop } = await library()
    const before = await items(run)
    const result = await run('replace', 'Menus/menu.jpg', join(drop, 'menu-v2.jpg'), '--json')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const replaced = JSON.parse(result.stdout)
    const copy = join(rootPath, 'Menus', 'menu-v2.jpg')
    expect(readFileSync(copy)).toEqual(readFileSync(join(drop, 'menu-v2.jpg')))
    expect(existsSync(join(rootPath, 'Menus', 'menu.jpg'))).toBe(true)
    expect(replaced).toMatchObject({
      oldId: before[1]!.assetId,
      collections: [{ kind: 'playlist', name: 'Lobby', items: 1 }],
      link: { relation: 'replaces', target: `asset:${before[1]!.assetId}` },
    })
    const after = await items(run)
    expect(after.map((i) => [i.name, i.durationMs])).toEqual([
      ['intro.jpg', null],
      ['menu-v2.jpg', 12_000],
    ])
    expect(after[1]!.assetId).toBe(replaced.newId)
  })

  it('takes an asset already in the library by id and says what changed', async () => {
    const { run } = await library()
    const [intro, menu] = await items(run)
    const result = await run('replace', String(menu!.assetId), String(intro!.assetId))
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      `asset:${intro!.assetId} replaces asset:${menu!.assetId} in 1 collection(s); the old file is untouched:\n` +
        '  playlist "Lobby" (1 item)\n',
    )
    expect((await items(run)).map((i) => i.assetId)).toEqual([intro!.assetId, intro!.assetId])
  })

  it('refuses with a sentence when the new file cannot be imported, changing nothing', async () => {
    const { run, drop } = await library()
    const before = await items(run)
    const missing = await run('replace', 'Menus/menu.jpg', join(drop, 'nothing.jpg'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^marquee: .*nothing\.jpg/)
    const usage = await run('replace', 'Menus/menu.jpg')
    expect(usage.code).toBe(2)
    expect(await items(run)).toEqual(before)
  })
})

import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Events } from '../../src/shared/contract'
import { testCore } from '../support/core'
import { tempDir } from '../support/temp'

async function expectFailure(
  action: Promise<unknown> | (() => unknown),
  code: string,
  message: RegExp,
) {
  const run = typeof action === 'function' ? Promise.resolve().then(action) : action
  await expect(run).rejects.toMatchObject({ code, message: expect.stringMatching(message) })
}

describe('roots', () => {
  it('adds a folder by its real path, labels it after the folder, and announces the change', async () => {
    const core = testCore()
    const media = tempDir()
    mkdirSync(join(media, 'Lobby Screens'))
    symlinkSync(join(media, 'Lobby Screens'), join(media, 'link'))
    const seen: Events['roots.changed'][] = []
    core.events.subscribe((event, payload) => {
      if (event === 'roots.changed') seen.push(payload as Events['roots.changed'])
    })

    const root = await core.services.roots.add({ path: join(media, 'link') })

    expect(root).toMatchObject({
      path: join(media, 'Lobby Screens'),
      label: 'Lobby Screens',
      kind: 'local',
      status: 'online',
    })
    expect(core.services.roots.list()).toEqual([root])
    expect(seen).toEqual([{ roots: [root] }])
  })

  it('refuses a path that is missing, a file, relative, or already covered by another root', async () => {
    const core = testCore()
    const media = tempDir()
    mkdirSync(join(media, 'a', 'b'), { recursive: true })
    writeFileSync(join(media, 'file.jpg'), 'x')
    await core.services.roots.add({ path: join(media, 'a') })

    await expectFailure(
      core.services.roots.add({ path: join(media, 'nope') }),
      'NOT_FOUND',
      /There is no folder at/,
    )
    await expectFailure(
      core.services.roots.add({ path: join(media, 'file.jpg') }),
      'INVALID_ARGUMENT',
      /is a file, not a folder/,
    )
    await expectFailure(
      core.services.roots.add({ path: 'relative/path' }),
      'INVALID_ARGUMENT',
      /not an absolute path/,
    )
    await expectFailure(
      core.services.roots.add({ path: join(media, 'a') }),
      'CONFLICT',
      /already in the library/,
    )
    await expectFailure(
      core.services.roots.add({ path: join(media, 'a', 'b') }),
      'CONFLICT',
      /is inside the library folder "a"/,
    )
    await expectFailure(
      core.services.roots.add({ path: media }),
      'CONFLICT',
      /contains the library folder "a"/,
    )
    expect(core.services.roots.list()).toHaveLength(1)
  })

  it('relabels and changes kind, refusing an empty label', async () => {
    const core = testCore()
    const root = await core.services.roots.add({ path: tempDir() })
    const renamed = core.services.roots.update({ id: root.id, label: '  Lobby  ', kind: 'network' })
    expect(renamed).toMatchObject({ id: root.id, label: 'Lobby', kind: 'network' })
    await expectFailure(
      () => core.services.roots.update({ id: root.id, label: ' ' }),
      'INVALID_ARGUMENT',
      /needs a label/,
    )
    await expectFailure(
      () => core.services.roots.update({ id: 12345, label: 'x' }),
      'NOT_FOUND',
      /no library folder with id 12345/,
    )
  })

  it('forgets a root without touching a single file in it', async () => {
    const core = testCore()
    const media = tempDir()
    writeFileSync(join(media, 'keep.png'), 'original')
    const root = await core.services.roots.add({ path: media })
    expect(core.services.roots.remove(root.id)).toEqual({ id: root.id })
    expect(core.services.roots.list()).toEqual([])
    expect(readdirSync(media)).toEqual(['keep.png'])
  })

  it('keeps roots across a restart of the core', async () => {
    const dataDir = tempDir()
    const first = testCore(dataDir)
    const root = await first.services.roots.add({ path: tempDir(), label: 'NAS' })
    await first.close()
    expect(testCore(dataDir).services.roots.list()).toEqual([root])
  })
})

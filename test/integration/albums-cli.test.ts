import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { coreAt } from '../support/core'
import { insertAssets, insertRoot } from '../support/library-rows'
import { tempDir } from '../support/temp'

describe('marquee album move and cover', () => {
  it('nests albums, refuses a cycle, and sets and clears a cover', async () => {
    const dataDir = tempDir('marquee-data-')
    const core = coreAt(dataDir)
    const rootId = insertRoot(core.db, '/library/lobby')
    const [first, second] = insertAssets(core.db, rootId, [
      { name: 'a.jpg', sha256: 'a'.repeat(64) },
      { name: 'b.jpg', sha256: 'b'.repeat(64) },
    ]) as [number, number]
    await core.close()
    const run = (...args: string[]) => cli(['--data-dir', dataDir, ...args])

    for (const name of ['Venues', 'Lobby'])
      expect((await run('album', 'create', name)).code).toBe(0)
    expect((await run('album', 'add', 'Lobby', String(first), String(second))).code).toBe(0)
    expect((await run('album', 'move', 'Lobby', 'Venues')).stdout).toBe(
      'Album "Lobby" is now inside "Venues".\n',
    )
    const refused = await run('album', 'move', 'Venues', 'Lobby')
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toContain('"Venues" cannot go inside "Lobby"')
    expect((await run('playlist', 'move', 'Lobby', 'Venues')).stderr).toContain('Only albums nest')

    expect((await run('album', 'cover', 'Lobby', String(second))).code).toBe(0)
    const listed = JSON.parse((await run('album', 'ls', '--json')).stdout) as Array<{
      name: string
      parentId: number | null
      coverSha256: string | null
      preview: string[]
    }>
    const venues = listed.find((a) => a.name === 'Venues')!
    const lobby = listed.find((a) => a.name === 'Lobby')!
    expect(lobby).toMatchObject({ coverSha256: 'b'.repeat(64) })
    expect(lobby.preview).toEqual(['a'.repeat(64), 'b'.repeat(64)])
    expect(venues.preview).toEqual(lobby.preview)
    expect(lobby.parentId).not.toBeNull()

    expect((await run('album', 'cover', 'Lobby')).code).toBe(0)
    expect((await run('album', 'move', 'Lobby')).stdout).toContain('now at the top level')
    const after = JSON.parse((await run('album', 'show', 'Lobby', '--json')).stdout) as {
      parentId: number | null
      coverSha256: string
    }
    expect(after).toMatchObject({ parentId: null, coverSha256: 'a'.repeat(64) })
  })
})

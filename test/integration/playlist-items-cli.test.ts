import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { tempDir } from '../support/temp'

describe('marquee playlist add-url / add-integration', () => {
  it('adds web pages with a duration, refuses a bad address with exit 1, and shows them', async () => {
    const dataDir = tempDir('marquee-data-')
    const run = (...args: string[]) => cli(['--data-dir', dataDir, ...args])
    expect((await run('playlist', 'create', 'Lobby')).code).toBe(0)

    const added = await run(
      'playlist',
      'add-url',
      'Lobby',
      'https://example.com/menu',
      'http://intranet.local/news',
      '--duration',
      '12.5',
      '--json',
    )
    expect(added.code).toBe(0)
    const detail = JSON.parse(added.stdout)
    expect(
      detail.items.map((i: Record<string, unknown>) => [i.kind, i.url, i.assetId, i.durationMs]),
    ).toEqual([
      ['url', 'https://example.com/menu', null, 12_500],
      ['url', 'http://intranet.local/news', null, 12_500],
    ])

    const bad = await run('playlist', 'add-url', 'Lobby', 'https://ok.example/', 'ftp://x.example/')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/Only http and https pages can be played/)
    const shown = await run('playlist', 'show', 'Lobby')
    expect(shown.stdout).toMatch(/2 items/)
    expect(shown.stdout).toMatch(/https:\/\/example\.com\/menu {2}\[web page\] {2}12\.5 s \(set\)/)

    const missing = await run('playlist', 'add-integration', 'Lobby', '42')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no integration 42/)
    expect((await run('album', 'add-url', 'Lobby', 'https://example.com/')).code).not.toBe(0)
  })
})

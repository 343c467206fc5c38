import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { tempDir } from '../support/temp'

describe('the marquee CLI', () => {
  it('adds, lists and removes roots, with --json output for scripts', async () => {
    const dataDir = tempDir()
    const media = tempDir()
    mkdirSync(join(media, 'Pictures'))

    const added = await cli(
      ['--data-dir', dataDir, 'roots', 'add', 'Pictures', '--label', 'Lobby', '--json'],
      media,
    )
    expect(added).toMatchObject({ code: 0, stderr: '' })
    const root = JSON.parse(added.stdout)
    expect(root).toMatchObject({
      path: join(media, 'Pictures'),
      label: 'Lobby',
      status: 'online',
      kind: 'local',
    })

    const listed = await cli(['roots', 'ls', '--json', '--data-dir', dataDir])
    expect(JSON.parse(listed.stdout)).toEqual([root])
    const human = await cli(['roots', 'ls'], undefined, { MARQUEE_DATA_DIR: dataDir })
    expect(human.stdout).toMatch(/^ID\s+STATUS\s+KIND\s+LABEL\s+PATH\n/)
    expect(human.stdout).toContain(`online  local  Lobby  ${join(media, 'Pictures')}`)

    const set = await cli([
      '--data-dir',
      dataDir,
      'roots',
      'set',
      String(root.id),
      '--inbox',
      'Drops/New',
      '--label',
      'Lobby screens',
    ])
    expect(set).toMatchObject({
      code: 0,
      stdout: `"Lobby screens" (id ${root.id}): local, imports land in Drops/New/.\n`,
    })
    const nothing = await cli(['--data-dir', dataDir, 'roots', 'set', String(root.id)])
    expect(nothing).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--label, --kind or --inbox/),
    })
    for (const outside of ['../Elsewhere', '/mnt/Inbox', 'C:/Media', 'Drops/.hidden']) {
      const refused = await cli([
        '--data-dir',
        dataDir,
        'roots',
        'set',
        String(root.id),
        '--inbox',
        outside,
      ])
      expect(refused, outside).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('cannot be an inbox'),
      })
    }

    const removed = await cli(['--data-dir', dataDir, 'roots', 'rm', String(root.id)])
    expect(removed).toMatchObject({
      code: 0,
      stdout: `Removed library folder ${root.id}. No files were touched.\n`,
    })
    expect(
      JSON.parse((await cli(['--data-dir', dataDir, 'roots', 'ls', '--json'])).stdout),
    ).toEqual([])
  })

  it('exits 1 with the reason on stderr when the core refuses', async () => {
    const dataDir = tempDir()
    const result = await cli(['--data-dir', dataDir, 'roots', 'add', '/no/such/folder'])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'marquee: There is no folder at /no/such/folder. Check the path, and that the drive or share is connected.\n',
    )
    expect((await cli(['--data-dir', dataDir, 'roots', 'rm', '77'])).stderr).toMatch(
      /no library folder with id 77/,
    )
  })

  it.each([
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['roots'], /'roots' needs a command/],
    [['roots', 'add'], /takes one folder path/],
    [['roots', 'rm', 'abc'], /numeric id/],
    [['roots', 'ls', '--port', '3'], /does not take --port/],
    [['roots', 'add', '/tmp', '--kind', 'floppy'], /--kind must be one of local, network/],
    [['serve', '--port', '99999'], /--port must be a whole number from 0 to 65535/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const result = await cli(['--data-dir', tempDir(), ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).toMatch(/Run 'marquee help' for usage/)
  })

  it('prints help and the version', async () => {
    expect((await cli(['help'])).stdout).toMatch(/Usage: marquee/)
    expect((await cli(['--help'])).code).toBe(0)
    expect((await cli([])).code).toBe(2)
    expect((await cli(['version'])).stdout).toMatch(/^marquee \d+\.\d+\.\d+\n$/)
    expect(JSON.parse((await cli(['version', '--json'])).stdout)).toMatchObject({ name: 'marquee' })
  })
})

import { createHash } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { ClamavRepository, clamavSettings } from '../../src/main/repositories/clamav.repository'
import { cli } from '../support/cli'
import { testCore } from '../support/core'
import { assetAt, indexAndProcess } from '../support/processing'
import { tempDir } from '../support/temp'

const ENV = ['MARQUEE_CLAMAV_DATABASE', 'CLAMSCAN_PATH', 'CLAMDSCAN_PATH', 'CLAMD_CONF']
const saved = { ...process.env }
afterEach(() => {
  for (const key of ENV) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
})

const png = (file: string, background: string) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background } })
    .png()
    .toFile(file)

/** A ClamAV hash signature database (`.hdb`: md5:size:name) that flags exactly this file. */
function signatureFor(file: string, name: string): string {
  const bytes = readFileSync(file)
  const database = join(tempDir('marquee-clamdb-'), 'marquee-test.hdb')
  writeFileSync(
    database,
    `${createHash('md5').update(bytes).digest('hex')}:${bytes.length}:${name}\n`,
  )
  return database
}

async function libraryWith(virusScan: boolean) {
  const folder = tempDir('marquee-virus-')
  await png(join(folder, 'clean.png'), '#2060a0')
  await png(join(folder, 'infected.png'), '#a02060')
  process.env.MARQUEE_CLAMAV_DATABASE = signatureFor(
    join(folder, 'infected.png'),
    'Marquee.Test.Payload',
  )
  const core = testCore()
  const root = await core.services.roots.add({ path: folder })
  if (virusScan) core.services.roots.update({ id: root.id, virusScan: true })
  await indexAndProcess(core)
  return { core, at: (name: string) => assetAt(core, join(folder, name)) }
}

describe('the virus scan stage', () => {
  it('fails an infected file with the signature name and refuses to export it', async () => {
    const { core, at } = await libraryWith(true)
    const clean = at('clean.png')
    expect(clean.status, clean.error ?? '').toBe('ready')
    expect(clean.metadata.virusScan).toMatchObject({ result: 'clean', engine: 'clamscan' })

    const infected = at('infected.png')
    expect(infected.status).toBe('failed')
    expect(infected.error).toBe(
      'Infected: ClamAV found Marquee.Test.Payload.UNOFFICIAL in this file. Marquee does not process it and never copies it into an export; delete or replace the file.',
    )
    expect(infected.metadata.virusScan).toMatchObject({
      result: 'infected',
      signature: 'Marquee.Test.Payload.UNOFFICIAL',
    })
    // Nothing decoded it: no thumbnails, no palette.
    expect(infected.derivatives).toEqual([])
    expect(infected.palette).toEqual([])

    const out = join(tempDir('marquee-virus-out-'), 'bundle')
    await expect(
      core.services.exports.run({
        source: { assetIds: [clean.id, infected.id] },
        profile: 'fhd-h264',
        out,
      }),
    ).rejects.toThrow(
      'Not exported: ClamAV found a virus in infected.png (Marquee.Test.Payload.UNOFFICIAL). Marquee never copies an infected file into a bundle; take it out and export again.',
    )
    expect(existsSync(join(out, 'manifest.json'))).toBe(false)
  }, 60_000)

  it('scans the files already processed when it is turned on', async () => {
    const { at, core } = await libraryWith(false)
    expect(at('infected.png').status).toBe('ready')
    const rootId = core.services.roots.list()[0]!.id
    const updated = await core.dispatch('roots.update', { id: rootId, virusScan: true })
    expect(updated).toMatchObject({ ok: true, result: { virusScan: true } })
    await core.services.jobs.drain()
    const infected = at('infected.png')
    expect(infected.status).toBe('failed')
    expect(infected.error).toMatch(/^Infected: ClamAV found Marquee\.Test\.Payload/)
    const clean = at('clean.png')
    expect(clean.status).toBe('ready')
    expect(clean.metadata.virusScan).toMatchObject({ result: 'clean', sha256: clean.sha256 })
    // Turned off and on again: nothing scanned at its current content is scanned again.
    await core.dispatch('roots.update', { id: rootId, virusScan: false })
    expect(core.services.jobs.queueVirusScans(rootId)).toBe(0)
  }, 60_000)

  it('is off by default', async () => {
    const { at, core } = await libraryWith(false)
    expect(core.services.roots.list()[0]!.virusScan).toBe(false)
    expect(at('infected.png').status).toBe('ready')
    expect(at('infected.png').metadata.virusScan).toBeUndefined()
  }, 60_000)

  it('is switched per root from the command line', async () => {
    const dataDir = tempDir('marquee-data-')
    const folder = tempDir('marquee-virus-')
    const run = (...args: string[]) => cli(['--data-dir', dataDir, ...args])
    expect((await run('roots', 'add', folder)).code).toBe(0)
    const on = await run('roots', 'set', '1', '--virus-scan', 'on')
    expect(on.stdout).toMatch(/, virus scan on\.\n$/)
    const off = await run('roots', 'set', '1', '--virus-scan', 'off', '--json')
    expect(JSON.parse(off.stdout)).toMatchObject({ id: 1, virusScan: false })
    const wrong = await run('roots', 'set', '1', '--virus-scan', 'yes')
    expect(wrong).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--virus-scan takes on or off'),
    })
  })

  it('says what to install when ClamAV is missing', async () => {
    const file = join(tempDir('marquee-virus-'), 'a.txt')
    writeFileSync(file, 'hello')
    const clamav = new ClamavRepository(
      clamavSettings({ PATH: '/nonexistent', CLAMSCAN_PATH: '/nonexistent/clamscan' }),
    )
    await expect(clamav.scan(file, 10_000)).rejects.toThrow(
      /ClamAV is not installed: sudo apt-get install clamav .* brew install clamav/,
    )
    const bare = new ClamavRepository(clamavSettings({ PATH: '/nonexistent' }))
    await expect(bare.scan(file, 10_000)).rejects.toThrow(/^clamscan not found\. Virus scanning/)
  })

  it('asks a running clamd through clamdscan when its socket answers', async () => {
    const dir = tempDir('marquee-clamd-')
    const socket = join(dir, 'clamd.sock')
    const server = createServer((client) =>
      client.on('data', (data) => {
        if (data.toString().includes('PING')) client.end('PONG\0')
      }),
    )
    await new Promise<void>((resolve) => server.listen(socket, resolve))
    try {
      const config = join(dir, 'clamd.conf')
      writeFileSync(config, `# clamd\nLocalSocket ${socket}\n`)
      // Stands in for clamdscan: reports what it was asked, as clamdscan does.
      const fake = join(dir, 'clamdscan')
      writeFileSync(fake, '#!/bin/sh\nfor last; do :; done\necho "$last: Fake.Sig FOUND"\nexit 1\n')
      chmodSync(fake, 0o755)
      const file = join(dir, 'a.txt')
      writeFileSync(file, 'hello')
      const clamav = new ClamavRepository(
        clamavSettings({ PATH: process.env.PATH, CLAMDSCAN_PATH: fake, CLAMD_CONF: config }),
      )
      expect(await clamav.scan(file, 10_000)).toEqual({
        engine: 'clamdscan',
        verdict: { infected: true, signature: 'Fake.Sig' },
      })
    } finally {
      server.close()
    }
    // No daemon on the socket: clamscan, which is installed here.
    const clamav = new ClamavRepository(
      clamavSettings({
        PATH: process.env.PATH,
        CLAMDSCAN_PATH: join(dir, 'clamdscan'),
        CLAMD_CONF: join(dir, 'clamd.conf'),
        MARQUEE_CLAMAV_DATABASE: signatureFor(join(dir, 'clamd.conf'), 'Other'),
      }),
    )
    expect(await clamav.scan(join(dir, 'a.txt'), 10_000)).toEqual({
      engine: 'clamscan',
      verdict: { infected: false },
    })
  })
})

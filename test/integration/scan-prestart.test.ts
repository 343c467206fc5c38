import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { prestartWorkers } from '../../src/main/workers'
import { testCore } from '../support/core'
import { tempDir } from '../support/temp'
import { sourceWorkers } from '../support/workers'

const releases: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const release of releases.splice(0)) await release()
})

/** A scan's two threads started before the core, as `marquee scan` and `index` start them. */
function prestartScan() {
  const scan = prestartWorkers(sourceWorkers, 'scan', 1, () => null)
  const walk = prestartWorkers(scan.specs, 'walk', 1, () => null)
  releases.push(
    () => scan.release(),
    () => walk.release(),
  )
  return walk.specs
}

describe('scan threads started before the core loads (the CLI scan)', () => {
  it('are taken by the first scan, which finds every file, and later scans start their own', async () => {
    const folder = tempDir('marquee-prestart-')
    mkdirSync(join(folder, 'Lobby'))
    for (const name of ['a.jpg', 'b.png', 'Lobby/c.mp4'])
      writeFileSync(join(folder, name), `bytes of ${name}`)
    const specs = prestartScan()
    const core = testCore(undefined, { workers: specs })
    const root = await core.services.roots.add({ path: folder })

    const first = await core.services.scan.scan(root.id)

    expect(first).toMatchObject({ status: 'completed', seen: 3, added: 3 })
    expect(specs('scan').prestarted).toHaveLength(0)
    expect(specs('walk').prestarted).toHaveLength(0)
    writeFileSync(join(folder, 'Lobby', 'd.jpg'), 'bytes of d')
    expect(await core.services.scan.scan(root.id)).toMatchObject({ seen: 4, added: 1 })
  })
})

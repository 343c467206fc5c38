import { afterEach } from 'vitest'
import { createCore, type Core, type CoreOptions } from '../../src/main/app'
import { silentLogger } from '../../src/main/logger'
import { tempDir } from './temp'
import { sourceWorkers } from './workers'

const open: Core[] = []

/** A real core over a real SQLite file in a temporary data directory, closed after the test. */
export function testCore(
  dataDir: string = tempDir('marquee-data-'),
  options: Partial<CoreOptions> = {},
): Core {
  const core = createCore({
    dataDir,
    face: 'cli',
    logger: silentLogger,
    workers: sourceWorkers,
    settleMs: 0,
    ...options,
  })
  open.push(core)
  return core
}

afterEach(async () => {
  for (const core of open.splice(0)) await core.close()
})

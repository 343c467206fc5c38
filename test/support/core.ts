import { afterEach } from 'vitest'
import { createCore, type Core, type CoreOptions } from '../../src/main/app'
import { silentLogger } from '../../src/main/logger'
import { tempDir } from './temp'
import { sourceWorkers } from './workers'

const open: Core[] = []

/**
 * A real core over a real SQLite file, with the tests' defaults (silent, workers from the
 * sources, no settle time). The caller closes it.
 */
export function coreAt(dataDir: string, options: Partial<CoreOptions> = {}): Core {
  return createCore({
    dataDir,
    face: 'cli',
    logger: silentLogger,
    workers: sourceWorkers,
    settleMs: 0,
    ...options,
  })
}

/** A core (in a fresh temporary data directory unless given), closed after the test. */
export function testCore(
  dataDir: string = tempDir('marquee-data-'),
  options: Partial<CoreOptions> = {},
): Core {
  const core = coreAt(dataDir, options)
  open.push(core)
  return core
}

afterEach(async () => {
  for (const core of open.splice(0)) await core.close()
})

import { afterEach } from 'vitest'
import { createCore, type Core } from '../../src/main/app'
import { silentLogger } from '../../src/main/logger'
import { tempDir } from './temp'

const open: Core[] = []

/** A real core over a real SQLite file in a temporary data directory, closed after the test. */
export function testCore(dataDir: string = tempDir('marquee-data-')): Core {
  const core = createCore({ dataDir, face: 'cli', logger: silentLogger })
  open.push(core)
  return core
}

afterEach(() => {
  for (const core of open.splice(0)) core.close()
})

// Run by million.bench.mjs: node --import tsx test/bench/probes/list-query.probe.ts <data dir>
// Times `assets.list` in-process, through the same dispatcher `marquee ls` calls, on an indexed
// library: the first call (what one `ls` or the first page of the UI pays) and the median of
// the next ones. Prints one JSON line.
import { join } from 'node:path'
import type { AssetQuery } from '../../../src/shared/contract'
import { createCore } from '../../../src/main/app'
import { silentLogger } from '../../../src/main/logger'
import { builtWorkers } from '../../../src/main/workers'

const REPEATS = 10
const dataDir = process.argv[2]!
const core = createCore({
  dataDir,
  face: 'cli',
  workers: builtWorkers(join(import.meta.dirname, '..', '..', '..', 'out', 'main')),
  logger: silentLogger,
})

async function time(query: AssetQuery) {
  const times: number[] = []
  let total = 0
  for (let i = 0; i <= REPEATS; i++) {
    const started = performance.now()
    const response = await core.dispatch('assets.list', query)
    times.push(performance.now() - started)
    if (!response.ok) throw new Error(response.error.message)
    total = (response.result as { total: number }).total
  }
  const [firstMs, ...rest] = times as [number, ...number[]]
  rest.sort((a, b) => a - b)
  return { firstMs, medianMs: rest[Math.floor(rest.length / 2)]!, total }
}

const first = await time({ limit: 100 })
const report = {
  first,
  lastPage: await time({ limit: 100, offset: Math.max(0, first.total - 100) }),
  text: await time({ limit: 100, query: 'show-013/slide-0004' }),
}
await core.close()
process.stdout.write(`${JSON.stringify(report)}\n`)

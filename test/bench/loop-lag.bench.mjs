// 5: how late the serving process's event loop runs while a tree is indexed (fresh library, the
// heaviest case). The reference is the same process idle for as long.
import { count, limitRow, millis, seconds } from './lib/measure.mjs'
import { ensureBuilt, freshDataDir, quick, tree } from './lib/marquee.mjs'
import { probe } from './lib/probe.mjs'

export const description = 'event-loop lag p99 of the serving process during a cold scan (< 50 ms)'

const LIMIT_MS = 50
const lag = (l) => `p99 ${millis(l.p99)} (max ${millis(l.max)})`

export function run({ log }) {
  ensureBuilt()
  const files = quick ? 10_000 : 100_000
  const { dir } = tree(files)
  const scan = probe('loop-lag', ['scan', dir, freshDataDir('loop-lag-scan')])
  log(`loop lag, scan ${count(files)}: ${lag(scan.busy.lag)} over ${seconds(scan.busy.ms)}`)
  const serve = probe('loop-lag', ['serve', dir, freshDataDir('loop-lag-serve')])
  log(`loop lag, serve adds ${count(files)}: ${lag(serve.busy.lag)} over ${seconds(serve.busy.ms)}`)
  return [
    limitRow({
      test: `loop lag, scan ${count(files)}`,
      marquee: lag(scan.busy.lag),
      reference: `idle ${lag(scan.idle)}`,
      value: scan.busy.lag.p99,
      limit: LIMIT_MS,
      unit: 'ms',
      metrics: {
        files,
        windowMs: scan.busy.ms,
        busy: scan.busy.lag,
        idle: scan.idle,
        scan: scan.scan,
      },
    }),
    limitRow({
      test: `loop lag, serve adds ${count(files)}`,
      marquee: lag(serve.busy.lag),
      reference: `idle ${lag(scan.idle)}`,
      value: serve.busy.lag.p99,
      limit: LIMIT_MS,
      unit: 'ms',
      metrics: {
        files,
        windowMs: serve.busy.ms,
        tailMs: serve.tailMs,
        busy: serve.busy.lag,
        scan: serve.scan,
        why: 'roots.add through the dispatcher with background work on: watch (per-folder fs.watch) + scan',
      },
    }),
  ]
}

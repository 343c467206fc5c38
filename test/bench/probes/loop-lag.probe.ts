// Run by loop-lag.bench.mjs in its own process:
//   node --import tsx test/bench/probes/loop-lag.probe.ts <scan|serve> <tree> <data dir>
// Sets up a core and HTTP server as `marquee serve` does, then measures how late the event
// loop's timers fire while a folder is indexed. Prints one JSON line.
//   scan:  the scan alone (core.services.scan.scan), then the same process idle as long.
//   serve: background work on, the folder added through the API as the UI would; this also
//          starts watching it (one fs.watch per folder, on the watch worker).
import { join } from 'node:path'
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import { createCore } from '../../../src/main/app'
import { silentLogger } from '../../../src/main/logger'
import { startServer } from '../../../src/main/transport/http'
import { builtWorkers } from '../../../src/main/workers'

const RESOLUTION_MS = 10
/** In serve mode, keep measuring this long after the scan (the watcher may still be busy). */
const TAIL_MS = 2_000
const out = join(import.meta.dirname, '..', '..', '..', 'out')
const [mode, treeDir, dataDir] = process.argv.slice(2) as [string, string, string]

function lagOf(h: IntervalHistogram) {
  // Each sample is the timer's interval plus the lag; report the lag alone.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS)
  return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), samples: h.count }
}

async function measure(work: () => Promise<unknown>) {
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  const started = performance.now()
  h.enable()
  const result = await work()
  const ms = performance.now() - started
  // A block just before the work resolved is recorded only when the timer next fires.
  await new Promise((r) => setTimeout(r, 2 * RESOLUTION_MS))
  h.disable()
  return { ms, lag: lagOf(h), result }
}

const core = createCore({
  dataDir,
  face: 'serve',
  workers: builtWorkers(join(out, 'main')),
  logger: silentLogger,
})
const server = await startServer({
  core,
  host: '127.0.0.1',
  port: 0,
  rendererDir: join(out, 'renderer'),
})

let report: Record<string, unknown>
if (mode === 'scan') {
  const root = await core.services.roots.add({ path: treeDir })
  const busy = await measure(() => core.services.scan.scan(root.id))
  const idle = await measure(() => new Promise((r) => setTimeout(r, Math.min(busy.ms, 20_000))))
  report = { mode, busy: { ...busy, result: undefined }, scan: busy.result, idle: idle.lag }
} else {
  core.startBackground()
  const busy = await measure(async () => {
    const done = new Promise((resolve) => {
      core.events.subscribe((event, payload) => {
        if (event === 'scan.progress' && (payload as { phase?: string }).phase === 'done')
          resolve(payload)
      })
    })
    const added = await core.dispatch('roots.add', { path: treeDir })
    if (!added.ok) throw new Error(added.error.message)
    const scan = await done
    await new Promise((r) => setTimeout(r, TAIL_MS))
    return scan
  })
  report = { mode, busy: { ...busy, result: undefined }, scan: busy.result, tailMs: TAIL_MS }
}
await server.close()
await core.close()
process.stdout.write(`${JSON.stringify(report)}\n`)
process.exit(0)

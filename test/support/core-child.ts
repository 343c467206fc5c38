// A separate process running the core on one folder and reporting progress on stdout, so a test
// can SIGKILL it in the middle of the work:
//   core-child.ts scan <data dir> <folder>           scans
//   core-child.ts process <data dir> <folder>        scans and processes
//   core-child.ts export <data dir> <folder> <out>   scans, processes, exports every ready asset
import { createCore } from '../../src/main/app'
import { silentLogger } from '../../src/main/logger'
import { indexAndProcess } from './processing'
import { sourceWorkers } from './workers'

// Vite defines this at build time; a child run from sources needs it set by hand.
Object.assign(globalThis, { __MARQUEE_VERSION__: '0.0.0-test' })

const [mode, dataDir, folder, out] = process.argv.slice(2)
const core = createCore({
  dataDir: dataDir!,
  face: 'cli',
  logger: silentLogger,
  workers: sourceWorkers,
  settleMs: 0,
})
const reported = { scan: 'scan.progress', process: 'jobs.progress', export: null }[mode as 'scan']
core.events.subscribe((event, payload) => {
  if (event === reported) process.stdout.write(`progress ${JSON.stringify(payload)}\n`)
})
if (core.services.roots.list().length === 0) await core.services.roots.add({ path: folder! })
if (mode === 'scan') await core.services.scan.scanMany(undefined)
else await indexAndProcess(core)
if (mode === 'export') {
  const ids = core.services.assets.list({ status: 'ready' }).items.map((a) => a.id)
  await core.services.exports.run(
    { source: { assetIds: ids }, profile: 'fhd-h264', out: out! },
    undefined,
    (p) => {
      process.stdout.write(`progress ${JSON.stringify(p)}\n`)
    },
  )
  process.stdout.write('exported\n')
}
await core.close()

// A separate process that exports one folder's media, reporting progress on stdout, so a test
// can SIGKILL it while objects are being copied.
import { createCore } from '../../src/main/app'
import { silentLogger } from '../../src/main/logger'
import { indexAndProcess } from './processing'
import { sourceWorkers } from './workers'

// Vite defines this at build time; a child run from sources needs it set by hand.
Object.assign(globalThis, { __MARQUEE_VERSION__: '0.0.0-test' })

const [dataDir, folder, out] = process.argv.slice(2)
const core = createCore({
  dataDir: dataDir!,
  face: 'cli',
  logger: silentLogger,
  workers: sourceWorkers,
  settleMs: 0,
})
if (core.services.roots.list().length === 0) await core.services.roots.add({ path: folder! })
await indexAndProcess(core)
const ids = core.services.assets.list({ status: 'ready' }).items.map((a) => a.id)
await core.services.exports.run(
  { source: { assetIds: ids }, profile: 'fhd-h264', out: out! },
  undefined,
  (p) => {
    process.stdout.write(`progress ${JSON.stringify(p)}\n`)
  },
)
process.stdout.write('exported\n')
await core.close()

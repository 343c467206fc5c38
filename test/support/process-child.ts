// A separate process that indexes and processes one folder, reporting progress on stdout, so a
// test can SIGKILL it in the middle of processing.
import { createCore } from '../../src/main/app'
import { silentLogger } from '../../src/main/logger'
import { sourceWorkers } from './workers'

// Vite defines this at build time; a child run from sources needs it set by hand.
Object.assign(globalThis, { __MARQUEE_VERSION__: '0.0.0-test' })

const [dataDir, folder] = process.argv.slice(2)
const core = createCore({
  dataDir: dataDir!,
  face: 'cli',
  logger: silentLogger,
  workers: sourceWorkers,
  settleMs: 0,
})
core.events.subscribe((event, payload) => {
  if (event === 'jobs.progress') process.stdout.write(`progress ${JSON.stringify(payload)}\n`)
})
const root = core.services.roots.list()[0] ?? (await core.services.roots.add({ path: folder! }))
await core.services.scan.scan(root.id)
core.services.jobs.queueDiscovered()
core.services.jobs.start()
await core.services.jobs.idle()
await core.close()

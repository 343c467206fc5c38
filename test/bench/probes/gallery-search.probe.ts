// Run by gallery.bench.mjs once serve has stopped:
//   node --import tsx test/bench/probes/gallery-search.probe.ts <data dir> <term>...
// Where a search's first page spends its time, in-process: the whole `assets.page` call through
// the dispatcher (a fresh query, so its count is not cached), then its parts on the same
// database: the full-text match alone, the count of the query, the page's SELECT, and the
// page's query plan. Prints one JSON line.
import { join } from 'node:path'
import { createCore } from '../../../src/main/app'
import { silentLogger } from '../../../src/main/logger'
import { builtWorkers } from '../../../src/main/workers'
import { GalleryRepository } from '../../../src/main/repositories/gallery.repository'
import { ftsMatch } from '../../../src/main/repositories/gallery-sql'

const PAGE = 200
/** Above this many matches GalleryService pages without the filter's indexes (see whereOf). */
const SELECTIVE_ROWS = 20_000
const [dataDir, ...terms] = process.argv.slice(2) as [string, ...string[]]
const core = createCore({
  dataDir,
  face: 'cli',
  workers: builtWorkers(join(import.meta.dirname, '..', '..', '..', 'out', 'main')),
  logger: silentLogger,
})
const gallery = new GalleryRepository(core.db)

function timed<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now()
  const value = run()
  return { ms: performance.now() - started, value }
}

const report: Record<string, unknown> = {}
for (const text of terms) {
  const call = await (async () => {
    const started = performance.now()
    const response = await core.dispatch('assets.page', { text, limit: PAGE })
    if (!response.ok) throw new Error(response.error.message)
    return performance.now() - started
  })()
  const match = ftsMatch(text)
  const fts = match
    ? timed(() =>
        core.db.prepare('SELECT count(*) AS n FROM assets_fts WHERE assets_fts MATCH ?').get(match),
      )
    : null
  const count = timed(() => gallery.count({ text }, null))
  const page = gallery.pageSql({
    query: { text },
    similarIds: null,
    limit: PAGE + 1,
    selective: count.value <= SELECTIVE_ROWS,
  })
  const select = timed(() => core.db.prepare(page.sql).all(page.params).length)
  const plan = core.db
    .prepare(`EXPLAIN QUERY PLAN ${page.sql}`)
    .all(page.params)
    .map((row) => (row as { detail: string }).detail)
  report[text] = {
    callMs: call,
    ftsMs: fts?.ms ?? null,
    ftsRows: (fts?.value as { n: number } | undefined)?.n ?? null,
    countMs: count.ms,
    total: count.value,
    pageMs: select.ms,
    plan,
  }
}
await core.close()
process.stdout.write(`${JSON.stringify(report)}\n`)

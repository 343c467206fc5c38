// Run by million.bench.mjs: node --import tsx test/bench/probes/stream-cost.probe.ts <data dir>
// Where the time of `marquee ls --json` goes: pages through every asset as the CLI does (keyset
// pages of 1000, `count: false`) in one process; each page is fetched three ways (the SELECT
// alone, the repository then complete(), the whole dispatch then JSON.stringify), in an order
// that turns page by page. Prints one JSON line with each stage's time summed over all pages:
//   sql        the page's SELECT alone (the statement the repository prepares)
//   toAsset    AssetsRepository.list minus sql: row objects, paths, metadata JSON.parse
//   complete   AssetsService.complete on every row: derivatives and similar ones per asset
//   dispatch   core.dispatch('assets.list') minus the above: argument validation, handler
//   stringify  JSON.stringify of every row, as the CLI writes it (the writes themselves are not
//              timed here: that is the CLI's wall time minus these)
import { join } from 'node:path'
import type { Asset } from '../../../src/shared/domain'
import { createCore } from '../../../src/main/app'
import { silentLogger } from '../../../src/main/logger'
import { AssetsRepository } from '../../../src/main/repositories/assets.repository'
import { builtWorkers } from '../../../src/main/workers'

const PAGE = 1000
const dataDir = process.argv[2]!
const core = createCore({
  dataDir,
  face: 'cli',
  workers: builtWorkers(join(import.meta.dirname, '..', '..', '..', 'out', 'main')),
  logger: silentLogger,
})
const repository = new AssetsRepository(core.db)
const sqlOnly = core.db.prepare(repository.listSql({ afterId: 0 }))
// Private, but this is the cost the issue asks about; bracket access keeps the types.
const complete = (asset: Asset): Asset => core.services.assets['complete'](asset)

let peakRss = process.memoryUsage().rss

/** Each stage on every page; their order turns page by page, so none is always the cold one. */
const ms = { sql: 0, repository: 0, complete: 0, dispatch: 0, stringify: 0 }
let rows = 0
let pages = 0
let chars = 0
let afterId = 0
const time = async <T>(stage: keyof typeof ms, work: () => T | Promise<T>): Promise<T> => {
  const started = performance.now()
  const result = await work()
  ms[stage] += performance.now() - started
  return result
}
for (;;) {
  const from = afterId
  const query = { afterId: from, limit: PAGE, count: false }
  const stages: Array<() => Promise<unknown>> = [
    () => time('sql', () => sqlOnly.all({ afterId: from, limit: PAGE, offset: 0 })),
    async () => {
      const { items } = await time('repository', () => repository.list(query))
      await time('complete', () => items.map(complete))
    },
    async () => {
      const response = await time('dispatch', () => core.dispatch('assets.list', query))
      if (!response.ok) throw new Error(response.error.message)
      const { items } = response.result as { items: Asset[] }
      await time('stringify', () => {
        for (const asset of items) chars += JSON.stringify(asset).length + 1
      })
      rows += items.length
      return items
    },
  ]
  let items: Asset[] = []
  for (let i = 0; i < stages.length; i++) {
    const index = (i + pages) % stages.length
    const result = await stages[index]!()
    if (index === 2) items = result as Asset[]
  }
  pages++
  if (pages % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss)
  if (items.length < PAGE) break
  afterId = items.at(-1)!.id
}

await core.close()
process.stdout.write(
  `${JSON.stringify({
    rows,
    pages,
    sqlMs: ms.sql,
    toAssetMs: ms.repository - ms.sql,
    completeMs: ms.complete,
    dispatchMs: ms.dispatch,
    dispatchOverheadMs: ms.dispatch - ms.repository - ms.complete,
    stringifyMs: ms.stringify,
    jsonChars: chars,
    peakRssMb: peakRss / 2 ** 20,
  })}\n`,
)

// 4: a library of a million files: peak memory of `index`, and how fast `ls` answers from it.
import { infoRow, limitRow, median, millis, seconds } from './lib/measure.mjs'
import { ensureBuilt, find, freshDataDir, marquee, onlyScan, quick } from './lib/marquee.mjs'
import { requireTool, Skip, tree } from './lib/marquee.mjs'
import { probe } from './lib/probe.mjs'

export const description = '1M files: peak RSS of index (< 500 MB), ls --limit 100 (< 50 ms)'

const FILES = 1_000_000
const query = (q) => `${millis(q.firstMs)} (then ${millis(q.medianMs)})`

export function run({ log }) {
  if (quick) throw new Skip('BENCH_QUICK=1 (a million files take minutes)')
  requireTool('find')
  ensureBuilt()
  log('million: making or reusing the tree…')
  const { dir, media } = tree(FILES)
  find(dir) // untimed: warm the page cache
  const findMs = find(dir).ms
  const dataDir = freshDataDir('million')
  log('million: indexing…')
  const index = marquee(dataDir, ['index', dir], { rss: true })
  const scan = onlyScan(index)
  log(`million: index ${seconds(scan.durationMs)}, peak RSS ${index.peakRssMb?.toFixed(0)} MB`)
  const ls = [0, 1, 2].map(() => marquee(dataDir, ['ls', '--limit', '100']))
  const lsWallMs = median(ls.map((r) => r.ms))
  const lines = ls[0].stdout.trim().split('\n').length
  const q = probe('list-query', [dataDir])
  const rows = [
    infoRow({
      test: 'cold index 1M',
      marquee: `${seconds(scan.durationMs)} (wall ${seconds(index.ms)})`,
      reference: `find ${seconds(findMs)}`,
      ratio: scan.durationMs / findMs,
      metrics: { durationMs: scan.durationMs, wallMs: index.ms, findMs, scan },
    }),
    index.peakRssMb === null
      ? { test: 'peak RSS of index 1M', skipped: '/usr/bin/time is not available' }
      : limitRow({
          test: 'peak RSS of index 1M',
          marquee: `${index.peakRssMb.toFixed(0)} MB`,
          value: index.peakRssMb,
          limit: 500,
          unit: 'MB',
          metrics: { peakRssMb: index.peakRssMb },
        }),
    limitRow({
      test: 'ls --limit 100 on 1M',
      marquee: `${query(q.first)}, process ${seconds(lsWallMs)}`,
      value: q.first.firstMs,
      limit: 50,
      unit: 'ms',
      metrics: { query: q.first, lsWallMs, lsLines: lines },
    }),
    infoRow({
      test: 'ls last page of 1M',
      marquee: query(q.lastPage),
      metrics: { query: q.lastPage },
    }),
    infoRow({
      test: 'ls --query on 1M',
      marquee: query(q.text),
      metrics: { query: q.text },
    }),
  ]
  if (scan.seen !== media) rows[0].notes = [`indexed ${scan.seen} files, expected ${media}`]
  if (lines !== 100) rows[2].notes = [`ls printed ${lines} lines, expected 100`]
  return rows
}

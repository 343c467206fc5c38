// 4: a library of a million files: peak memory of `index`, how fast `ls` answers from it, and
// `ls --json` streaming every asset (alone, and joined to a `marquee serve` that holds it).
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { infoRow, limitRow, median, millis, seconds } from './lib/measure.mjs'
import { cliPath, ensureBuilt, find, freshDataDir, marquee, onlyScan } from './lib/marquee.mjs'
import { quick, repo, requireTool, Skip, tree } from './lib/marquee.mjs'
import { probe } from './lib/probe.mjs'
import { which } from './lib/processing.mjs'
import { runStreamed, startServe } from './lib/stream.mjs'

export const description =
  '1M files: peak RSS of index (< 500 MB), ls --limit 100 (< 50 ms), ls --json streaming all rows (< 300 MB, first line < 1 s)'

const FILES = 1_000_000
const query = (q) => `${millis(q.firstMs)} (then ${millis(q.medianMs)})`

/** `ls --json` streams every asset: its peak RSS and time to the first line must stay under these. */
const STREAM_RSS_MB = 300
const STREAM_FIRST_LINE_MS = 1000
const STREAM_RUNS = 3
/** The joined listing waits on serve's busy thread; it is ended after this (minutes). */
const JOINED_TIMEOUT_MIN = Number(process.env.BENCH_JOINED_TIMEOUT_MIN ?? 45)
const JOINED_SAMPLE_MS = 15_000

/** The reference dump: the columns `ls --json` prints, from the same join, in id order. */
const REL_PATH = `CASE WHEN a.dir = '' THEN a.name ELSE a.dir || '/' || a.name END`
const DUMP_SQL = `SELECT a.id, a.root_id AS rootId, r.path || '/' || ${REL_PATH} AS path,
  ${REL_PATH} AS relPath, a.name, a.size, a.mtime_ms AS mtimeMs, a.inode, a.status, a.type,
  a.mime, a.sha256, a.phash, a.width, a.height, a.duration_ms AS durationMs, a.orientation,
  a.error, a.metadata FROM assets a JOIN roots r ON r.id = a.root_id ORDER BY a.id`
/** The same dump in plain Node (better-sqlite3 iterate()), as JSON Lines written per 1000 rows. */
const NODE_DUMP = `const Database = require('better-sqlite3')
const db = new Database(process.argv[1], { readonly: true })
const rows = db.prepare(process.argv[2]).iterate()
;(async () => {
  let batch = ''
  let n = 0
  for (const row of rows) {
    batch += JSON.stringify(row) + '\\n'
    if (++n % 1000 === 0) {
      if (!process.stdout.write(batch)) await new Promise((r) => process.stdout.once('drain', r))
      batch = ''
    }
  }
  process.stdout.write(batch)
})()`

const mb = (v) => (v === null || v === undefined ? '?' : `${v.toFixed(0)} MB`)
const rate = (lines, ms) => `${Math.round(lines / (ms / 1000) / 1000)}k rows/s`
const idOf = (line) => {
  try {
    return JSON.parse(line).id
  } catch {
    return null
  }
}

/** What a streamed listing got wrong: missing or extra lines, a bad first or last row, a failure. */
function streamProblems(run, what, { assets, minId, maxId }) {
  const problems = []
  if (run.status !== 0) problems.push(`${what} exited with ${run.status}: ${run.stderr.trim()}`)
  if (run.lines !== assets) problems.push(`${what} printed ${run.lines} lines for ${assets} assets`)
  if (idOf(run.firstLine) !== minId) problems.push(`${what}: first line is not asset ${minId}`)
  if (idOf(run.lastLine) !== maxId) problems.push(`${what}: last line is not asset ${maxId}`)
  return problems
}

/**
 * The commit the build came from and how many files under src/ differ from it: other work in
 * the same tree moves these numbers (a rebuild of out/ under a running serve, a new index).
 */
function sourceState() {
  const git = (...args) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).stdout.trim()
  return {
    head: git('rev-parse', '--short', 'HEAD'),
    srcChanges: git('status', '--porcelain', 'src').split('\n').filter(Boolean).length,
  }
}

/** How many assets are in each status (serve's background jobs move them while it runs). */
function statusCounts(database) {
  const db = new Database(database, { readonly: true })
  try {
    const rows = db.prepare('SELECT status, count(*) AS n FROM assets GROUP BY status').all()
    return Object.fromEntries(rows.map((r) => [r.status, r.n]))
  } finally {
    db.close()
  }
}

const summary = (r) => ({
  ms: r.ms,
  firstByteMs: r.firstByteMs,
  firstLineMs: r.firstLineMs,
  lines: r.lines,
  bytes: r.bytes,
  status: r.status,
  peakRssMb: r.peakRssMb,
  cpuMs: r.cpuMs,
})

/**
 * `ls --json` without --limit on the indexed library: every asset as JSON Lines, in keyset pages
 * of 1000 through the contract, alternated with the reference dump (sqlite3 -json, else Node),
 * then the same while `marquee serve` holds the library (rows cross its Unix socket).
 */
async function streaming(dataDir, log) {
  const database = join(dataDir, 'library.db')
  const db = new Database(database, { readonly: true })
  const expected = db
    .prepare('SELECT count(*) AS assets, min(id) AS minId, max(id) AS maxId FROM assets')
    .get()
  db.close()
  const source = sourceState()
  const ls = [process.execPath, [cliPath, '--data-dir', dataDir, 'ls', '--json']]
  const sqlite3 = which('sqlite3')
  const references = [
    ...(sqlite3
      ? [{ name: 'sqlite3 -json', run: [sqlite3, ['-readonly', '-json', database, DUMP_SQL]] }]
      : []),
    {
      name: 'node better-sqlite3 dump',
      run: [process.execPath, ['-e', NODE_DUMP, database, DUMP_SQL]],
    },
  ]
  const runs = { marquee: [], ...Object.fromEntries(references.map((r) => [r.name, []])) }
  for (let i = 0; i < STREAM_RUNS; i++) {
    const run = await runStreamed(...ls)
    runs.marquee.push(run)
    log(
      `ls --json #${i + 1}: ${run.lines} lines in ${seconds(run.ms)}, first line ${millis(run.firstLineMs ?? NaN)}, peak RSS ${mb(run.peakRssMb)}`,
    )
    for (const reference of references) {
      const ref = await runStreamed(...reference.run)
      runs[reference.name].push(ref)
      log(`${reference.name} #${i + 1}: ${ref.lines} lines in ${seconds(ref.ms)}`)
    }
  }
  const cost = probe('stream-cost', [dataDir])
  log(
    `ls --json cost in-process: sql ${seconds(cost.sqlMs)}, toAsset ${seconds(cost.toAssetMs)}, complete() ${seconds(cost.completeMs)}, dispatch ${seconds(cost.dispatchOverheadMs)}, stringify ${seconds(cost.stringifyMs)}`,
  )

  log('million: ls --json joined to marquee serve…')
  const builtAt = statSync(cliPath).mtimeMs
  const serve = await startServe(dataDir)
  let joined
  let serveBefore
  let serveAfter
  let holder = null
  let stopped
  try {
    try {
      holder = JSON.parse(readFileSync(join(dataDir, 'marquee.lock'), 'utf8'))
    } catch {
      // No lock to read: the row says so below.
    }
    serveBefore = { ...serve.stats(), assets: statusCounts(database) }
    joined = await runStreamed(...ls, {
      sampleEveryMs: JOINED_SAMPLE_MS,
      sample: ({ ms, lines }) => {
        const stats = serve.stats()
        if (Math.round(ms / JOINED_SAMPLE_MS) % 4 === 0)
          log(
            `ls --json joined: ${lines} lines after ${seconds(ms)}, serve RSS ${mb(stats?.rssMb)}`,
          )
        return { serve: stats }
      },
      timeoutMs: JOINED_TIMEOUT_MIN * 60_000,
    })
    serveAfter = { ...serve.stats(), assets: statusCounts(database) }
  } finally {
    stopped = await serve.stop()
  }
  log(
    `ls --json joined: ${joined.lines} lines in ${seconds(joined.ms)}, first line ${millis(joined.firstLineMs ?? NaN)}, client RSS ${mb(joined.peakRssMb)}, serve RSS ${mb(serveBefore?.rssMb)} → peak ${mb(serveAfter?.peakRssMb)}; serve stopped in ${seconds(stopped.ms)}`,
  )

  const pick = (list) => {
    const ms = median(list.map((r) => r.ms))
    return { ms, runs: list.map(summary) }
  }
  const own = pick(runs.marquee)
  const refs = Object.fromEntries(references.map((r) => [r.name, pick(runs[r.name])]))
  const [refName, ref] = Object.entries(refs)[0]
  const firstLineMs = median(runs.marquee.map((r) => r.firstLineMs ?? Infinity))
  const peakRssMb = runs.marquee.some((r) => r.peakRssMb === null)
    ? null
    : Math.max(...runs.marquee.map((r) => r.peakRssMb))
  const problems = [
    ...new Set(runs.marquee.flatMap((r, i) => streamProblems(r, `ls --json #${i + 1}`, expected))),
  ]
  const refProblems = references.flatMap((r) =>
    runs[r.name].some((run) => run.status !== 0)
      ? [`${r.name} failed: ${runs[r.name].find((run) => run.status !== 0).stderr.trim()}`]
      : [],
  )
  const joinedProblems = streamProblems(joined, 'ls --json joined to serve', expected)
  if (joined.timedOut)
    joinedProblems.unshift(
      `ended after ${JOINED_TIMEOUT_MIN} min (BENCH_JOINED_TIMEOUT_MIN) with ${joined.lines} of ${expected.assets} lines`,
    )
  const servePeakMb = Math.max(
    serveAfter?.peakRssMb ?? 0,
    ...joined.timeline.map((t) => t.serve?.peakRssMb ?? 0),
  )
  if (holder?.face !== 'serve')
    joinedProblems.push(`the library was held by ${holder?.face ?? 'nobody'}, not serve`)
  if (stopped.killed) joinedProblems.push('serve did not stop on SIGTERM; it was killed')
  const rebuilt = statSync(cliPath, { throwIfNoEntry: false })?.mtimeMs !== builtAt
  if (rebuilt) joinedProblems.push('out/ was rebuilt (by other work in the tree) while serve ran')
  if (stopped.ended)
    joinedProblems.push(
      `serve ended by itself (${stopped.status ?? stopped.signal}) before it was stopped${serve.stderr().trim() ? `: ${serve.stderr().trim().slice(-500)}` : ''}`,
    )
  const serveCpuMs = serveBefore && serveAfter ? serveAfter.cpuMs - serveBefore.cpuMs : null

  const otherRefs = Object.entries(refs)
    .slice(1)
    .map(([name, r]) => `${name} ${seconds(r.ms)}`)
  const rows = [
    {
      ...infoRow({
        test: 'ls --json all rows 1M',
        marquee: `${runs.marquee[0].lines} lines in ${seconds(own.ms)} (${rate(runs.marquee[0].lines, own.ms)})`,
        reference: `${refName} ${seconds(ref.ms)}`,
        ratio: own.ms / ref.ms,
        metrics: { expected, source, marquee: own, references: refs, sql: DUMP_SQL },
      }),
      target: '= asset count',
      pass: problems.length === 0,
      notes: [
        ...problems,
        ...refProblems,
        ...(otherRefs.length ? [`other reference: ${otherRefs.join(', ')}`] : []),
      ],
    },
    peakRssMb === null
      ? { test: 'peak RSS of ls --json 1M', skipped: '/usr/bin/time is not available' }
      : limitRow({
          test: 'peak RSS of ls --json 1M',
          marquee: mb(peakRssMb),
          value: peakRssMb,
          limit: STREAM_RSS_MB,
          unit: 'MB',
          metrics: { peakRssMb, runs: runs.marquee.map((r) => r.peakRssMb) },
        }),
    limitRow({
      test: 'ls --json first line 1M',
      marquee: `${millis(firstLineMs)} (first byte ${millis(median(runs.marquee.map((r) => r.firstByteMs ?? Infinity)))})`,
      value: firstLineMs,
      limit: STREAM_FIRST_LINE_MS,
      unit: 'ms',
      metrics: {
        firstLineMs,
        runs: runs.marquee.map(({ firstByteMs, firstLineMs }) => ({ firstByteMs, firstLineMs })),
      },
    }),
    infoRow({
      test: 'ls --json cost split 1M',
      marquee: `sql ${seconds(cost.sqlMs)}, rows ${seconds(cost.toAssetMs)}, complete() ${seconds(cost.completeMs)}, dispatch ${seconds(cost.dispatchOverheadMs)}, stringify ${seconds(cost.stringifyMs)}`,
      reference: `in-process, of ${seconds(own.ms)} wall`,
      metrics: cost,
    }),
    {
      ...infoRow({
        test: 'ls --json joined to serve 1M',
        marquee: `${joined.lines} lines in ${seconds(joined.ms)} (${rate(joined.lines, joined.ms)}), first line ${millis(joined.firstLineMs ?? NaN)}, RSS ${mb(joined.peakRssMb)}; serve peak ${mb(servePeakMb)}`,
        reference: `${refName} ${seconds(ref.ms)}`,
        ratio: joined.ms / ref.ms,
        metrics: {
          client: { ...summary(joined), timedOut: joined.timedOut },
          timeline: joined.timeline,
          serve: {
            startMs: serve.startMs,
            before: serveBefore,
            after: serveAfter,
            peakRssMb: servePeakMb,
            cpuMsDuringLs: serveCpuMs,
            stop: stopped,
            holder,
            stderrTail: serve.stderr().slice(-2000),
            outRebuilt: rebuilt,
            sourceAfter: sourceState(),
          },
        },
      }),
      target: `= asset count, < ${STREAM_RSS_MB} MB, < ${STREAM_FIRST_LINE_MS / 1000} s`,
      pass:
        joinedProblems.length === 0 &&
        joined.peakRssMb !== null &&
        joined.peakRssMb < STREAM_RSS_MB &&
        joined.firstLineMs !== null &&
        joined.firstLineMs < STREAM_FIRST_LINE_MS,
      notes: [
        ...joinedProblems,
        `serve used ${seconds(serveCpuMs ?? NaN)} of CPU during the joined ls, the client ${seconds(joined.cpuMs ?? NaN)}; serve's RSS was ${mb(serveBefore?.rssMb)} (peak ${mb(serveBefore?.peakRssMb)}) when the ls started, ${mb(serveAfter?.rssMb)} at its end`,
        `serve's background jobs meanwhile: ${JSON.stringify(serveBefore?.assets)} → ${JSON.stringify(serveAfter?.assets)}`,
      ],
    },
  ]
  for (const row of rows) if (row.notes && !row.notes.length) delete row.notes
  return rows
}

export async function run({ log }) {
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
  log('million: ls --json, every asset…')
  return [...rows, ...(await streaming(dataDir, log))]
}

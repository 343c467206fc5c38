// Runs the benchmarks: `npm run bench [-- <name>...]`, `BENCH_QUICK=1` for a smoke run.
// Each test/bench/<name>.bench.mjs compares Marquee with a reference tool in the same run and
// returns rows; this prints them as one table and writes test/bench/results/<name>.json.
// Exits 1 when a target is missed or a benchmark fails.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as marquee from './lib/marquee.mjs'
import { benchDir, quick, Skip } from './lib/marquee.mjs'

const here = import.meta.dirname
const resultsDir = join(here, 'results')
/** The issue's order; any other *.bench.mjs runs after these. */
const ORDER = ['scan', 'nas', 'million', 'loop-lag']
const found = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.replace('.bench.mjs', ''))
const all = [...ORDER.filter((n) => found.includes(n)), ...found.filter((n) => !ORDER.includes(n))]

// Ctrl+C: exit through process.exit so cleanup hooks (the sshfs mount) run.
process.on('SIGINT', () => process.exit(130))
process.on('SIGTERM', () => process.exit(143))

const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !all.includes(name))
if (unknown.length) {
  process.stderr.write(
    `bench: no benchmark called ${unknown.join(', ')} (have: ${all.join(', ')})\n`,
  )
  process.exit(2)
}
const log = (line) => process.stderr.write(`  ${line}\n`)
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
}

const table = []
for (const name of wanted.length ? wanted : all) {
  const bench = await import(pathToFileURL(join(here, `${name}.bench.mjs`)).href)
  process.stderr.write(`bench ${name}: ${bench.description}\n`)
  const started = Date.now()
  let rows
  try {
    rows = await bench.run({ log })
  } catch (error) {
    if (!(error instanceof Skip)) process.stderr.write(`${error.stack ?? error}\n`)
    rows = [
      error instanceof Skip
        ? { test: name, skipped: error.message }
        : { test: name, error: String(error.message ?? error), pass: false },
    ]
  }
  const seconds = Math.round((Date.now() - started) / 1000)
  process.stderr.write(`bench ${name}: done in ${seconds} s\n`)
  table.push(...rows.map((row) => ({ bench: name, ...row })))
  // A benchmark that could not run at all keeps the results of its last run.
  if (rows.every((row) => row.skipped)) continue
  mkdirSync(resultsDir, { recursive: true })
  const result = {
    bench: name,
    date: new Date().toISOString(),
    quick,
    machine,
    seconds,
    staleBuild: marquee.staleBuild,
    rows,
  }
  writeFileSync(
    join(resultsDir, `${name}${quick ? '.quick' : ''}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  )
}

const ratio = (r) =>
  r.ratio === null || r.ratio === undefined
    ? '—'
    : `${r.ratio.toFixed(1)}×${r.wallRatio ? ` (wall ${r.wallRatio.toFixed(1)}×)` : ''}`
const verdict = (r) => {
  if (r.skipped) return `skipped: ${r.skipped}`
  if (r.error) return `error: ${r.error}`
  return r.pass === null ? 'info' : r.pass ? 'ok' : 'FAIL'
}
const header = ['bench', 'test', 'marquee', 'reference', 'ratio', 'target', 'result']
const lines = table.map((r) =>
  r.skipped || r.error
    ? [r.bench, r.test, '', '', '', '', verdict(r)]
    : [r.bench, r.test, r.marquee, r.reference, ratio(r), r.target, verdict(r)],
)
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
const format = (cells) =>
  cells
    .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
    .join('  ')
    .trimEnd()
process.stdout.write(
  `\nMarquee benchmarks${quick ? ' (BENCH_QUICK)' : ''} — ${machine.cpus} × ${machine.cpu}, Node ${machine.node}; trees in ${benchDir}\n\n`,
)
process.stdout.write(`${[header, ...lines].map(format).join('\n')}\n`)
const notes = table.flatMap((r) => (r.notes ?? []).map((note) => `note (${r.test}): ${note}\n`))
if (marquee.staleBuild) notes.unshift(`warning: ${marquee.staleBuild}\n`)
if (notes.length) process.stdout.write(`\n${notes.join('')}`)
process.stdout.write(`\nResults in ${resultsDir}\n`)
process.exitCode = table.some((r) => r.pass === false) ? 1 : 0

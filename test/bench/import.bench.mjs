// Issue 11: `marquee import` of ~2 GB of video from one folder of a local disk into a library
// folder on the same disk, against `cp -r` + `sync` of the same files. Marquee also hashes every
// byte (SHA-256), fsyncs each file and its folder, renames it into place without overwriting,
// and records each asset (hashed, queued) in the database. Both sides start with the sources in
// the page cache and end with everything on disk.
import { randomFillSync } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs'
import { rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { benchDir, ensureBuilt, freshDataDir, marquee, quick } from './lib/marquee.mjs'
import { infoRow, median, ratioRow, runTimed, seconds } from './lib/measure.mjs'
import { load } from './lib/processing.mjs'

export const description =
  '~2 GB of video, local disk to local disk: import vs cp -r + sync (≤ 1.15×)'

// More on a busy machine: BENCH_RUNS=5 npm run bench -- import.
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const MAX_RATIO = 1.15
/** 8 × 256 MB, or 2 × 64 MB for a smoke run. */
const FILES = quick ? 2 : 8
const FILE_BYTES = (quick ? 64 : 256) * 1024 * 1024

const ok = (run, what) => {
  if (run.status !== 0) throw new Error(`${what} exited with ${run.status}: ${run.stderr.trim()}`)
  return run
}
const sync = () => ok(runTimed('sync', []), 'sync').ms
/**
 * CPU seconds (user + system) of the children waited for so far, from /proc (Linux): on a busy
 * machine the wall clock says mostly how much others ran, CPU time what each side costs.
 */
const childCpuS = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  // cutime and cstime are the 14th and 15th fields after the name; in clock ticks (100 Hz).
  return (Number(fields[13]) + Number(fields[14])) / 100
}
const gbs = (bytes, ms) => `${(bytes / 1e9 / (ms / 1000)).toFixed(2)} GB/s`

/**
 * The sources: `FILES` videos' worth of distinct random bytes in one folder, made once (the copy
 * never looks inside a file, so random bytes cost what video bytes cost).
 */
function sources(log) {
  const dir = join(benchDir, 'trees', `import-${FILES}x${FILE_BYTES / 1024 / 1024}MB`, 'Reel')
  const want = Array.from({ length: FILES }, (_, i) => `clip-${i}.mp4`)
  const have = existsSync(dir) ? readdirSync(dir).sort() : []
  const whole =
    have.length === FILES && have.every((n) => statSync(join(dir, n)).size === FILE_BYTES)
  if (whole) return dir
  log(`import: writing ${FILES} × ${FILE_BYTES / 1024 / 1024} MB of sources (once)…`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const chunk = Buffer.alloc(8 * 1024 * 1024)
  for (const name of want) {
    const fd = openSync(join(dir, name), 'w')
    for (let written = 0; written < FILE_BYTES; written += chunk.length) {
      randomFillSync(chunk)
      writeSync(fd, chunk)
    }
    closeSync(fd)
  }
  sync()
  return dir
}

export async function run({ log }) {
  ensureBuilt()
  const source = sources(log)
  const bytes = FILES * FILE_BYTES
  const size = `${FILES} × ${FILE_BYTES / 1024 / 1024} MB`
  const work = join(benchDir, 'scratch', 'import')
  const root = join(work, 'library')
  const cpOut = join(work, 'cp')
  mkdirSync(root, { recursive: true })
  if (statSync(work).dev !== statSync(source).dev)
    throw new Error(`${work} and ${source} are not on one filesystem`)
  const files = readdirSync(source).map((n) => join(source, n))
  const warm = () => ok(runTimed('bash', ['-c', 'cat "$@" > /dev/null', 'bench', ...files]), 'cat')

  /** One import into an empty library folder with a fresh library (no duplicates to find). */
  const importOnce = (i) => {
    rmSync(root, { recursive: true, force: true })
    mkdirSync(root, { recursive: true })
    const dataDir = freshDataDir('import')
    marquee(dataDir, ['roots', 'add', root])
    warm()
    sync()
    const loadBefore = load()
    const cpuBefore = childCpuS()
    const run = marquee(dataDir, ['import', source, '--into', root])
    if (run.json.imported.length !== FILES || run.json.failed.length > 0)
      throw new Error(`the import answered ${JSON.stringify(run.json).slice(0, 300)}`)
    const syncAfterMs = sync()
    const cpuS = childCpuS() - cpuBefore
    log(
      `import ${size} #${i + 1}: marquee ${seconds(run.ms)}, sync after ${seconds(syncAfterMs)}, CPU ${cpuS.toFixed(2)} s (load ${loadBefore})`,
    )
    return { ms: run.ms + syncAfterMs, importMs: run.ms, syncAfterMs, cpuS, loadBefore, dataDir }
  }
  const cpOnce = (i) => {
    rmSync(cpOut, { recursive: true, force: true })
    warm()
    sync()
    const loadBefore = load()
    const cpuBefore = childCpuS()
    const cp = ok(runTimed('cp', ['-r', source, cpOut]), 'cp')
    const syncMs = sync()
    const cpuS = childCpuS() - cpuBefore
    log(
      `import ${size} #${i + 1}: cp -r ${seconds(cp.ms)} + sync ${seconds(syncMs)}, CPU ${cpuS.toFixed(2)} s (load ${loadBefore})`,
    )
    return { ms: cp.ms + syncMs, cpMs: cp.ms, syncMs, cpuS, loadBefore }
  }
  const imports = []
  const cps = []
  for (let i = 0; i < RUNS; i++) {
    // Alternated, so neither side always runs on the other's leftovers.
    if (i % 2) {
      cps.push(cpOnce(i))
      imports.push(importOnce(i))
    } else {
      imports.push(importOnce(i))
      cps.push(cpOnce(i))
    }
  }
  rmSync(cpOut, { recursive: true, force: true })

  // Info: the same drop again into the last library: every file is found already there (a
  // hashed asset has its size, so the source is hashed, and the hash is known) and skipped.
  const last = imports.at(-1)
  warm()
  const again = marquee(last.dataDir, ['import', source, '--into', root])
  if (again.json.duplicates.length !== FILES)
    throw new Error(`the second import found ${again.json.duplicates.length} duplicates`)
  // Info: what hashing every source before copying would add (the other way to find duplicates).
  warm()
  const openssl = ok(runTimed('openssl', ['dgst', '-sha256', ...files]), 'openssl')
  rmSync(root, { recursive: true, force: true })

  const importMs = median(imports.map((r) => r.ms))
  const cpMs = median(cps.map((r) => r.ms))
  const importCpuS = median(imports.map((r) => r.cpuS))
  const cpCpuS = median(cps.map((r) => r.cpuS))
  const metrics = {
    files: FILES,
    bytes,
    marquee: 'node out/main/cli.js --data-dir D import <folder> --into <root> --json, then sync',
    reference: 'cp -r <folder> <fresh dir on the same filesystem>, then sync',
    imports: imports.map(({ dataDir: _d, ...r }) => r),
    cps,
  }
  return [
    ratioRow({
      test: `import ${size}`,
      marquee: `${seconds(importMs)} (${gbs(bytes, importMs)})`,
      reference: `cp -r + sync ${seconds(cpMs)} (${gbs(bytes, cpMs)})`,
      value: importMs,
      referenceValue: cpMs,
      max: MAX_RATIO,
      metrics,
    }),
    infoRow({
      test: `import ${size}: CPU time (user + system)`,
      marquee: `${importCpuS.toFixed(2)} s`,
      reference: `cp -r + sync ${cpCpuS.toFixed(2)} s`,
      ratio: importCpuS / cpCpuS,
      metrics: { importCpuS, cpCpuS },
    }),
    infoRow({
      test: `import ${size} again (all duplicates)`,
      marquee: seconds(again.ms),
      reference: `openssl dgst -sha256 ${seconds(openssl.ms)}`,
      ratio: again.ms / openssl.ms,
      metrics: { againMs: again.ms, opensslMs: openssl.ms, importMs, cpMs },
    }),
  ]
}

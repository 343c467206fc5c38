// SHA-256 throughput of the media pool (the AssetHash step) against one `openssl dgst -sha256`
// process over the same large files. Both read from the page cache: the files are read once
// first, untimed, and fit in memory; each side then runs RUNS times and the medians count.
import { createCipheriv, createHash } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs'
import { rmSync, writeFileSync, writeSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { ensureBuilt, quick } from './lib/marquee.mjs'
import { infoRow, median } from './lib/measure.mjs'
import { probe } from './lib/probe.mjs'
import { atLeastRow, cpu, gbPerSecond, load, mediaDir, medianOrNull } from './lib/processing.mjs'
import { ok, requireTools, timed } from './lib/processing.mjs'

export const description =
  'hashing throughput: the media pool against one `openssl dgst -sha256` process (≥ 1.5×)'

const RUNS = 3
const MIN = 1.5
const CHUNK = 4 * 1024 * 1024

/** `count` files of `mb` MB of AES-CTR keystream (incompressible, the same bytes every run). */
function largeFiles(count, mb) {
  const dir = join(mediaDir('hash'), `${count}x${mb}MB`)
  const marker = `${dir}.json`
  const paths = Array.from({ length: count }, (_, i) => join(dir, `blob-${i}.bin`))
  if (existsSync(marker) && paths.every(existsSync)) return paths
  rmSync(marker, { force: true })
  mkdirSync(dir, { recursive: true })
  const zeros = Buffer.alloc(CHUNK)
  for (const [i, path] of paths.entries()) {
    const key = createHash('sha256').update(`marquee-bench-hash-${i}`).digest().subarray(0, 16)
    const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16))
    const partial = `${path}.partial`
    const fd = openSync(partial, 'w')
    for (let written = 0; written < mb * 1024 * 1024; written += CHUNK) {
      writeSync(fd, cipher.update(zeros))
    }
    closeSync(fd)
    renameSync(partial, path)
  }
  writeFileSync(marker, `${JSON.stringify({ count, mb })}\n`)
  return paths
}

function openssl(files) {
  const run = ok(timed('openssl', ['dgst', '-sha256', ...files]), 'openssl')
  const sha256 = {}
  for (const line of run.stdout.trim().split('\n')) {
    const match = /^[^(]*\((.*)\)\s*=\s*([0-9a-f]{64})$/.exec(line)
    if (match) sha256[match[1]] = match[2]
  }
  return { ms: run.ms, cpuMs: run.cpuMs, sha256 }
}

/**
 * A control, not Marquee: `processes` openssl processes side by side over shares of the files.
 * Its speed-up over one process shows how many cores this run really had free.
 */
function opensslSideBySide(files, processes) {
  const share = Math.ceil(files.length / processes)
  const jobs = Array.from(
    { length: processes },
    (_, k) => `openssl dgst -sha256 "\${@:${k * share + 1}:${share}}" >/dev/null &`,
  )
  return ok(timed('bash', ['-c', `${jobs.join(' ')} wait`, 'openssl', ...files]), 'openssl').ms
}

const gbs = (bytes, ms) => `${gbPerSecond(bytes, ms).toFixed(2)} GB/s`

export function run({ log }) {
  requireTools('openssl')
  ensureBuilt()
  const [count, mb] = quick ? [4, 64] : [8, 256]
  const files = largeFiles(count, mb)
  const bytes = count * mb * 1024 * 1024
  const label = `${count} × ${mb} MB`
  // The pool's default (pool.ts): all cores but one, and at least two. The target row uses at
  // least two threads; where the default differs, it is shown beside it.
  const defaultThreads = Math.max(2, availableParallelism() - 1)
  const threads = Math.max(2, defaultThreads)
  const sides = threads === defaultThreads ? [String(threads)] : [String(threads), 'default']

  const warm = openssl(files) // untimed: every file into the page cache
  probe('hash-pool', [String(threads), files[0]]) // untimed: the worker's modules too
  const runs = { openssl: [], ...Object.fromEntries(sides.map((s) => [s, []])) }
  const mismatches = new Set()
  for (let i = 0; i < RUNS; i++) {
    const loadBefore = load()
    const { ms, cpuMs } = openssl(files)
    const sideBySideMs = opensslSideBySide(files, threads)
    runs.openssl.push({ ms, cpuMs, sideBySideMs, loadBefore })
    for (const side of sides) {
      const result = probe('hash-pool', [side, ...files])
      for (const f of files) {
        if (result.sha256[f] !== warm.sha256[f]) mismatches.add(f)
      }
      runs[side].push({ ms: result.ms, cpuMs: result.cpuMs, startupMs: result.startupMs })
    }
    log(
      `hash ${label} #${i + 1}: openssl ${gbs(bytes, ms)} (CPU ${cpu(cpuMs)}), ` +
        sides
          .map((s) => `pool(${s}) ${gbs(bytes, runs[s][i].ms)} (CPU ${cpu(runs[s][i].cpuMs)})`)
          .join(', ') +
        `; ${threads} openssl side by side ${gbs(bytes, sideBySideMs)}; load ${loadBefore}`,
    )
  }
  const opensslMs = median(runs.openssl.map((r) => r.ms))
  const opensslCpuMs = medianOrNull(runs.openssl.map((r) => r.cpuMs))
  const opensslGbs = gbPerSecond(bytes, opensslMs)
  const sideBySideMs = median(runs.openssl.map((r) => r.sideBySideMs))
  const freeCores = opensslMs / sideBySideMs
  const reference = `openssl ${gbs(bytes, opensslMs)}`
  const rowFor = (side) => {
    const ms = median(runs[side].map((r) => r.ms))
    const cpuMs = medianOrNull(runs[side].map((r) => r.cpuMs))
    const n = side === 'default' ? defaultThreads : Number(side)
    const metrics = {
      files: count,
      bytes,
      threads: n,
      defaultThreads,
      marqueeMs: ms,
      opensslMs,
      marqueeGbPerS: gbPerSecond(bytes, ms),
      opensslGbPerS: opensslGbs,
      marqueeCpuMs: cpuMs,
      opensslCpuMs,
      opensslSideBySide: { processes: threads, ms: sideBySideMs, speedup: freeCores },
      runs: { marquee: runs[side], openssl: runs.openssl },
      how: 'MediaPool.hash on every file at once (Promise.all) after the pool is up; openssl dgst -sha256 over the same files, one process; both from the page cache',
    }
    const marquee = `${gbs(bytes, ms)} (${n} thread${n > 1 ? 's' : ''}${side === 'default' ? ', default' : ''})`
    const test = `hash ${label}, pool ${side === 'default' ? 'default' : `${n} threads`}`
    const row =
      side === 'default'
        ? infoRow({ test, marquee, reference, ratio: opensslMs / ms, metrics })
        : atLeastRow({
            test,
            marquee,
            reference,
            value: 1 / ms,
            referenceValue: 1 / opensslMs,
            min: MIN,
            metrics,
          })
    if (cpuMs && opensslCpuMs) {
      row.notes = [
        `CPU per GB: pool ${Math.round((cpuMs * 1e9) / bytes)} ms, openssl ${Math.round((opensslCpuMs * 1e9) / bytes)} ms`,
      ]
    }
    return row
  }
  const rows = sides.map(rowFor)
  rows[0].notes = [
    ...(rows[0].notes ?? []),
    `control: ${threads} openssl processes side by side ran ${freeCores.toFixed(2)}× one (the cores this run had free)`,
  ]
  if (sides.includes('default')) {
    rows[0].notes = [
      `the pool defaults to cores − 1 = ${defaultThreads} thread here; this row builds it with ${threads}`,
      ...(rows[0].notes ?? []),
    ]
  }
  if (mismatches.size) {
    rows[0].pass = false
    rows[0].notes = [
      ...(rows[0].notes ?? []),
      `SHA-256 differs from openssl's for ${[...mismatches].join(', ')}`,
    ]
  }
  return rows
}

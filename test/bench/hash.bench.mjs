// 6: SHA-256 throughput of the media pool (the AssetHash step) against one `openssl dgst -sha256`
// process over the same large files. Both read from the page cache: the files are read once
// first, untimed, and fit in memory; each side then runs RUNS times and the medians count.
import { createCipheriv, createHash } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs'
import { rmSync, writeFileSync, writeSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { ensureBuilt, quick } from './lib/marquee.mjs'
import { infoRow, median, runTimed } from './lib/measure.mjs'
import { probe } from './lib/probe.mjs'
import { atLeastRow, gbPerSecond, load, mediaDir, requireTools } from './lib/processing.mjs'

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
  const run = runTimed('openssl', ['dgst', '-sha256', ...files])
  if (run.status !== 0) throw new Error(`openssl exited with ${run.status}: ${run.stderr.trim()}`)
  const sha256 = {}
  for (const line of run.stdout.trim().split('\n')) {
    const match = /^[^(]*\((.*)\)\s*=\s*([0-9a-f]{64})$/.exec(line)
    if (match) sha256[match[1]] = match[2]
  }
  return { ms: run.ms, sha256 }
}

export function run({ log }) {
  requireTools('openssl')
  ensureBuilt()
  const [count, mb] = quick ? [4, 64] : [8, 256]
  const files = largeFiles(count, mb)
  const bytes = count * mb * 1024 * 1024
  const label = `${count} × ${mb} MB`
  // The default pool leaves the UI a core: one thread on a two-core machine. The target row uses
  // at least two threads (the pool's constructor takes a count); the default is shown beside it.
  const defaultThreads = Math.max(1, availableParallelism() - 1)
  const threads = Math.max(2, defaultThreads)
  const sides = threads === defaultThreads ? [String(threads)] : [String(threads), 'default']

  const warm = openssl(files) // untimed: every file into the page cache
  probe('hash-pool', [String(threads), files[0]]) // untimed: the worker's modules too
  const runs = { openssl: [], ...Object.fromEntries(sides.map((s) => [s, []])) }
  const mismatches = new Set()
  const loads = []
  for (let i = 0; i < RUNS; i++) {
    loads.push(load())
    runs.openssl.push(openssl(files).ms)
    for (const side of sides) {
      const result = probe('hash-pool', [side, ...files])
      for (const f of files) {
        if (result.sha256[f] !== warm.sha256[f]) mismatches.add(f)
      }
      runs[side].push(result.ms)
    }
    log(
      `hash ${label} #${i + 1}: openssl ${gbPerSecond(bytes, runs.openssl[i]).toFixed(2)} GB/s, ` +
        sides.map((s) => `pool(${s}) ${gbPerSecond(bytes, runs[s][i]).toFixed(2)} GB/s`).join(', '),
    )
  }
  const opensslMs = median(runs.openssl)
  const opensslGbs = gbPerSecond(bytes, opensslMs)
  const reference = `openssl ${opensslGbs.toFixed(2)} GB/s`
  const rowFor = (side) => {
    const ms = median(runs[side])
    const n = side === 'default' ? defaultThreads : Number(side)
    const gbs = gbPerSecond(bytes, ms)
    const metrics = {
      files: count,
      bytes,
      threads: n,
      defaultThreads,
      marqueeMs: ms,
      opensslMs,
      marqueeGbPerS: gbs,
      opensslGbPerS: opensslGbs,
      runs: { marqueeMs: runs[side], opensslMs: runs.openssl, loadBefore: loads },
      how: 'MediaPool.hash on every file at once (Promise.all); openssl dgst -sha256 over the same files, one process',
    }
    const marquee = `${gbs.toFixed(2)} GB/s (${n} thread${n > 1 ? 's' : ''}${side === 'default' ? ', default' : ''})`
    const test = `hash ${label}, pool ${side === 'default' ? 'default' : `${n} threads`}`
    return side === 'default'
      ? infoRow({ test, marquee, reference, ratio: gbs / opensslGbs, metrics })
      : atLeastRow({
          test,
          marquee,
          reference,
          value: gbs,
          referenceValue: opensslGbs,
          min: MIN,
          metrics,
        })
  }
  const rows = sides.map(rowFor)
  if (sides.includes('default')) {
    rows[0].notes = [
      `the pool defaults to cores − 1 = ${defaultThreads} thread here; this row builds it with ${threads}`,
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

// Timing helpers shared by the benchmarks: run a process, take medians, make result rows.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'

const TIME = '/usr/bin/time'

/**
 * Runs a command to completion and returns `{ ms, stdout, stderr, status, peakRssMb }`. Output
 * is discarded when `discard` is set (as `> /dev/null` would). Peak RSS needs /usr/bin/time.
 */
export function runTimed(command, args, { discard = false, rss = false, cwd } = {}) {
  const rssFile = join(tmpdir(), `marquee-bench-rss-${process.pid}`)
  const measureRss = rss && existsSync(TIME)
  const [cmd, argv] = measureRss
    ? [TIME, ['-f', '%M', '-o', rssFile, command, ...args]]
    : [command, args]
  const devNull = discard ? openSync('/dev/null', 'w') : undefined
  const started = performance.now()
  const result = spawnSync(cmd, argv, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
  })
  const ms = performance.now() - started
  if (devNull !== undefined) closeSync(devNull)
  let peakRssMb = null
  if (measureRss && existsSync(rssFile)) {
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop())
    peakRssMb = Number.isFinite(kb) ? kb / 1024 : null
    rmSync(rssFile, { force: true })
  }
  if (result.error) throw result.error
  return {
    ms,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    status: result.status,
    peakRssMb,
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export const seconds = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
export const millis = (ms) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`
export const count = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1000 ? `${n / 1000}k` : String(n))

/** The row of a check against a reference tool: `value / reference` must be at most `max`. */
export function ratioRow({ test, marquee, reference, value, referenceValue, max, metrics }) {
  const ratio = value / referenceValue
  return { test, marquee, reference, ratio, target: `≤ ${max}×`, pass: ratio <= max, metrics }
}

/** The row of an absolute check: `value` must be below `limit`. */
export function limitRow({ test, marquee, reference = '—', value, limit, unit, metrics }) {
  return {
    test,
    marquee,
    reference,
    ratio: null,
    target: `< ${limit} ${unit}`,
    pass: value < limit,
    metrics,
  }
}

/** A row that only informs (no target). */
export function infoRow({ test, marquee, reference = '—', ratio = null, metrics }) {
  return { test, marquee, reference, ratio, target: '—', pass: null, metrics }
}

export const skippedRow = (test, why) => ({ test, skipped: why })

// Shared by the processing benchmarks (hash, photos, video, mixed): where their media is
// kept, the tools they compare against, and a runner that samples a process tree's memory.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchDir, cliPath, repo, Skip } from './marquee.mjs'

/** Generated media lives beside the trees, outside the repository, and is reused by later runs. */
export const mediaDir = (name) => join(benchDir, name)

/** The absolute path of a tool on PATH, or null. */
export function which(name) {
  const found = spawnSync('which', [name], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim() : null
}

/** Fails with Skip (`<tool> not installed`) unless every tool is on PATH. */
export function requireTools(...names) {
  const missing = names.filter((name) => !which(name))
  if (missing.length) throw new Skip(`${missing.join(', ')} not installed`)
}

/** A fresh, empty scratch folder for the reference pipeline's outputs. */
export function scratch(name) {
  const dir = join(benchDir, 'scratch', name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

const PAGE_KB = 4

/** Every process's parent, name and resident size, read from /proc. */
function processTable() {
  const table = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The name is in parentheses and may hold spaces; the fields after it are fixed.
      const close = stat.lastIndexOf(')')
      const name = stat.slice(stat.indexOf('(') + 1, close)
      const fields = stat.slice(close + 2).split(' ')
      table.set(Number(entry), {
        ppid: Number(fields[1]),
        name,
        rssKb: Number(fields[21]) * PAGE_KB,
      })
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return table
}

function peakKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
  } catch {
    return 0
  }
}

/**
 * Runs a command to completion and samples its process tree every `everyMs`: the process's own
 * peak RSS (VmHWM, which counts its worker threads), the largest sum of its descendants' RSS
 * seen at once (ffmpeg, ffprobe, exiftool's perl), the peak per descendant name, and the largest
 * whole-tree sum. Resolves `{ ms, status, stdout, stderr, memory }` (memory in MB).
 */
export function runSampled(command, args, { env, cwd = repo, everyMs = 100 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, {
      cwd,
      env: env ? { ...process.env, ...env } : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out = []
    const err = []
    child.stdout.on('data', (chunk) => out.push(chunk))
    child.stderr.on('data', (chunk) => err.push(chunk))
    let ownPeakKb = 0
    let childrenPeakKb = 0
    let treePeakKb = 0
    const byName = {}
    const sample = () => {
      const table = processTable()
      const own = table.get(child.pid)
      if (!own) return
      ownPeakKb = Math.max(ownPeakKb, peakKb(child.pid), own.rssKb)
      const descendants = []
      const parents = new Set([child.pid])
      // Parents come before children in pid order except after pid wrap-around; loop to be sure.
      for (let grew = true; grew;) {
        grew = false
        for (const [pid, p] of table) {
          if (!parents.has(pid) && parents.has(p.ppid)) {
            parents.add(pid)
            descendants.push(p)
            grew = true
          }
        }
      }
      // A child caught between fork and exec still has the parent's name and counts the
      // parent's (shared) pages as its own: not a process of its own yet, so left out.
      const real = descendants.filter((p) => p.name !== own.name)
      const sum = real.reduce((total, p) => total + p.rssKb, 0)
      childrenPeakKb = Math.max(childrenPeakKb, sum)
      treePeakKb = Math.max(treePeakKb, own.rssKb + sum)
      const now = {}
      for (const p of real) now[p.name] = (now[p.name] ?? 0) + p.rssKb
      for (const [name, kb] of Object.entries(now)) byName[name] = Math.max(byName[name] ?? 0, kb)
    }
    const timer = setInterval(sample, everyMs)
    child.once('error', (error) => {
      clearInterval(timer)
      reject(error)
    })
    child.once('close', (status) => {
      clearInterval(timer)
      const mb = (kb) => Math.round((kb / 1024) * 10) / 10
      resolve({
        ms: performance.now() - started,
        status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        memory: {
          ownPeakMb: mb(ownPeakKb),
          childrenPeakMb: mb(childrenPeakKb),
          treePeakMb: mb(treePeakKb),
          childrenByNameMb: Object.fromEntries(
            Object.entries(byName).map(([name, kb]) => [name, mb(kb)]),
          ),
          sampleEveryMs: everyMs,
        },
      })
    })
  })
}

const TIME = '/usr/bin/time'

/**
 * Runs a command to completion without sampling (nothing else runs in this process meanwhile):
 * `{ ms, cpuMs, status, stdout, stderr }`. `env` is added to this process's environment.
 * `cpuMs` is the user + system time of the command and the descendants it waited for
 * (/usr/bin/time, null without it): on a busy machine it shows what each side costs, where wall
 * time also shows how much of the machine each side got.
 */
export function timed(command, args, { env, cwd = repo } = {}) {
  const cpuFile = join(tmpdir(), `marquee-bench-cpu-${process.pid}`)
  const withTime = existsSync(TIME)
  const [cmd, argv] = withTime
    ? [TIME, ['-f', '%U %S', '-o', cpuFile, command, ...args]]
    : [command, args]
  const started = performance.now()
  const result = spawnSync(cmd, argv, {
    cwd,
    env: env ? { ...process.env, ...env } : process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const ms = performance.now() - started
  let cpuMs = null
  if (withTime && existsSync(cpuFile)) {
    // /usr/bin/time writes "Command exited with non-zero status N" first when it did.
    const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop().split(' ')
    const total = (Number(user) + Number(system)) * 1000
    cpuMs = Number.isFinite(total) ? total : null
    rmSync(cpuFile, { force: true })
  }
  if (result.error) throw result.error
  return { ms, cpuMs, status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Throws unless the run exited 0. */
export function ok(run, what) {
  if (run.status !== 0) throw new Error(`${what} exited with ${run.status}: ${run.stderr.trim()}`)
  return run
}

/**
 * `marquee --data-dir <dataDir> index <dir> --wait --json`; `sampled` also samples its memory
 * (runSampled), which costs this process a little CPU. `okStatuses`: index exits 1 when an
 * asset failed, which a library with broken files expects.
 */
export async function indexAndWait(dataDir, dir, { env, okStatuses = [0], sampled = false } = {}) {
  const args = [cliPath, '--data-dir', dataDir, 'index', dir, '--wait', '--json']
  const run = sampled
    ? await runSampled(process.execPath, args, { env })
    : timed(process.execPath, args, { env })
  if (!okStatuses.includes(run.status)) {
    throw new Error(`marquee index --wait exited with ${run.status}: ${run.stderr.trim()}`)
  }
  const json = JSON.parse(run.stdout)
  const scan = json.scans[0]
  if (scan.status !== 'completed') throw new Error(`the scan did not complete: ${scan.reason}`)
  return { ...run, json, assets: json.assets ?? {} }
}

/** The 1-minute load average, kept with results: other work on the machine skews timings. */
export const load = () => Math.round(loadavg()[0] * 100) / 100

/** The median of the values that are known, or null. */
export function medianOrNull(values) {
  const known = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b)
  if (!known.length) return null
  const mid = Math.floor(known.length / 2)
  return known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2
}

/** CPU time as the logs show it. */
export const cpu = (ms) => (ms === null || ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`)

/** Throughput in GB/s (10^9 bytes) as the table shows it. */
export const gbPerSecond = (bytes, ms) => bytes / 1e9 / (ms / 1000)

/** A row where Marquee's value must be at least `min` times the reference's. */
export function atLeastRow({ test, marquee, reference, value, referenceValue, min, metrics }) {
  const ratio = value / referenceValue
  return { test, marquee, reference, ratio, target: `≥ ${min}×`, pass: ratio >= min, metrics }
}

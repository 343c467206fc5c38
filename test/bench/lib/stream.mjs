// For benchmarks of commands that stream a long output (`ls --json` on a million assets): runs
// one without holding its output, counting lines and timing the first chunk, and runs a
// `marquee serve` beside the benchmark for commands that join it.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cliPath, repo } from './marquee.mjs'

const TIME = '/usr/bin/time'
const NEWLINE = 0x0a
/** Clock ticks per second in /proc/<pid>/stat (USER_HZ: 100 on every Linux build we meet). */
const TICKS = 100

/**
 * Runs a command to completion, reading its stdout as it comes (nothing is kept but the first
 * and last lines) and resolves `{ ms, firstByteMs, firstLineMs, lines, bytes, firstLine,
 * lastLine, status, stderr, peakRssMb, cpuMs, timeline, timedOut }`. `firstByteMs` is from the
 * spawn to the first stdout chunk; peak RSS (`%M`) and user + system CPU come from
 * /usr/bin/time when it exists, else they are null. The reader does no more than count
 * newlines, so it never holds the command back.
 *
 * `sampleEveryMs` fills `timeline` with `{ ms, lines, bytes, ...sample({ ms, lines, bytes }) }`;
 * `timeoutMs` ends the command (its whole process group) when it runs longer: `timedOut` is then
 * set and the counts are what came before.
 */
export function runStreamed(
  command,
  args,
  { cwd = repo, env, sampleEveryMs, sample = () => ({}), timeoutMs } = {},
) {
  const statsFile = join(tmpdir(), `marquee-bench-stream-${process.pid}`)
  const withTime = existsSync(TIME)
  const [cmd, argv] = withTime
    ? [TIME, ['-f', '%M %U %S', '-o', statsFile, command, ...args]]
    : [command, args]
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(cmd, argv, {
      cwd,
      env: env ? { ...process.env, ...env } : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout ends the command and not only /usr/bin/time.
      detached: timeoutMs !== undefined,
    })
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
    if (timeoutMs !== undefined) process.on('exit', killGroup)
    let timedOut = false
    const deadline =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true
            killGroup()
          }, timeoutMs)
    const timeline = []
    const sampler =
      sampleEveryMs === undefined
        ? undefined
        : setInterval(() => {
            const point = { ms: performance.now() - started, lines, bytes }
            timeline.push({ ...point, ...sample(point) })
          }, sampleEveryMs)
    let firstByteMs = null
    let firstLineMs = null
    let lines = 0
    let bytes = 0
    let head = []
    let firstLine = null
    let previous = Buffer.alloc(0)
    let last = Buffer.alloc(0)
    const err = []
    child.stdout.on('data', (chunk) => {
      const now = performance.now() - started
      firstByteMs ??= now
      bytes += chunk.length
      let at = chunk.indexOf(NEWLINE)
      if (at >= 0 && firstLine === null) {
        firstLineMs = now
        firstLine = Buffer.concat([...head, chunk.subarray(0, at)]).toString('utf8')
        head = null
      } else if (firstLine === null) head.push(chunk)
      for (; at >= 0; at = chunk.indexOf(NEWLINE, at + 1)) lines++
      previous = last
      last = chunk
    })
    child.stderr.on('data', (chunk) => err.push(chunk))
    child.once('error', reject)
    child.once('close', (status) => {
      const ms = performance.now() - started
      clearTimeout(deadline)
      clearInterval(sampler)
      process.off('exit', killGroup)
      const tail = Buffer.concat([previous, last]).toString('utf8').trimEnd()
      const lastLine = tail.slice(tail.lastIndexOf('\n') + 1) || null
      let peakRssMb = null
      let cpuMs = null
      if (withTime && existsSync(statsFile)) {
        // /usr/bin/time writes "Command exited with non-zero status N" first when it did.
        const [kb, user, system] = readFileSync(statsFile, 'utf8')
          .trim()
          .split('\n')
          .pop()
          .split(' ')
          .map(Number)
        peakRssMb = Number.isFinite(kb) ? kb / 1024 : null
        cpuMs = Number.isFinite(user + system) ? (user + system) * 1000 : null
        rmSync(statsFile, { force: true })
      }
      resolve({
        ms,
        firstByteMs,
        firstLineMs,
        lines,
        bytes,
        firstLine,
        lastLine,
        status,
        stderr: Buffer.concat(err).toString('utf8'),
        peakRssMb,
        cpuMs,
        timeline,
        timedOut,
      })
    })
  })
}

/** A process's peak and current RSS (MB) and its CPU time so far (ms), from /proc. */
export function procStats(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN)
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) / TICKS) * 1000
    return { peakRssMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024, cpuMs }
  } catch {
    return null
  }
}

/**
 * Starts `marquee serve --data-dir <dataDir> --port 0` and resolves once it printed its URL (it
 * then holds the library and listens on its socket): `{ pid, url, startMs, stats(), stop() }`.
 * `stop` sends SIGTERM and resolves `{ ms, status, signal, killed, ended }` once it exited (SIGKILL
 * after `killAfterMs`; `ended`: it had already exited by itself); it also runs if this process
 * exits first, so no serve is left behind.
 */
export function startServe(dataDir, { timeoutMs = 120_000, killAfterMs = 60_000 } = {}) {
  const child = spawn(process.execPath, [cliPath, 'serve', '--data-dir', dataDir, '--port', '0'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const started = performance.now()
  const exited = new Promise((resolve) =>
    child.once('exit', (status, signal) => resolve({ status, signal })),
  )
  const onExit = () => child.kill('SIGKILL')
  process.on('exit', onExit)
  let out = ''
  let err = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (text) => {
    err = (err + text).slice(-4000)
  })
  const stop = async () => {
    process.off('exit', onExit)
    if (child.exitCode !== null || child.signalCode !== null) {
      return { ms: 0, ...(await exited), killed: false, ended: true }
    }
    const stopping = performance.now()
    child.kill('SIGTERM')
    let timer
    const late = new Promise((resolve) => {
      timer = setTimeout(() => resolve(null), killAfterMs)
    })
    let result = await Promise.race([exited, late])
    clearTimeout(timer)
    const killed = result === null
    if (killed) {
      child.kill('SIGKILL')
      result = await exited
    }
    return { ms: performance.now() - stopping, ...result, killed, ended: false }
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop().then(() => reject(new Error(`serve printed no URL in ${timeoutMs} ms: ${err}`)))
    }, timeoutMs)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (text) => {
      if (out === null) return
      out += text
      const url = /^https?:\/\/\S+$/m.exec(out)?.[0]
      if (!url) return
      out = null
      clearTimeout(timer)
      resolve({
        pid: child.pid,
        url,
        startMs: performance.now() - started,
        stats: () => procStats(child.pid),
        stderr: () => err,
        stop,
      })
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    void exited.then(({ status, signal }) => {
      if (out === null) return
      clearTimeout(timer)
      process.off('exit', onExit)
      reject(new Error(`serve exited (${status ?? signal}) before printing its URL: ${err}`))
    })
  })
}

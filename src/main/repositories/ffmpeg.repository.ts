import { spawn } from 'node:child_process'
import { AppError } from '../errors'
import { ffprobeArgs } from '../media/ffmpeg-args'
import type { Binaries } from './binaries'

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message)
    this.name = 'FfmpegError'
  }
}

/** ffprobe's `-print_format json -show_format -show_streams` answer, read by media/ffprobe-facts. */
export interface FfprobeOutput {
  format: Record<string, unknown>
  streams: Record<string, unknown>[]
}

type Tool = keyof Binaries

/** Enough of stderr for the line that says why; a decoder complaining per frame stays bounded. */
const STDERR_TAIL_CHARS = 64 * 1024
/** ffprobe's JSON is kilobytes even for many streams; far more than that is not an answer. */
const PROBE_OUTPUT_BYTES = 16 * 1024 * 1024
/**
 * SIGKILL ends a child at once, unless it is stuck in a read from an unresponsive NAS: its caller
 * is answered after this long anyway, and the child stays tracked until it exits.
 */
const EXIT_WAIT_MS = 5_000
/** Lines that end every failure and say nothing about it. */
const GENERIC_LINE = /^(conversion failed!?|exiting normally.*)$/i

const INSTALL_HINT: Record<Tool, string> = {
  ffmpeg:
    'Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) or set FFMPEG_PATH to the ffmpeg program.',
  ffprobe:
    'Install ffmpeg, which includes ffprobe (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg), or set FFPROBE_PATH to the ffprobe program.',
}

interface Child {
  pid: number | undefined
  /** Kills the process; its run rejects with `reason`. */
  stop(reason: Error): void
  /** Settles once the process has exited, or EXIT_WAIT_MS after it was killed. */
  settled: Promise<unknown>
}

/**
 * Spawns ffmpeg and ffprobe with argument lists built by the pure functions in
 * media/ffmpeg-args.ts, a time limit each and an AbortSignal: a hung or crashing decoder fails its
 * own job only. Every child is tracked so that `close()` leaves none behind.
 */
export class FfmpegRepository {
  private readonly children = new Set<Child>()
  private closed = false

  constructor(private readonly binaries: Binaries) {}

  /** ffprobe's JSON (format + streams) for a file. */
  async probe(path: string, timeoutMs: number, signal?: AbortSignal): Promise<FfprobeOutput> {
    return parseProbe(await this.execute('ffprobe', ffprobeArgs(path), timeoutMs, signal))
  }

  /**
   * Runs ffmpeg with a full argument list, killing it after `timeoutMs` (an FfmpegError with
   * `timedOut`) or when `signal` aborts (rejects with the signal's reason).
   */
  async run(args: string[], timeoutMs: number, signal?: AbortSignal): Promise<void> {
    await this.execute('ffmpeg', args, timeoutMs, signal)
  }

  /** Process ids of the children still running. */
  get pids(): number[] {
    return [...this.children].flatMap((child) => (child.pid === undefined ? [] : [child.pid]))
  }

  /** Kills every running child and refuses new ones; resolves when they have exited. */
  async close(): Promise<void> {
    this.closed = true
    const children = [...this.children]
    const reason = new AppError('CANCELLED', 'ffmpeg was stopped because Marquee is closing.')
    for (const child of children) child.stop(reason)
    await Promise.allSettled(children.map((child) => child.settled))
  }

  private execute(
    tool: Tool,
    args: string[],
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    if (this.closed)
      return Promise.reject(
        new AppError('CANCELLED', `${tool} was not started because Marquee is closing.`),
      )
    if (signal?.aborted) return Promise.reject(abortReason(signal))

    return new Promise<string>((resolve, reject) => {
      const proc = spawn(this.binaries[tool], args, {
        stdio: ['ignore', tool === 'ffprobe' ? 'pipe' : 'ignore', 'pipe'],
        windowsHide: true,
      })
      const stdout: Buffer[] = []
      let stdoutBytes = 0
      let stderr = ''
      let stopped: Error | undefined
      let exitWait: NodeJS.Timeout | undefined
      let done = false
      let markSettled!: () => void

      const stop = (reason: Error): void => {
        if (stopped || done) return
        stopped = reason
        proc.kill('SIGKILL')
        exitWait = setTimeout(() => settle(reason), EXIT_WAIT_MS)
      }
      const timer = setTimeout(() => {
        stop(
          new FfmpegError(`${tool} took longer than ${duration(timeoutMs)} and was stopped`, true),
        )
      }, timeoutMs)
      const onAbort = (): void => stop(abortReason(signal!))
      signal?.addEventListener('abort', onAbort, { once: true })

      const child: Child = {
        pid: proc.pid,
        stop,
        settled: new Promise<void>((resolveSettled) => (markSettled = resolveSettled)),
      }
      this.children.add(child)

      const settle = (error: Error | null): void => {
        if (done) return
        done = true
        clearTimeout(timer)
        clearTimeout(exitWait)
        signal?.removeEventListener('abort', onAbort)
        markSettled()
        if (error) reject(error)
        else resolve(Buffer.concat(stdout).toString('utf8'))
      }

      proc.stdout?.on('data', (chunk: Buffer) => {
        stdoutBytes += chunk.length
        if (stdoutBytes <= PROBE_OUTPUT_BYTES) stdout.push(chunk)
        else stop(new FfmpegError(`${tool} printed more than ${PROBE_OUTPUT_BYTES} bytes`, false))
      })
      proc.stderr?.setEncoding('utf8')
      proc.stderr?.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS)
      })
      proc.on('error', (error: NodeJS.ErrnoException) => {
        // A failed kill() also lands here; the exit wait answers the caller if it never exits.
        if (proc.pid !== undefined) return
        this.children.delete(child)
        const path = this.binaries[tool]
        settle(
          new AppError(
            'UNAVAILABLE',
            error.code === 'ENOENT'
              ? `${tool} was not found at ${path}. ${INSTALL_HINT[tool]}`
              : `${tool} at ${path} could not be started (${error.code ?? error.message}). ${INSTALL_HINT[tool]}`,
          ),
        )
      })
      proc.on('close', (code, killedBy) => {
        this.children.delete(child)
        if (stopped) return settle(stopped)
        if (code === 0) return settle(null)
        const why = lastMeaningfulLine(stderr)
        const how = killedBy ? `was ended by ${killedBy}` : `exited with code ${code}`
        settle(new FfmpegError(`${tool} ${how}${why ? `: ${why}` : ''}`, false))
      })
    })
  }
}

function parseProbe(text: string): FfprobeOutput {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new FfmpegError('ffprobe printed something other than JSON', false)
  }
  const root = isRecord(json) ? json : {}
  return {
    format: isRecord(root.format) ? root.format : {},
    streams: Array.isArray(root.streams) ? root.streams.filter(isRecord) : [],
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** What an aborted run rejects with: the signal's own reason, as `signal.throwIfAborted()` does. */
function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('ffmpeg was stopped')
}

/**
 * The last line of stderr that says what went wrong, e.g. `/m/a.mp4: Invalid data found when
 * processing input`, without the `file:` prefix our arguments add or the context's address.
 */
function lastMeaningfulLine(stderr: string): string | undefined {
  return stderr
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .trim()
        .replace(/ @ 0x[0-9a-f]+\]/, ']')
        .replace(/^file:/, ''),
    )
    .filter((line) => line !== '' && !GENERIC_LINE.test(line))
    .at(-1)
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
}

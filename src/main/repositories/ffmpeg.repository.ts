import { ffprobeArgs } from '../media/ffmpeg-args'
import type { Binaries } from './binaries'
import { ChildProcesses } from './child-processes'

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
/** Lines that end every failure and say nothing about it. */
const GENERIC_LINE = /^(conversion failed!?|exiting normally.*)$/i

const INSTALL_HINT: Record<Tool, string> = {
  ffmpeg:
    'Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) or set FFMPEG_PATH to the ffmpeg program.',
  ffprobe:
    'Install ffmpeg, which includes ffprobe (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg), or set FFPROBE_PATH to the ffprobe program.',
}

/**
 * Spawns ffmpeg and ffprobe with argument lists built by the pure functions in
 * media/ffmpeg-args.ts, a time limit each and an AbortSignal: a hung or crashing decoder fails its
 * own job only. Every child is tracked so that `close()` leaves none behind.
 */
export class FfmpegRepository {
  private readonly children = new ChildProcesses('ffmpeg')

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
    return this.children.pids
  }

  /** Kills every running child and refuses new ones; resolves when they have exited. */
  close(): Promise<void> {
    return this.children.close()
  }

  private execute(
    tool: Tool,
    args: string[],
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    return this.children.run({
      tool,
      path: this.binaries[tool],
      args,
      timeoutMs,
      signal,
      stdoutBytes: tool === 'ffprobe' ? PROBE_OUTPUT_BYTES : 0,
      stderrTailChars: STDERR_TAIL_CHARS,
      installHint: INSTALL_HINT[tool],
      reasonOf: lastMeaningfulLine,
      failure: (message, timedOut) => new FfmpegError(message, timedOut),
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

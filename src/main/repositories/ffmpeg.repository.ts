import type FfmpegCommand from 'fluent-ffmpeg'
import type { Binaries } from './binaries'

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message)
  }
}

/**
 * Runs ffmpeg and ffprobe as child processes (through fluent-ffmpeg) with argument lists built
 * by the pure functions in media/ffmpeg-args.ts, a time limit each, and an AbortSignal. A hung
 * or crashing decoder fails its own job only.
 */
export class FfmpegRepository {
  constructor(private readonly binaries: Binaries) {}

  private async fluent(): Promise<typeof FfmpegCommand> {
    return (await import('fluent-ffmpeg')).default
  }

  /** ffprobe's JSON (format + streams) for a file. */
  async probe(path: string, timeoutMs: number): Promise<unknown> {
    const ffmpeg = await this.fluent()
    return new Promise((resolve, reject) => {
      const command = ffmpeg(path).setFfprobePath(this.binaries.ffprobe)
      const timer = setTimeout(
        () => reject(new FfmpegError('ffprobe did not answer in time', true)),
        timeoutMs,
      )
      command.ffprobe((error: Error | null, data: unknown) => {
        clearTimeout(timer)
        if (error) reject(new FfmpegError(firstLine(error.message), false))
        else resolve(data)
      })
    })
  }

  /**
   * Runs ffmpeg with a full argument list (`[...globalAndInputOptions, '-i', input,
   * ...outputOptions, output]`), killing it after `timeoutMs` or when `signal` aborts.
   */
  async run(args: string[], timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const ffmpeg = await this.fluent()
    const inputAt = args.indexOf('-i')
    if (inputAt < 0 || inputAt + 2 >= args.length)
      throw new Error('ffmpeg arguments need -i <input> and an output')
    const before = args.slice(0, inputAt)
    const input = args[inputAt + 1]!
    const after = args.slice(inputAt + 2, -1)
    const output = args[args.length - 1]!
    return new Promise((resolve, reject) => {
      let timedOut = false
      const command = ffmpeg(input)
        .setFfmpegPath(this.binaries.ffmpeg)
        .inputOptions(before)
        .outputOptions(after)
        .output(output)
      const stop = (): void => void command.kill('SIGKILL')
      const timer = setTimeout(() => {
        timedOut = true
        stop()
      }, timeoutMs)
      signal?.addEventListener('abort', stop, { once: true })
      const done = (error?: Error): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', stop)
        if (!error) resolve()
        else if (timedOut)
          reject(
            new FfmpegError(
              `ffmpeg took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`,
              true,
            ),
          )
        else reject(new FfmpegError(firstLine(error.message), false))
      }
      command.on('end', () => done())
      command.on('error', (error: Error) => done(error))
      command.run()
    })
  }
}

function firstLine(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  // fluent-ffmpeg puts "ffmpeg exited with code 1: <stderr>"; the last stderr line says why.
  return lines.length > 1
    ? `${lines[0]!.replace(/:.*$/, '')}: ${lines[lines.length - 1]}`
    : (lines[0] ?? message)
}

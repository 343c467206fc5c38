import { spawn } from 'node:child_process'
import { AppError } from '../errors'
import { parsePdfinfo, pdfinfoArgs, pdftoppmArgs, type PdfFacts } from '../media/pdf'
import { POPPLER_INSTALL_HINT, type PopplerBinaries } from './binaries'

/** poppler refused the file (or ran out of time): `timedOut` tells which. */
export class PdfToolError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message)
    this.name = 'PdfToolError'
  }
}

type Tool = keyof PopplerBinaries

const STDERR_TAIL_CHARS = 16 * 1024
/** pdfinfo prints a few hundred bytes; far more is not an answer. */
const INFO_OUTPUT_BYTES = 1024 * 1024
/** As in FfmpegRepository: a child stuck in a NAS read answers its caller after this anyway. */
const EXIT_WAIT_MS = 5_000

interface Child {
  pid: number | undefined
  stop(reason: Error): void
  settled: Promise<unknown>
}

/**
 * Runs poppler-utils' `pdfinfo` and `pdftoppm` with a time limit each and an AbortSignal, killing
 * the child (SIGKILL) when either ends it or Marquee closes, as FfmpegRepository does for ffmpeg.
 */
export class PdfRepository {
  private readonly children = new Set<Child>()
  private closed = false

  constructor(private readonly binaries: PopplerBinaries) {}

  /** Page count, page 1's size and the document's text metadata. */
  async info(path: string, timeoutMs: number, signal?: AbortSignal): Promise<PdfFacts> {
    return parsePdfinfo(await this.execute('pdfinfo', pdfinfoArgs(path), timeoutMs, signal))
  }

  /** Page 1 rendered to `<outputPrefix>.png` (long edge PDF_RENDER_LONG_EDGE). */
  async renderFirstPage(
    path: string,
    outputPrefix: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.execute('pdftoppm', pdftoppmArgs(path, outputPrefix), timeoutMs, signal)
  }

  get pids(): number[] {
    return [...this.children].flatMap((child) => (child.pid === undefined ? [] : [child.pid]))
  }

  /** Kills every running child and refuses new ones; resolves when they have exited. */
  async close(): Promise<void> {
    this.closed = true
    const children = [...this.children]
    const reason = new AppError('CANCELLED', 'poppler was stopped because Marquee is closing.')
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
    if (signal?.aborted) return Promise.reject(abortReason(signal, tool))

    return new Promise<string>((resolve, reject) => {
      const proc = spawn(this.binaries[tool], args, {
        stdio: ['ignore', 'pipe', 'pipe'],
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
          new PdfToolError(`${tool} took longer than ${seconds(timeoutMs)} and was stopped`, true),
        )
      }, timeoutMs)
      const onAbort = (): void => stop(abortReason(signal!, tool))
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

      proc.stdout.on('data', (chunk: Buffer) => {
        stdoutBytes += chunk.length
        if (stdoutBytes <= INFO_OUTPUT_BYTES) stdout.push(chunk)
        else if (tool === 'pdfinfo')
          stop(new PdfToolError(`${tool} printed more than ${INFO_OUTPUT_BYTES} bytes`, false))
      })
      proc.stderr.setEncoding('utf8')
      proc.stderr.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS)
      })
      proc.on('error', (error: NodeJS.ErrnoException) => {
        if (proc.pid !== undefined) return
        this.children.delete(child)
        const path = this.binaries[tool]
        settle(
          new AppError(
            'UNAVAILABLE',
            error.code === 'ENOENT'
              ? `${tool} was not found at ${path}. ${POPPLER_INSTALL_HINT}`
              : `${tool} at ${path} could not be started (${error.code ?? error.message}). ${POPPLER_INSTALL_HINT}`,
          ),
        )
      })
      proc.on('close', (code, killedBy) => {
        this.children.delete(child)
        if (stopped) return settle(stopped)
        if (code === 0) return settle(null)
        const why = lastMeaningfulLine(stderr)
        const how = killedBy ? `was ended by ${killedBy}` : `exited with code ${code}`
        settle(new PdfToolError(`${tool} ${how}${why ? `: ${why}` : ''}`, false))
      })
    })
  }
}

function abortReason(signal: AbortSignal, tool: Tool): Error {
  return signal.reason instanceof Error ? signal.reason : new Error(`${tool} was stopped`)
}

/** poppler's last error line, e.g. `Couldn't read xref table`, without its `Syntax Error:` tag. */
function lastMeaningfulLine(stderr: string): string | undefined {
  const lines = stderr
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  const errors = lines.filter((line) => /error/i.test(line))
  return (errors.at(-1) ?? lines.at(-1))
    ?.replace(/^(Syntax |Internal |I\/O )?(Error|Warning)( \(\d+\))?:\s*/i, '')
    .trim()
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
}

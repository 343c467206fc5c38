import { spawn } from 'node:child_process'
import { AppError } from '../errors'

/**
 * SIGKILL ends a child at once, unless it is stuck in a read from an unresponsive NAS: its caller
 * is answered after this long anyway, and the child stays tracked until it exits.
 */
const EXIT_WAIT_MS = 5_000

export interface ToolRun {
  /** The tool's name in messages (ffmpeg, pdfinfo…). */
  tool: string
  /** The program to start. */
  path: string
  args: string[]
  timeoutMs: number
  signal?: AbortSignal | undefined
  /** Keep stdout (up to this many bytes; more stops the child); 0 ignores it. */
  stdoutBytes: number
  /** How much of the end of stderr is kept to say why it failed. */
  stderrTailChars: number
  /** What to install (or which variable to set) when the program cannot be started. */
  installHint: string
  /** The line of stderr that says why it failed, if any. */
  reasonOf(stderr: string): string | undefined
  /** The tool's own error for a failure or a timeout. */
  failure(message: string, timedOut: boolean): Error
}

interface Child {
  pid: number | undefined
  /** Kills the process; its run rejects with `reason`. */
  stop(reason: Error): void
  /** Settles once the process has exited, or EXIT_WAIT_MS after it was killed. */
  settled: Promise<unknown>
}

/**
 * Child processes of one kind of tool, each with a time limit and an AbortSignal, killed
 * (SIGKILL) when either ends it or when `close()` is called; none is left behind.
 */
export class ChildProcesses {
  private readonly children = new Set<Child>()
  private closed = false

  constructor(private readonly name: string) {}

  /** Process ids of the children still running. */
  get pids(): number[] {
    return [...this.children].flatMap((child) => (child.pid === undefined ? [] : [child.pid]))
  }

  /** Kills every running child and refuses new ones; resolves when they have exited. */
  async close(): Promise<void> {
    this.closed = true
    const children = [...this.children]
    const reason = new AppError('CANCELLED', `${this.name} was stopped because Marquee is closing.`)
    for (const child of children) child.stop(reason)
    await Promise.allSettled(children.map((child) => child.settled))
  }

  /** Runs the tool; resolves with its stdout (empty when not kept). */
  run(run: ToolRun): Promise<string> {
    const { tool, signal } = run
    if (this.closed)
      return Promise.reject(
        new AppError('CANCELLED', `${tool} was not started because Marquee is closing.`),
      )
    if (signal?.aborted) return Promise.reject(abortReason(signal, tool))

    return new Promise<string>((resolve, reject) => {
      const proc = spawn(run.path, run.args, {
        stdio: ['ignore', run.stdoutBytes > 0 ? 'pipe' : 'ignore', 'pipe'],
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
          run.failure(`${tool} took longer than ${duration(run.timeoutMs)} and was stopped`, true),
        )
      }, run.timeoutMs)
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

      proc.stdout?.on('data', (chunk: Buffer) => {
        stdoutBytes += chunk.length
        if (stdoutBytes <= run.stdoutBytes) stdout.push(chunk)
        else stop(run.failure(`${tool} printed more than ${run.stdoutBytes} bytes`, false))
      })
      proc.stderr?.setEncoding('utf8')
      proc.stderr?.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-run.stderrTailChars)
      })
      proc.on('error', (error: NodeJS.ErrnoException) => {
        // A failed kill() also lands here; the exit wait answers the caller if it never exits.
        if (proc.pid !== undefined) return
        this.children.delete(child)
        settle(
          new AppError(
            'UNAVAILABLE',
            error.code === 'ENOENT'
              ? `${tool} was not found at ${run.path}. ${run.installHint}`
              : `${tool} at ${run.path} could not be started (${error.code ?? error.message}). ${run.installHint}`,
          ),
        )
      })
      proc.on('close', (code, killedBy) => {
        this.children.delete(child)
        if (stopped) return settle(stopped)
        if (code === 0) return settle(null)
        const why = run.reasonOf(stderr)
        const how = killedBy ? `was ended by ${killedBy}` : `exited with code ${code}`
        settle(run.failure(`${tool} ${how}${why ? `: ${why}` : ''}`, false))
      })
    })
  }
}

/** What an aborted run rejects with: the signal's own reason, as `signal.throwIfAborted()` does. */
function abortReason(signal: AbortSignal, tool: string): Error {
  return signal.reason instanceof Error ? signal.reason : new Error(`${tool} was stopped`)
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
}

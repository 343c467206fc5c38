import type { ProcessGuard } from '../process-handlers'
import type { WorkerSpecs } from '../workers'

/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void
  /** Resolves once stdout has taken what was written (long listings wait on a slow reader). */
  flush?(): Promise<void>
  stderr(text: string): void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Whether stderr is a terminal (progress lines are drawn only then). */
  isTTY: boolean
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM): serve ends, others stop. */
  untilShutdown: Promise<void>
  /** The built renderer, served by `serve`. */
  rendererDir: string
  /** Starts worker threads (built ones in production, TypeScript sources in tests). */
  workers: WorkerSpecs
  /**
   * The process-level handlers cli.ts installed: told where the log file is and whether the
   * command goes on after an error nobody caught (serve) or ends (the others). Tests leave it out.
   */
  guard?: ProcessGuard
}

/** A failure the user caused by how they called the command: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/**
 * 0 success; 1 failure (an error, said on stderr); 2 usage error, or the library is held by
 * another app or serve (for `serve`); 3 done, but some files could not be processed; 130
 * stopped by Ctrl+C or SIGTERM.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, partial: 3, interrupted: 130 } as const

/** What a command resolves: true (exit 0), false (it reported a failure: exit 1), or a code. */
export type CommandOutcome = boolean | (typeof EXIT)[keyof typeof EXIT]

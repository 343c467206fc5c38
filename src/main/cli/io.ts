import type { WorkerSpecs } from '../workers'

/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Whether stderr is a terminal (progress lines are drawn only then). */
  isTTY: boolean
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); used by `serve`. */
  untilShutdown: Promise<void>
  /** The built renderer, served by `serve`. */
  rendererDir: string
  /** Starts worker threads (built ones in production, TypeScript sources in tests). */
  workers: WorkerSpecs
}

/** A failure the user caused by how they called the command: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const

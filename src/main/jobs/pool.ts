import { availableParallelism, totalmem } from 'node:os'
import type { Piscina } from 'piscina'
import type { WorkerSpec } from '../workers'
import type { DecodeDone, HashDone, ImageDone, MediaTask, TaskResult } from './media.worker'

/**
 * The CPU pool: worker threads sized to the machine, leaving the UI a core, and bounded by
 * memory as well as by count, so several huge images cannot exhaust RAM at once.
 */
export class MediaPool {
  private pool: Promise<Piscina> | undefined
  private readonly budget: MemoryBudget

  constructor(
    private readonly spec: WorkerSpec,
    // All cores but one, and at least two: the work runs off the main thread either way, and
    // on a two-core machine a single thread would leave half the machine idle.
    readonly threads = Math.max(2, availableParallelism() - 1),
  ) {
    this.budget = new MemoryBudget(Math.min(2 * 1024 ** 3, totalmem() / 4))
  }

  /** Started on first use: a command that processes nothing never loads the pool. */
  private started(): Promise<Piscina> {
    this.pool ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina({
          filename: this.spec.filename,
          minThreads: 0,
          maxThreads: this.threads,
          idleTimeout: 30_000,
          ...(this.spec.bootstrap ? { workerData: this.spec.bootstrap } : {}),
        }),
    )
    return this.pool
  }

  hash(path: string, signal?: AbortSignal): Promise<TaskResult<HashDone>> {
    return this.run({ kind: 'hash', path }, signal) as Promise<TaskResult<HashDone>>
  }

  /** `estimateBytes`: what decoding may take (from known dimensions), for the memory budget. */
  async image(
    task: Omit<Extract<MediaTask, { kind: 'image' }>, 'kind'>,
    estimateBytes: number,
    signal?: AbortSignal,
  ): Promise<TaskResult<ImageDone>> {
    const release = await this.budget.acquire(estimateBytes)
    try {
      return (await this.run({ kind: 'image', ...task }, signal)) as TaskResult<ImageDone>
    } finally {
      release()
    }
  }

  /**
   * A picture decoded and fitted inside width × height, as raw pixels: for export renditions of
   * what only the worker can decode (HEIF). Admitted by the same memory budget as `image`.
   */
  async decode(
    task: Omit<Extract<MediaTask, { kind: 'decode' }>, 'kind'>,
    estimateBytes: number,
    signal?: AbortSignal,
  ): Promise<TaskResult<DecodeDone>> {
    const release = await this.budget.acquire(estimateBytes)
    try {
      return (await this.run({ kind: 'decode', ...task }, signal)) as TaskResult<DecodeDone>
    } finally {
      release()
    }
  }

  /**
   * One task on the pool. A worker that dies (a decoder that brings its thread down) or answers
   * something that is not a `TaskResult` fails this task alone, with an error that says so.
   */
  private async run(task: MediaTask, signal?: AbortSignal): Promise<unknown> {
    const pool = await this.started()
    let reply: unknown
    try {
      reply = await pool.run(task, signal ? { signal } : {})
    } catch (error) {
      if (signal?.aborted) throw error
      const reason = error instanceof Error ? error.message : String(error)
      throw new Error(`The media worker failed on this file (${reason}).`, { cause: error })
    }
    if (!isTaskResult(reply)) {
      throw new Error(
        `The media worker sent back a reply Marquee cannot read (${describe(reply)}).`,
      )
    }
    return reply
  }

  async close(): Promise<void> {
    if (this.pool) await (await this.pool).destroy()
  }
}

function isTaskResult(reply: unknown): reply is TaskResult<unknown> {
  if (typeof reply !== 'object' || reply === null) return false
  const { ok, value, error } = reply as { ok?: unknown; value?: unknown; error?: unknown }
  if (ok === true) return typeof value === 'object' && value !== null
  return (
    ok === false &&
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

function describe(reply: unknown): string {
  if (reply === null || typeof reply !== 'object') return String(reply)
  return `an object with ${Object.keys(reply).join(', ') || 'no fields'}`
}

/** Admits work while its estimated memory fits the budget (one task always fits alone). */
export class MemoryBudget {
  private used = 0
  private readonly waiting: Array<{ bytes: number; go: () => void }> = []

  constructor(private readonly limit: number) {}

  acquire(bytes: number): Promise<() => void> {
    return new Promise((resolve) => {
      const go = (): void => {
        this.used += bytes
        let released = false
        resolve(() => {
          if (released) return
          released = true
          this.used -= bytes
          this.admit()
        })
      }
      this.waiting.push({ bytes, go })
      this.admit()
    })
  }

  private admit(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!
      if (this.used > 0 && this.used + next.bytes > this.limit) return
      this.waiting.shift()
      next.go()
    }
  }
}

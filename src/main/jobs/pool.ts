import { availableParallelism, totalmem } from 'node:os'
import { Piscina } from 'piscina'
import type { WorkerSpec } from '../workers'
import type { HashDone, ImageDone, MediaTask, TaskResult } from './media.worker'

/**
 * The CPU pool: worker threads sized to the machine, leaving the UI a core, and bounded by
 * memory as well as by count, so several huge images cannot exhaust RAM at once.
 */
export class MediaPool {
  private readonly pool: Piscina
  private readonly budget: MemoryBudget

  constructor(spec: WorkerSpec, threads = Math.max(1, availableParallelism() - 1)) {
    this.pool = new Piscina({
      filename: spec.filename,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 30_000,
      ...(spec.bootstrap ? { workerData: spec.bootstrap } : {}),
    })
    this.budget = new MemoryBudget(Math.min(2 * 1024 ** 3, totalmem() / 4))
  }

  get threads(): number {
    return this.pool.options.maxThreads
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

  private run(task: MediaTask, signal?: AbortSignal): Promise<unknown> {
    return this.pool.run(task, signal ? { signal } : {})
  }

  close(): Promise<void> {
    return this.pool.destroy()
  }
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

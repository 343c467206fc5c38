import type { Worker } from 'node:worker_threads'
import { startWorker, type WorkerSpec } from '../workers'
import type { WalkMessage, WalkWorkerData } from './walk.worker'

export type WalkRequest = Omit<WalkWorkerData, 'flow' | 'claims' | 'reportRoot'>

/**
 * The walker threads of one scan: one from the start, and a helper that may join it to share
 * the root's subfolders (see WalkShare in walk.ts). Both feed the same listener and share one
 * flow-control counter, so together they stay at most MAX_AHEAD folders ahead.
 */
export class Walkers {
  /** Folders sent by the walkers, folders taken by the database side (WalkWorkerData.flow). */
  readonly flow = new Int32Array(new SharedArrayBuffer(8))
  private readonly claims = new SharedArrayBuffer(4)
  private readonly workers: Worker[] = []

  constructor(
    private readonly spec: WorkerSpec,
    private readonly request: WalkRequest,
  ) {
    this.start(true)
  }

  /** Another thread takes root subfolders the first has not reached yet. */
  addHelper(): void {
    this.start(false)
  }

  /**
   * Hands every walker's messages to `message`, with one 'done' once all are done; `failed`
   * hears of a thread that errs or ends before it said 'done'. Call it in the same turn as
   * the walkers were started: a message that arrives before anyone listens is lost.
   */
  listen(message: (m: WalkMessage) => void, failed: (error: Error) => void): void {
    let running = this.workers.length
    for (const worker of this.workers) {
      let done = false
      worker.on('message', (m: WalkMessage) => {
        if (m.type !== 'done') return message(m)
        done = true
        if (--running === 0) message(m)
      })
      worker.on('error', failed)
      worker.on('exit', () => {
        if (!done) failed(new Error('The walker stopped unexpectedly.'))
      })
    }
  }

  stop(): void {
    for (const worker of this.workers) {
      worker.removeAllListeners()
      void worker.terminate()
    }
  }

  private start(reportRoot: boolean): void {
    const data: WalkWorkerData = {
      ...this.request,
      flow: this.flow.buffer as SharedArrayBuffer,
      claims: this.claims,
      reportRoot,
    }
    this.workers.push(startWorker(this.spec, data))
  }
}

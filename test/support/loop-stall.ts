import { readFileSync } from 'node:fs'

/**
 * Milliseconds the main thread has spent waiting for a CPU so far (Linux schedstat: on-CPU ns,
 * run-queue wait ns, time slices), or null where the kernel does not say.
 */
function runQueueWaitMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')
    const waited = Number(fields[1])
    return Number.isFinite(waited) ? waited / 1e6 : null
  } catch {
    return null
  }
}

export interface LoopStallProbe {
  /** The longest stall of the event loop that was its own doing, in ms. */
  worst(): number
  /** The timer's worst lateness, waiting for a CPU included (for failure messages). */
  worstLateness(): number
  /** Whether stalls are told apart from waiting for a CPU here (false: plain lateness). */
  readonly netOfLoad: boolean
  stop(): void
}

/**
 * Watches the event loop for stalls the process causes itself: a timer that should fire every
 * `everyMs` and is late because the thread ran something long, or sat in a blocking call (a
 * synchronous read of a hung share). Time the thread spent ready but waiting for a CPU — what a
 * loaded machine adds, however well the app behaves — is taken off each lateness, so the bound
 * a test puts on it holds at any load. Without schedstat it is plain lateness.
 */
export function watchLoopStalls(everyMs = 20): LoopStallProbe {
  const netOfLoad = runQueueWaitMs() !== null
  let worst = 0
  let worstLateness = 0
  let expected = Date.now() + everyMs
  let waited = runQueueWaitMs() ?? 0
  const timer = setInterval(() => {
    const now = Date.now()
    const waitedNow = runQueueWaitMs() ?? 0
    worst = Math.max(worst, now - expected - (waitedNow - waited))
    worstLateness = Math.max(worstLateness, now - expected)
    expected = now + everyMs
    waited = waitedNow
  }, everyMs)
  return {
    worst: () => worst,
    worstLateness: () => worstLateness,
    netOfLoad,
    stop: () => clearInterval(timer),
  }
}

import { progressThrottle } from './progress-throttle'

/**
 * A throttled progress sender that does not leave the last word to a dropped report: when a
 * report is held back, it is sent once the interval has passed unless a newer one was sent
 * first. Without it, "preparing intro.mp4" dropped 100 ms after "preparing welcome.png" would
 * leave the dialog naming welcome.png for the whole minute intro.mp4 takes to transcode.
 * `stop()` drops what is held, so nothing stale follows the final report.
 */
export function trailingThrottle<P extends { phase: string; bytes: number; totalBytes: number }>(
  intervalMs: number,
  now: () => number,
  send: (p: P) => void,
): { report: (p: P) => void; stop: () => void } {
  const pass = progressThrottle(intervalMs, now)
  let held: P | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = (): void => {
    timer = undefined
    const p = held
    held = null
    if (p) send(p)
  }
  return {
    report(p) {
      if (pass(p)) {
        held = null
        send(p)
        return
      }
      held = p
      timer ??= setTimeout(flush, intervalMs)
    },
    stop() {
      clearTimeout(timer)
      timer = undefined
      held = null
    },
  }
}

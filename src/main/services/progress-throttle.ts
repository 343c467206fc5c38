/**
 * Lets through at most one progress report per interval for the same phase, so a fast copy
 * (a tick per 64 KiB chunk) does not flood the renderer with thousands of events a second.
 * A new phase, and the report that completes a phase (bytes reach the total), always pass:
 * the user sees every step begin and end.
 */
export function progressThrottle(
  intervalMs: number,
  now: () => number,
): (p: { phase: string; bytes: number; totalBytes: number }) => boolean {
  let lastPhase: string | null = null
  let lastAt = -Infinity
  return (p) => {
    const t = now()
    const finished = p.totalBytes > 0 && p.bytes >= p.totalBytes
    if (p.phase !== lastPhase || finished || t - lastAt >= intervalMs) {
      lastPhase = p.phase
      lastAt = t
      return true
    }
    return false
  }
}

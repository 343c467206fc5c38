import type { CliIo } from './io'

/**
 * A single self-rewriting status line on stderr, drawn only when stderr is a terminal, so
 * pipes, logs and `--json` consumers never see it.
 */
export function progressLine(io: CliIo, json: boolean) {
  const active = io.isTTY && !json
  let last = 0
  let shown = false
  return {
    /** Whether anything is drawn: callers skip building the text otherwise (ICU's number
     * formatting costs a CLI tens of milliseconds on its first use). */
    active,
    update(text: string, force = false): void {
      if (!active) return
      const now = Date.now()
      if (!force && now - last < 100) return
      last = now
      shown = true
      io.stderr(`\r\x1b[2K${text}`)
    },
    clear(): void {
      if (active && shown) io.stderr('\r\x1b[2K')
      shown = false
    },
  }
}

export const formatCount = (n: number): string => n.toLocaleString('en-US')

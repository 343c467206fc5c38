/** Numbers, sizes and times in the words and separators of the user's locale. */

const integer = new Intl.NumberFormat()
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

export function formatCount(n: number): string {
  return integer.format(n)
}

/** "1 file", "12,345 files". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${integer.format(n)} ${n === 1 ? one : many}`
}

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return plural(bytes, 'byte')
  let value = bytes / 1000
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return `${decimal.format(value)} ${UNITS[unit]}`
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${integer.format(Math.max(ms, 0))} ms`
  if (ms < 60_000) return `${decimal.format(ms / 1000)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${integer.format(minutes)} min ${Math.round((ms % 60_000) / 1000)} s`
}

export function formatDateTime(epochMs: number): string {
  return dateTime.format(epochMs)
}

export function formatTime(epochMs: number): string {
  return time.format(epochMs)
}

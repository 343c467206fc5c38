/** What imports are doing, in words, for the status bar. Pure functions of the contract's types. */
import type { ImportProgress } from '../../../shared/contract'
import { formatBytes, formatDuration, plural } from './format'

/** "Importing 3 of 12 files — 40 MB of 120 MB · 25 MB/s · 5 s left"; null when none runs. */
export function importsText(imports: readonly ImportProgress[]): string | null {
  if (imports.length === 0) return null
  const sum = (pick: (p: ImportProgress) => number): number =>
    imports.reduce((n, p) => n + pick(p), 0)
  const files = sum((p) => p.files)
  const totalFiles = sum((p) => p.totalFiles)
  if (imports.every((p) => p.phase === 'checking'))
    return `Checking ${plural(totalFiles, 'dropped file')}…`
  const parts = [`${formatBytes(sum((p) => p.bytes))} of ${formatBytes(sum((p) => p.totalBytes))}`]
  const rate = sum((p) => p.rate)
  if (rate > 0) parts.push(`${formatBytes(rate)}/s`)
  const eta = Math.max(...imports.map((p) => p.etaMs ?? 0))
  if (eta > 0) parts.push(`${formatDuration(eta)} left`)
  return `Importing ${files} of ${plural(totalFiles, 'file')} — ${parts.join(' · ')}`
}

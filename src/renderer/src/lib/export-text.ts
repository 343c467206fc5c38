/** What an export is doing, in words, for the dialog and the status bar. Pure functions. */
import type { ExportProgress } from '../../../shared/contract'
import { formatBytes, formatDuration, plural } from './format'

export const PHASE_TEXT = {
  preparing: 'Preparing media for the player',
  copying: 'Copying',
  verifying: 'Verifying what was written',
  writing: 'Writing the manifest',
  done: 'Done',
  failed: 'Failed',
} as const

/** "12 MB of 40 MB · 8 MB/s · 3 s left", or the files when bytes are not known yet. */
export function exportAmounts(p: ExportProgress): string {
  const parts = [`${p.files} of ${plural(p.totalFiles, 'file')}`]
  if (p.totalBytes > 0) parts.push(`${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)}`)
  if (p.rate > 0 && p.phase !== 'preparing') parts.push(`${formatBytes(p.rate)}/s`)
  if (p.etaMs) parts.push(`about ${formatDuration(p.etaMs)} left`)
  return parts.join(' · ')
}

/** 0–100: bytes when they are known, else files. */
export function exportPercent(p: ExportProgress | null): number {
  if (!p) return 0
  if (p.totalBytes > 0) return Math.round((p.bytes / p.totalBytes) * 100)
  return p.totalFiles > 0 ? Math.round((p.files / p.totalFiles) * 100) : 0
}

/** "Exporting Lobby — copying 45 % · 8 MB/s · about 3 s left"; null when none runs. */
export function exportsText(
  running: ReadonlyArray<{ label: string; progress: ExportProgress | null }>,
): string | null {
  if (running.length === 0) return null
  const [first] = running
  const p = first!.progress
  const what = running.length > 1 ? `${first!.label} and ${running.length - 1} more` : first!.label
  if (!p) return `Exporting ${what} — starting…`
  const parts = [`${PHASE_TEXT[p.phase].toLowerCase()} ${exportPercent(p)} %`]
  if (p.rate > 0 && p.phase === 'copying') parts.push(`${formatBytes(p.rate)}/s`)
  if (p.etaMs) parts.push(`about ${formatDuration(p.etaMs)} left`)
  return `Exporting ${what} — ${parts.join(' · ')}`
}

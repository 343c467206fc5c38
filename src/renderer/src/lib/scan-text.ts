/** What scans are doing and what they found, in words. Pure functions of the contract's types. */
import type { ScanCounts, ScanProgress, ScanResult } from '../../../shared/domain'
import { formatCount, formatDuration, plural } from './format'

/** A running scan in a sentence, for the folder's own row and page. */
export function progressText(progress: ScanProgress): string {
  switch (progress.phase) {
    case 'checking':
      return 'Checking that the folder is there…'
    case 'reconciling':
      return `Comparing ${plural(progress.seen, 'file')} with the index…`
    default:
      return countsText(progress.seen, progress.rate, ' found so far')
  }
}

function countsText(seen: number, rate: number, suffix = ''): string {
  const files = plural(seen, 'file') + suffix
  return rate > 0 ? `${files} · ${formatCount(rate)}/s` : files
}

export interface LabelledProgress {
  label: string
  progress: ScanProgress
}

/** The status bar's line: "Scanning Lobby — 12,345 files · 4,100/s", "Scanning 2 folders — …". */
export function scansText(scans: readonly LabelledProgress[]): string | null {
  const [first, ...others] = scans
  if (!first) return null
  if (others.length === 0) {
    if (first.progress.phase === 'checking') return `Checking ${first.label}…`
    return `Scanning ${first.label} — ${countsText(first.progress.seen, first.progress.rate)}`
  }
  const seen = scans.reduce((sum, s) => sum + s.progress.seen, 0)
  const rate = scans.reduce((sum, s) => sum + s.progress.rate, 0)
  return `Scanning ${plural(scans.length, 'folder')} — ${countsText(seen, rate)}`
}

/** For screen readers: which folders are being scanned, without the numbers that tick. */
export function scansAnnouncement(scans: readonly LabelledProgress[]): string {
  if (scans.length === 0) return ''
  if (scans.length === 1) return `Scanning ${scans[0]!.label}`
  return `Scanning ${plural(scans.length, 'folder')}`
}

const CHANGES: readonly [keyof ScanCounts, string][] = [
  ['added', 'added'],
  ['changed', 'changed'],
  ['moved', 'moved'],
  ['restored', 'found again'],
  ['missing', 'missing'],
]

/** "No changes" or "3 added, 1 moved, 2 missing". */
export function changesText(counts: ScanCounts): string {
  const parts = CHANGES.filter(([key]) => counts[key] > 0).map(
    ([key, word]) => `${formatCount(counts[key])} ${word}`,
  )
  return parts.length ? parts.join(', ') : 'No changes'
}

/** "4,000 files checked in 1.2 s". */
export function resultDetail(result: ScanResult): string {
  return `${plural(result.seen, 'file')} checked in ${formatDuration(result.durationMs)}`
}

/** Whether the core refused to mark files missing until the user confirms the folder is empty. */
export function needsEmptyConfirmation(reason: string | null): boolean {
  return reason !== null && reason.toLowerCase().includes('confirm empty')
}

import type { Root } from '../../../shared/domain'
import type { ScanActivity, ScanOutcome } from '../components/ScanFeedback'
import { changesText, progressText, resultDetail } from '../lib/scan-text'
import type { Rescan } from '../stores/rescans.store'
import { useStore } from '../stores'

function outcomeOf(rescan: Rescan | undefined, root: Root): ScanOutcome | null {
  if (!rescan || rescan.state === 'running') return null
  if (rescan.state === 'failed') {
    return { tone: 'error', text: rescan.message, detail: null, at: rescan.at }
  }
  const { result } = rescan
  if (result.status === 'completed') {
    return { tone: 'ok', text: changesText(result), detail: resultDetail(result), at: rescan.at }
  }
  // The reason is already on screen as the root's status reason: do not say it twice.
  let text = result.reason ?? 'The scan stopped early. Nothing was changed.'
  if (result.reason === root.statusReason) {
    text = rescan.wasOffline
      ? 'Checked again: still offline. Nothing was changed.'
      : 'The folder could not be scanned. Nothing was changed.'
  }
  return { tone: 'warning', text, detail: null, at: rescan.at }
}

/** A root's scan, running or done, for the components that show it. */
export function useScanActivity(): {
  of: (root: Root) => ScanActivity
  /** The outcome for screen readers, once, when it arrives. */
  announcementOf: (root: Root) => string
} {
  const { scans, rescans } = useStore()
  const of = (root: Root): ScanActivity => {
    const rescan = rescans.of(root.id)
    const progress = scans.progressOf(root.id)
    return {
      running: rescan?.state === 'running' || progress !== null,
      progress: progress ? progressText(progress) : null,
      outcome: outcomeOf(rescan, root),
    }
  }
  return {
    of,
    announcementOf: (root) => {
      const outcome = outcomeOf(rescans.of(root.id), root)
      return outcome ? `${root.label}: ${outcome.text}` : ''
    },
  }
}

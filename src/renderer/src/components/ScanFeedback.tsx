import { Match, Show, Switch } from 'solid-js'
import { formatTime } from '../lib/format'
import { IconCheck, IconClose, IconWarning } from './icons'

export interface ScanOutcome {
  tone: 'ok' | 'warning' | 'error'
  text: string
  /** "4,000 files checked in 1.2 s". */
  detail: string | null
  at: number
}

/** A root's scan as the UI tells it. */
export interface ScanActivity {
  /** A scan of the root is running, asked for or not. */
  running: boolean
  /** Live numbers while running. */
  progress: string | null
  /** What the last scan the user asked for found, until dismissed. */
  outcome: ScanOutcome | null
}

export function hasFeedback(activity: ScanActivity): boolean {
  return activity.running || activity.outcome !== null
}

/**
 * One line: the running scan's numbers, or what the last scan found. It is not a live region
 * (its numbers tick five times a second); pair it with an Announcer for the outcome.
 */
export function ScanFeedback(props: { activity: ScanActivity; onDismiss: () => void }) {
  return (
    <Switch>
      <Match when={props.activity.running}>
        <p class="scan-feedback" data-tone="running" data-testid="scan-feedback">
          <span class="status-dot" data-status="scanning" aria-hidden="true" />
          <span class="scan-feedback__text">{props.activity.progress ?? 'Starting the scan…'}</span>
        </p>
      </Match>
      <Match when={props.activity.outcome}>
        {(outcome) => (
          <p class="scan-feedback" data-tone={outcome().tone} data-testid="scan-feedback">
            <Show when={outcome().tone === 'ok'} fallback={<IconWarning />}>
              <IconCheck />
            </Show>
            <span class="scan-feedback__text">
              {outcome().text}
              <Show when={outcome().detail}>
                {(detail) => <span class="scan-feedback__detail"> · {detail()}</span>}
              </Show>
              <span class="scan-feedback__detail"> · {formatTime(outcome().at)}</span>
            </span>
            <button
              type="button"
              class="icon-button"
              aria-label="Dismiss scan result"
              onClick={() => props.onDismiss()}
            >
              <IconClose />
            </button>
          </p>
        )}
      </Match>
    </Switch>
  )
}

/** Says `text` to screen readers when it changes; always rendered, so the change is heard. */
export function Announcer(props: { text: string }) {
  return (
    <span class="visually-hidden" role="status" aria-live="polite">
      {props.text}
    </span>
  )
}

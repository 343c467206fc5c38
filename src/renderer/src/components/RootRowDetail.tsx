import { Show } from 'solid-js'
import type { Root } from '../../../shared/domain'
import { IconWarning } from './icons'
import { RescanButton } from './RescanButton'
import { ScanFeedback, type ScanActivity } from './ScanFeedback'

export interface RootRowDetailProps {
  root: Root
  href: string
  /** Why the folder is offline; null when it is not. */
  reason: string | null
  activity: ScanActivity
  needsConfirm: boolean
  onRescan: () => void
  onDismissOutcome: () => void
}

/** The second line of a library row: why the folder is offline, and its scan. */
export function RootRowDetail(props: RootRowDetailProps) {
  return (
    <tr class="root-row__detail" data-root-id={props.root.id}>
      <td colSpan={6}>
        <Show when={props.reason}>
          {(text) => (
            <p class="row-reason">
              <IconWarning class="icon row-reason__icon" />
              <span class="row-reason__text">{text()}</span>
              <span class="row-reason__actions">
                <RescanButton
                  label={props.root.label}
                  running={props.activity.running}
                  offline
                  small
                  onRescan={() => props.onRescan()}
                />
                <Show when={props.needsConfirm}>
                  <a
                    class="button button--small"
                    href={props.href}
                    aria-label={`Review ${props.root.label}`}
                  >
                    Review…
                  </a>
                </Show>
              </span>
            </p>
          )}
        </Show>
        <ScanFeedback activity={props.activity} onDismiss={() => props.onDismissOutcome()} />
      </td>
    </tr>
  )
}

import { Show } from 'solid-js'
import { IconRefresh } from './icons'

export interface RescanButtonProps {
  /** Whose folder, for the accessible name. */
  label: string
  running: boolean
  /** An offline folder is "checked again" rather than rescanned. */
  offline: boolean
  small?: boolean
  /** Quiet in a table row, where it only stands out on the row in use. */
  quiet?: boolean
  /** Just the icon (its words are its tooltip and accessible name). */
  iconOnly?: boolean
  onRescan: () => void
}

/**
 * Rescan / Check again. While a scan runs it stays focusable (aria-disabled, not disabled), so
 * keyboard focus is not thrown to the page when it is pressed.
 */
export function RescanButton(props: RescanButtonProps) {
  const text = () => (props.running ? 'Scanning…' : props.offline ? 'Check again' : 'Rescan')
  return (
    <button
      type="button"
      class="button rescan-button"
      classList={{
        'button--small': props.small,
        'button--quiet': props.quiet && !props.offline && !props.running,
        'button--icon': props.iconOnly,
      }}
      title={props.iconOnly ? text() : undefined}
      data-running={props.running}
      aria-disabled={props.running}
      aria-label={props.running ? `Scanning ${props.label}` : `${text()} ${props.label}`}
      onClick={() => {
        if (!props.running) props.onRescan()
      }}
    >
      <IconRefresh class="icon rescan-button__icon" />
      <Show when={!props.iconOnly}>{text()}</Show>
    </button>
  )
}

import { children, Show, type JSX } from 'solid-js'
import { IconClose, IconInfo, IconWarning } from './icons'

export interface BannerProps {
  tone: 'info' | 'warning' | 'error'
  children: JSX.Element
  action?: JSX.Element
  onDismiss?: () => void
  testId?: string
}

/** A one-line message across the content; errors are announced as alerts. */
export function Banner(props: BannerProps) {
  const action = children(() => props.action)
  return (
    <div
      class="banner"
      data-tone={props.tone}
      data-testid={props.testId}
      role={props.tone === 'error' ? 'alert' : 'status'}
    >
      <Show when={props.tone === 'info'} fallback={<IconWarning class="icon banner__icon" />}>
        <IconInfo class="icon banner__icon" />
      </Show>
      <div class="banner__text">{props.children}</div>
      <Show when={action()}>{action()}</Show>
      <Show when={props.onDismiss}>
        {(dismiss) => (
          <button
            type="button"
            class="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss()()}
          >
            <IconClose />
          </button>
        )}
      </Show>
    </div>
  )
}

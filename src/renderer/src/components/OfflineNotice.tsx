import type { JSX } from 'solid-js'
import { IconWarning } from './icons'

export interface OfflineNoticeProps {
  /** What happened, in the core's words (they say what the user can do). */
  reason: string
  /** The way to check again. */
  action: JSX.Element
  children?: JSX.Element
}

/** Why a folder is offline, said prominently, with what can be done about it. */
export function OfflineNotice(props: OfflineNoticeProps) {
  return (
    <section class="offline-notice" aria-labelledby="offline-title" data-testid="offline-notice">
      <IconWarning class="icon offline-notice__icon" />
      <div class="offline-notice__body">
        <div class="offline-notice__head">
          <h2 class="offline-notice__title" id="offline-title">
            This folder is offline
          </h2>
          {props.action}
        </div>
        <p class="offline-notice__reason">{props.reason}</p>
        {props.children}
      </div>
    </section>
  )
}

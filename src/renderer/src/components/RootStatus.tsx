import type { Root, RootStatus as Status } from '../../../shared/domain'

const TEXT: Record<Status, string> = { online: 'Online', offline: 'Offline', scanning: 'Scanning' }

export function statusText(status: Status): string {
  return TEXT[status]
}

/** Why a root is in its state, for a tooltip. */
export function statusTitle(root: Pick<Root, 'status' | 'statusReason'>): string {
  if (root.status === 'offline') return root.statusReason ?? 'This folder cannot be reached.'
  if (root.status === 'scanning') return 'Marquee is reading this folder.'
  return 'Reachable'
}

/** A coloured dot and the status in words; the dot alone never carries the meaning. */
export function RootStatus(props: {
  root: Pick<Root, 'status' | 'statusReason'>
  compact?: boolean
}) {
  return (
    <span
      class="root-status"
      classList={{ 'root-status--compact': props.compact }}
      data-status={props.root.status}
      title={statusTitle(props.root)}
    >
      <span class="status-dot" data-status={props.root.status} aria-hidden="true" />
      <span class="root-status__text">{statusText(props.root.status)}</span>
    </span>
  )
}

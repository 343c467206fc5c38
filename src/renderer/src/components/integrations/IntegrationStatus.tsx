import type { Integration, IntegrationStatus as Status } from '../../../../shared/integrations'

const TEXT: Record<Status, string> = {
  'needs-auth': 'Not connected',
  connected: 'Connected',
  'needs-reauth': 'Needs reconnecting',
  'rate-limited': 'Rate limited',
  error: 'Error',
  paused: 'Paused',
}

/** The dot's colour family for each status (the words carry the meaning). */
const TONE: Record<Status, string> = {
  'needs-auth': 'idle',
  connected: 'online',
  'needs-reauth': 'offline',
  'rate-limited': 'offline',
  error: 'error',
  paused: 'idle',
}

export function integrationStatusText(status: Status): string {
  return TEXT[status]
}

export function IntegrationStatus(props: { integration: Pick<Integration, 'status' | 'error'> }) {
  return (
    <span
      class="integration-status"
      data-status={props.integration.status}
      data-tone={TONE[props.integration.status]}
      title={props.integration.error ?? TEXT[props.integration.status]}
      data-testid="integration-status"
    >
      <span class="integration-status__dot" aria-hidden="true" />
      <span>{TEXT[props.integration.status]}</span>
    </span>
  )
}

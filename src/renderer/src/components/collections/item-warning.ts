import type { CollectionItem, ItemIntegration } from '../../../../shared/domain'

/** Why an item will not play or export as it is, in words; null when nothing is wrong. */
export function itemWarning(item: CollectionItem): string | null {
  if (item.kind === 'url') return null
  if (item.kind === 'integration') return integrationWarning(item.integration!)
  if (item.status === 'missing') return 'Missing: the file is no longer in its folder'
  if (item.status === 'failed') return `Failed: ${item.error ?? 'it could not be processed'}`
  if (item.offline) return 'Offline: its library folder cannot be reached'
  if (item.status !== 'ready') return 'Not processed yet'
  return null
}

/** An integration item plays its latest data; what would make that data wrong or missing. */
function integrationWarning(integration: ItemIntegration): string | null {
  if (integration.status === 'needs-auth') return 'Not connected: connect it under Integrations'
  if (integration.status === 'needs-reauth')
    return 'Needs re-authorisation: reconnect it under Integrations'
  if (!integration.hasData) return 'No data yet: it has not fetched anything'
  if (integration.staleSince !== null)
    return `Stale since ${new Date(integration.staleSince).toLocaleString()}: the last fetch failed`
  if (integration.status === 'paused') return 'Paused: its data is not updated'
  return null
}

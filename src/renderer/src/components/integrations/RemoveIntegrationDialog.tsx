import type { Integration } from '../../../../shared/integrations'
import { call } from '../../lib/api'
import { Dialog } from '../gallery/Dialog'
import { ImpactNotice } from '../ImpactNotice'

/**
 * Says what goes with an integration before it goes: its sign-in and data, and its live items
 * in the playlists that hold them (listed, as before a folder or a collection goes).
 */
export function RemoveIntegrationDialog(props: {
  integration: Integration
  onConfirm: () => void
  onClose: () => void
}) {
  const i = () => props.integration
  return (
    <Dialog title={`Remove “${i().name}”?`} testId="remove-integration" onClose={props.onClose}>
      <p>
        Its sign-in and data are forgotten. Bundles already exported keep what they showed; its
        cached media expire like any unused item.
      </p>
      <ImpactNotice
        node={`integration:${i().id}`}
        what="This integration"
        load={() => call('integrations.impact', { id: i().id })}
      />
      <div class="dialog__actions">
        <button type="button" class="button" onClick={() => props.onClose()}>
          Cancel
        </button>
        <button type="button" class="button button--danger" onClick={() => props.onConfirm()}>
          Remove integration
        </button>
      </div>
    </Dialog>
  )
}

import type { Collection } from '../../../../shared/domain'
import { formatDuration, plural } from '../../lib/format'
import { Dialog } from '../gallery/Dialog'
import { ImpactNotice } from '../ImpactNotice'

/** Says what a collection holds before it goes; the media themselves stay in the library. */
export function DeleteCollectionDialog(props: {
  collection: Collection
  onConfirm: () => void
  onClose: () => void
}) {
  const c = () => props.collection
  return (
    <Dialog
      title={`Delete ${c().kind} “${c().name}”?`}
      testId="delete-collection"
      onClose={props.onClose}
    >
      <p>
        It holds {plural(c().itemCount, 'item')}
        {c().kind === 'playlist' ? ` (${formatDuration(c().durationMs)} running time)` : ''}. The
        media stay in the library and in bundles already exported; only the {c().kind} goes.
      </p>
      <ImpactNotice node={`collection:${c().id}`} what={`This ${c().kind}`} />
      <div class="dialog__actions">
        <button type="button" class="button" onClick={() => props.onClose()}>
          Cancel
        </button>
        <button type="button" class="button button--danger" onClick={() => props.onConfirm()}>
          Delete {c().kind}
        </button>
      </div>
    </Dialog>
  )
}

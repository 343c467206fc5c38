import type { JSX } from 'solid-js'
import type { ImportTarget } from '../../../../shared/contract'
import { createImportStore } from '../../stores/import.store'
import type { DropBlocked } from './drop-blocked'
import { DropPanel } from './DropPanel'
import { DropZone } from './DropZone'
import './import.css'

export interface ImportDropTargetProps {
  /** Where drops land now: a root's inbox, or a folder of a root; null when nothing can. */
  into: ImportTarget | null
  /** That place in words, for the drop overlay. */
  targetLabel: string
  /** Why no drop can be taken now; null when `into` can take one. */
  blocked: DropBlocked | null
  /** "Show in gallery" for a finished drop (the asset ids it imported). */
  onShowInGallery?: (assetIds: number[]) => void
  children: JSX.Element
}

/**
 * Drag-and-drop ingestion in one piece, to wrap a view (the gallery): the drop zone over its
 * children and the panel with every drop's progress and summary. In the app dropped files go to
 * the core as paths; in a browser they are uploaded (tus).
 */
export function ImportDropTarget(props: ImportDropTargetProps) {
  const store = createImportStore()
  return (
    <div class="import-target">
      <DropZone
        targetLabel={props.targetLabel}
        blocked={props.blocked}
        onDrop={(transfer) => {
          if (props.into) void store.drop(transfer, props.into)
        }}
        onBlockedDrop={(blocked) =>
          store.refuse(`Nothing was imported: ${blocked.reason} ${blocked.advice}`)
        }
      >
        {props.children}
      </DropZone>
      <DropPanel
        drops={store.drops()}
        onDuplicate={store.onDuplicate()}
        onDuplicateChange={store.setOnDuplicate}
        refusal={store.refusal()}
        onDismissRefusal={store.dismissRefusal}
        onCancel={(importId, fileId) => void store.cancel(importId, fileId)}
        onDismiss={store.dismiss}
        onShowInGallery={
          props.onShowInGallery
            ? (importId) => props.onShowInGallery!(store.importedIds(importId))
            : undefined
        }
        onShowAssets={props.onShowInGallery}
        checks={store.checks()}
        onCancelCheck={store.cancelCheck}
      />
    </div>
  )
}

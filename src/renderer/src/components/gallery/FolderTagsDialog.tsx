import { createResource, Show } from 'solid-js'
import { call } from '../../lib/api'
import { createFolderTags } from '../../stores/folder-tags.store'
import { TagEditor } from '../inspector/TagEditor'
import { Dialog } from './Dialog'

/**
 * Folder tags (issue 12, tag propagation down `contains`): tags a folder hands down to every
 * file in it and below, files that arrive later included. A rule, not a batch edit: removing
 * one takes back only what the folder handed down; tags set on a file by hand stay.
 */
export function FolderTagsDialog(props: {
  rootId: number
  /** Relative to the root; '' for the whole library folder. */
  folder: string
  /** What the gallery header calls it (the folder's or the library folder's name). */
  name: string
  onClose: () => void
}) {
  const store = createFolderTags(
    () => props.rootId,
    () => props.folder,
  )
  const [suggestions] = createResource(() => call('tags.list').catch(() => []))
  return (
    <Dialog title={`Folder tags: ${props.name}`} testId="folder-tags" onClose={props.onClose}>
      <div class="dialog__body">
        <p>
          Every file in {props.folder ? `${props.name} and its subfolders` : props.name} carries
          these tags, files added or moved in later too. Removing one here takes back only what the
          folder handed down; tags set on a file by hand stay.
        </p>
        <Show when={store.loadError()}>
          {(message) => <p class="folder-tags__error">{message()}</p>}
        </Show>
        <TagEditor
          tags={store.tags().map((name, i) => ({ id: -1 - i, name }))}
          suggestions={suggestions() ?? []}
          onAdd={(name) => void store.add(name)}
          onRemove={(name) => void store.remove(name)}
        />
        <p class="folder-tags__note" role="status" data-testid="folder-tags-note">
          {store.error() ?? store.note() ?? ''}
        </p>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  )
}

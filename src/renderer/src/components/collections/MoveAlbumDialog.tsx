import { createSignal, For } from 'solid-js'
import type { Collection } from '../../../../shared/domain'
import { selfAndInside, treeOrder } from '../../lib/album-tree'
import { Dialog } from '../gallery/Dialog'

const TOP = ''

/** "Move to…": another album to hold this one, or the top level; never itself or its own. */
export function MoveAlbumDialog(props: {
  album: Collection
  albums: readonly Collection[]
  onMove: (parent: string | null) => void
  onClose: () => void
}) {
  const parentName = () => props.albums.find((a) => a.id === props.album.parentId)?.name ?? TOP
  const [choice, setChoice] = createSignal(parentName())
  const targets = () => {
    const excluded = selfAndInside(props.albums, props.album.id)
    return treeOrder(props.albums).filter((r) => !excluded.has(r.collection.id))
  }
  return (
    <Dialog
      title={`Move “${props.album.name}” to…`}
      testId="move-album-dialog"
      onClose={props.onClose}
    >
      <form
        class="dialog__body"
        onSubmit={(e) => {
          e.preventDefault()
          props.onMove(choice() === TOP ? null : choice())
        }}
      >
        <label class="field">
          <span class="field__label">Inside</span>
          <select class="input" value={choice()} onChange={(e) => setChoice(e.currentTarget.value)}>
            <option value={TOP}>Top level (no parent album)</option>
            <For each={targets()}>
              {(row) => (
                <option value={row.collection.name}>
                  {`${'\u00a0\u00a0'.repeat(row.depth)}${row.collection.name}`}
                </option>
              )}
            </For>
          </select>
        </label>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={choice() === parentName()}>
            Move
          </button>
        </div>
      </form>
    </Dialog>
  )
}

import { createResource, createSignal, For } from 'solid-js'
import type { Collection, CollectionKind } from '../../../../shared/domain'
import { plural } from '../../lib/format'
import { Dialog } from './Dialog'

/** Adds the selection to an album or a playlist, existing or new (named here). */
export function CollectDialog(props: {
  count: number
  busy: boolean
  list: (kind: CollectionKind) => Promise<Collection[]>
  onAdd: (kind: CollectionKind, name: string, create: boolean) => void
  onClose: () => void
}) {
  const [kind, setKind] = createSignal<CollectionKind>('album')
  const [name, setName] = createSignal('')
  // The list function is the store's, fixed for the dialog's life.
  // eslint-disable-next-line solid/reactivity
  const [existing] = createResource(kind, (k) => props.list(k).catch(() => []))
  const trimmed = () => name().trim()
  const isNew = () => !(existing() ?? []).some((c) => c.name === trimmed())

  return (
    <Dialog
      title={`Add ${plural(props.count, 'asset')} to…`}
      testId="collect-dialog"
      onClose={props.onClose}
    >
      <form
        class="dialog__body"
        onSubmit={(e) => {
          e.preventDefault()
          if (trimmed()) props.onAdd(kind(), trimmed(), isNew())
        }}
      >
        <div class="segmented" role="radiogroup" aria-label="Kind">
          <For each={['album', 'playlist'] as const}>
            {(k) => (
              <button
                type="button"
                role="radio"
                class="segmented__button"
                aria-checked={kind() === k}
                onClick={() => setKind(k)}
              >
                {k === 'album' ? 'Album' : 'Playlist'}
              </button>
            )}
          </For>
        </div>
        <label class="field">
          <span class="field__label">Name</span>
          <input
            class="input"
            list="gallery-collection-names"
            autocomplete="off"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <datalist id="gallery-collection-names">
            <For each={existing() ?? []}>{(c) => <option value={c.name} />}</For>
          </datalist>
        </label>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={!trimmed() || props.busy}>
            {isNew() && trimmed() ? `Create ${kind()} and add` : 'Add'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

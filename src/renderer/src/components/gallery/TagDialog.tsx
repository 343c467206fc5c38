import { createSignal, For, Show } from 'solid-js'
import type { Tag } from '../../../../shared/domain'
import { formatCount, plural } from '../../lib/format'
import { Dialog } from './Dialog'

/** Tags or untags the selection: an existing tag from the list, or a new one by name. */
export function TagDialog(props: {
  count: number
  tags: readonly Tag[]
  busy: boolean
  onApply: (add: string[], remove: string[]) => void
  onClose: () => void
}) {
  const [name, setName] = createSignal('')
  const trimmed = () => name().trim()
  const exists = () => props.tags.some((t) => t.name.toLowerCase() === trimmed().toLowerCase())

  return (
    <Dialog
      title={`Tag ${plural(props.count, 'asset')}`}
      testId="tag-dialog"
      onClose={props.onClose}
    >
      <form
        class="dialog__body"
        onSubmit={(e) => {
          e.preventDefault()
          if (trimmed()) props.onApply([trimmed()], [])
        }}
      >
        <label class="field">
          <span class="field__label">Tag</span>
          <input
            class="input"
            list="gallery-tag-names"
            autocomplete="off"
            placeholder="A tag name, new or existing"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <datalist id="gallery-tag-names">
            <For each={props.tags}>{(tag) => <option value={tag.name} />}</For>
          </datalist>
        </label>
        <Show when={props.tags.length}>
          <div class="tag-list" role="group" aria-label="Existing tags">
            <For each={props.tags}>
              {(tag) => (
                <button
                  type="button"
                  class="tag-chip"
                  aria-pressed={tag.name === trimmed()}
                  onClick={() => setName(tag.name)}
                >
                  {tag.name}
                  <span class="tag-chip__count">{formatCount(tag.count)}</span>
                </button>
              )}
            </For>
          </div>
        </Show>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button
            type="button"
            class="button"
            disabled={!exists() || props.busy}
            onClick={() => props.onApply([], [trimmed()])}
          >
            Remove tag
          </button>
          <button type="submit" class="button button--primary" disabled={!trimmed() || props.busy}>
            {exists() || !trimmed() ? 'Add tag' : 'Create and add tag'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

import { createSignal, For, Show, createUniqueId } from 'solid-js'
import type { Tag } from '../../../../shared/domain'
import { IconClose } from '../icons'

export interface TagEditorProps {
  /** `folder`: handed down by that folder ('' = the library folder itself); not removable here. */
  tags: Array<{ id: number; name: string; folder?: string }>
  /** Existing tags, offered as the user types. */
  suggestions: Tag[]
  onAdd: (name: string) => void
  onRemove: (name: string) => void
}

/**
 * The asset's tags as chips (× removes) and a field that adds one on Enter or comma. A tag a
 * folder hands down says so and has no ×: removing it from one file would not hold (the folder's
 * rule hands it down again on the next rebuild, move or rescan); it goes when the folder is
 * untagged (gallery › Folder tags…) or the file leaves the folder.
 */
export function TagEditor(props: TagEditorProps) {
  const [draft, setDraft] = createSignal('')
  const listId = createUniqueId()
  // The most used first; a datalist of thousands helps nobody.
  const suggestions = (): Tag[] =>
    [...props.suggestions]
      .filter((s) => !props.tags.some((t) => t.id === s.id))
      .sort((a, b) => b.count - a.count)
      .slice(0, 200)

  const commit = (): void => {
    const name = draft().trim().replace(/,$/, '').trim()
    setDraft('')
    if (name && !props.tags.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
      props.onAdd(name)
    }
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault()
      commit()
    } else if (event.key === 'Backspace' && draft() === '') {
      const last = props.tags.findLast((t) => t.folder === undefined)
      if (last) props.onRemove(last.name)
    } else if (event.key === 'Escape') {
      setDraft('')
    }
  }

  return (
    <div class="tag-editor" data-testid="inspector-tags">
      <ul class="tag-editor__chips" aria-label="Tags">
        <For each={props.tags}>
          {(tag) => (
            <Show
              when={tag.folder !== undefined}
              fallback={
                <li class="tag-chip">
                  <span class="tag-chip__name">{tag.name}</span>
                  <button
                    type="button"
                    class="tag-chip__remove"
                    aria-label={`Remove tag ${tag.name}`}
                    onClick={() => props.onRemove(tag.name)}
                  >
                    <IconClose class="icon tag-chip__icon" />
                  </button>
                </li>
              }
            >
              <li
                class="tag-chip tag-chip--inherited"
                data-testid="inherited-tag"
                title={`Every file in ${folderName(tag.folder!)} carries “${tag.name}”. To take it off, untag the folder (gallery › Folder tags…) or move the file out of it.`}
              >
                <span class="tag-chip__name">{tag.name}</span>
                <span class="tag-chip__from">{` from ${folderName(tag.folder!)}`}</span>
              </li>
            </Show>
          )}
        </For>
      </ul>
      <input
        class="inline-text tag-editor__input"
        aria-label="Add a tag"
        placeholder={props.tags.length ? 'Add…' : 'Add a tag'}
        list={listId}
        value={draft()}
        onInput={(e) => setDraft(e.currentTarget.value)}
        on:keydown={onKeyDown}
        onBlur={() => draft().trim() && commit()}
      />
      <datalist id={listId}>
        <For each={suggestions()}>{(tag) => <option value={tag.name} />}</For>
      </datalist>
    </div>
  )
}

const folderName = (folder: string): string =>
  folder === '' ? 'the library folder' : `folder ${folder}`

import { createSignal, For, Show } from 'solid-js'
import type { Collection, CollectionKind } from '../../../../shared/domain'
import { formatDateTime, formatDuration, plural } from '../../lib/format'

export interface CollectionListProps {
  kind: CollectionKind
  items: readonly Collection[]
  hrefOf: (name: string) => string
  onCreate: (name: string) => Promise<boolean>
  onRename: (name: string, newName: string) => Promise<boolean>
  onDelete: (collection: Collection) => void
}

const TITLE = { playlist: 'Playlists', album: 'Albums' } as const
const ONE = { playlist: 'playlist', album: 'album' } as const

/** One kind's collections: a form to create one, then a row each with rename and delete. */
export function CollectionList(props: CollectionListProps) {
  const [draft, setDraft] = createSignal('')
  const [renaming, setRenaming] = createSignal<number | null>(null)

  const create = async (e: Event): Promise<void> => {
    e.preventDefault()
    if (draft().trim() && (await props.onCreate(draft().trim()))) setDraft('')
  }

  return (
    <section class="collections-section" data-testid={`${props.kind}-list`}>
      <div class="collections-section__head">
        <h2 class="collections-section__title">{TITLE[props.kind]}</h2>
        <form class="collections-create" onSubmit={create}>
          <input
            class="input"
            aria-label={`New ${ONE[props.kind]} name`}
            placeholder={`New ${ONE[props.kind]}`}
            value={draft()}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" class="button" disabled={!draft().trim()}>
            Create {ONE[props.kind]}
          </button>
        </form>
      </div>
      <Show
        when={props.items.length > 0}
        fallback={
          <p class="collections-empty">
            No {TITLE[props.kind].toLowerCase()} yet. Create one here, or select media in the
            library and choose “Add to {ONE[props.kind]}”.
          </p>
        }
      >
        <div class="table-frame">
          <table class="table">
            <thead>
              <tr>
                <th>Name</th>
                <th class="cell-count">Items</th>
                <Show when={props.kind === 'playlist'}>
                  <th class="cell-count">Running time</th>
                </Show>
                <th class="cell-date">Changed</th>
                <th class="cell-actions">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.items}>
                {(c) => (
                  <tr data-testid="collection-row">
                    <td>
                      <Show
                        when={renaming() === c.id}
                        fallback={<a href={props.hrefOf(c.name)}>{c.name}</a>}
                      >
                        <input
                          class="input input--inline"
                          aria-label={`New name for ${c.name}`}
                          value={c.name}
                          ref={(el) => queueMicrotask(() => el.select())}
                          onKeyDown={async (e) => {
                            if (e.key === 'Escape') setRenaming(null)
                            if (e.key !== 'Enter') return
                            const next = e.currentTarget.value.trim()
                            if (next && next !== c.name && !(await props.onRename(c.name, next)))
                              return
                            setRenaming(null)
                          }}
                          onBlur={() => setRenaming(null)}
                        />
                      </Show>
                    </td>
                    <td class="cell-count">{c.itemCount}</td>
                    <Show when={props.kind === 'playlist'}>
                      <td class="cell-count">
                        {c.itemCount > 0 ? formatDuration(c.durationMs) : '—'}
                      </td>
                    </Show>
                    <td class="cell-date">{formatDateTime(c.updatedAt)}</td>
                    <td class="cell-actions">
                      <button
                        type="button"
                        class="button button--small button--quiet"
                        aria-label={`Rename ${c.name}`}
                        onClick={() => setRenaming(c.id)}
                      >
                        Rename
                      </button>
                      <button
                        type="button"
                        class="button button--small button--quiet"
                        aria-label={`Delete ${c.name}`}
                        onClick={() => props.onDelete(c)}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <p class="visually-hidden" aria-live="polite">
        {plural(props.items.length, ONE[props.kind])}
      </p>
    </section>
  )
}

import { Show } from 'solid-js'
import type { Collection } from '../../../../shared/domain'
import { formatDateTime, formatDuration } from '../../lib/format'
import { Collage } from './Collage'

export interface CollectionRowProps {
  collection: Collection
  /** Albums: how deep in the tree (indents the name). */
  depth: number
  href: string
  renaming: boolean
  onRenameStart: () => void
  onRenameEnd: () => void
  onRename: (newName: string) => Promise<boolean>
  onDelete: () => void
  /** Albums: opens "Move to…". */
  onMoveStart?: () => void
}

/** The cells of one playlist or album in the list: collage, name, counts, actions. */
export function CollectionRowCells(props: CollectionRowProps) {
  const c = () => props.collection
  const playlist = () => c().kind === 'playlist'
  return (
    <>
      <td class="cell-name">
        <span class="collection-name" style={{ '--depth': String(props.depth) }}>
          <Collage collection={c()} />
          <Show
            when={props.renaming}
            fallback={
              <a href={props.href} data-testid="collection-link">
                {c().name}
              </a>
            }
          >
            <input
              class="input input--inline"
              aria-label={`New name for ${c().name}`}
              value={c().name}
              ref={(el) => queueMicrotask(() => el.select())}
              onKeyDown={async (e) => {
                if (e.key === 'Escape') props.onRenameEnd()
                if (e.key !== 'Enter') return
                const next = e.currentTarget.value.trim()
                if (next && next !== c().name && !(await props.onRename(next))) return
                props.onRenameEnd()
              }}
              onBlur={() => props.onRenameEnd()}
            />
          </Show>
        </span>
      </td>
      <td class="cell-count">{c().itemCount}</td>
      <Show when={playlist()}>
        <td class="cell-count">{c().itemCount > 0 ? formatDuration(c().durationMs) : '—'}</td>
      </Show>
      <td class="cell-date">{formatDateTime(c().updatedAt)}</td>
      <td class="cell-actions">
        <Show when={props.onMoveStart}>
          {(start) => (
            <button
              type="button"
              class="button button--small button--quiet"
              aria-label={`Move ${c().name} to another album`}
              onClick={() => start()()}
            >
              Move to…
            </button>
          )}
        </Show>
        <button
          type="button"
          class="button button--small button--quiet"
          aria-label={`Rename ${c().name}`}
          onClick={() => props.onRenameStart()}
        >
          Rename
        </button>
        <button
          type="button"
          class="button button--small button--quiet"
          aria-label={`Delete ${c().name}`}
          onClick={() => props.onDelete()}
        >
          Delete
        </button>
      </td>
    </>
  )
}

import { For, Show } from 'solid-js'
import { formatCount } from '../../lib/format'

export interface SelectionBarProps {
  count: number
  all: boolean
  busy: boolean
  onTag: () => void
  onRate: (rating: number) => void
  onRetry: () => void
  onCollect: () => void
  onRemove: () => void
  onSelectAll: () => void
  onClear: () => void
}

/** What the selection can do, across the bottom of the gallery while anything is selected. */
export function SelectionBar(props: SelectionBarProps) {
  return (
    <div class="selection-bar" role="toolbar" aria-label="Selection" data-testid="selection-bar">
      <span class="selection-bar__count" role="status" data-testid="selection-count">
        {formatCount(props.count)} selected
      </span>
      <Show when={!props.all}>
        <button
          type="button"
          class="button button--small button--quiet"
          onClick={() => props.onSelectAll()}
        >
          Select all
        </button>
      </Show>
      <span class="selection-bar__spacer" />
      <button
        type="button"
        class="button button--small"
        disabled={props.busy}
        onClick={() => props.onTag()}
      >
        Tag…
      </button>
      <div class="selection-bar__rating" role="group" aria-label="Rate">
        <For each={[1, 2, 3, 4, 5]}>
          {(n) => (
            <button
              type="button"
              class="selection-bar__star"
              aria-label={`Rate ${n} ${n === 1 ? 'star' : 'stars'}`}
              title={`${n} ${n === 1 ? 'star' : 'stars'}`}
              disabled={props.busy}
              onClick={() => props.onRate(n)}
            >
              ★
            </button>
          )}
        </For>
        <button
          type="button"
          class="selection-bar__star"
          aria-label="Clear rating"
          title="No rating"
          disabled={props.busy}
          onClick={() => props.onRate(0)}
        >
          ✕
        </button>
      </div>
      <button
        type="button"
        class="button button--small"
        disabled={props.busy}
        onClick={() => props.onCollect()}
      >
        Add to…
      </button>
      <button
        type="button"
        class="button button--small"
        disabled={props.busy}
        onClick={() => props.onRetry()}
      >
        Retry processing
      </button>
      <button
        type="button"
        class="button button--small button--danger"
        disabled={props.busy}
        onClick={() => props.onRemove()}
      >
        Remove…
      </button>
      <button
        type="button"
        class="icon-button"
        aria-label="Clear selection (Esc)"
        title="Clear selection (Esc)"
        onClick={() => props.onClear()}
      >
        ✕
      </button>
    </div>
  )
}

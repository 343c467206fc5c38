import { createEffect, createSignal, For, on, Show } from 'solid-js'
import type { CollectionItem } from '../../../../shared/domain'
import { formatDuration } from '../../lib/format'
import { variantUrl } from '../../lib/media'
import { itemWarning } from './item-warning'
import { ItemKindIcon } from './ItemKindIcon'

export interface CollectionItemsProps {
  items: readonly CollectionItem[]
  /** Playlists: order, durations, drag and Alt+↑/↓. Albums: a set. */
  ordered: boolean
  checked: ReadonlySet<number>
  onToggle: (itemId: number) => void
  onMove: (itemId: number, delta: -1 | 1) => void
  onMoveTo: (itemId: number, index: number) => void
  onDuration: (itemId: number, durationMs: number | null) => void
  onRemove: (itemId: number) => void
}

const DRAG_TYPE = 'application/x-marquee-item'

/** Seconds as typed ("7.5") to milliseconds; empty is the default (null); junk is undefined. */
export function parseSeconds(text: string): number | null | undefined {
  if (text.trim() === '') return null
  const seconds = Number(text.replace(',', '.'))
  return Number.isFinite(seconds) && seconds >= 0.1 ? Math.round(seconds * 1000) : undefined
}

/** The rows of an album or playlist: thumbnail, name, type, duration, what is wrong. */
export function CollectionItems(props: CollectionItemsProps) {
  const [dragging, setDragging] = createSignal<number | null>(null)
  let body: HTMLTableSectionElement | undefined

  // After a keyboard move the row is moved, then re-rendered with the core's answer; each time,
  // focus follows it, so Alt+↓ can be pressed again and again.
  let keepFocus: number | null = null
  const refocus = (itemId: number): void => {
    keepFocus = itemId
  }
  createEffect(
    on(
      () => props.items,
      () => {
        if (keepFocus === null) return
        const row = body?.querySelector<HTMLElement>(`tr[data-item-id="${keepFocus}"]`)
        if (row && document.activeElement !== row) row.focus()
      },
    ),
  )

  return (
    <div class="table-frame">
      <table class="table collection-items" data-testid="collection-items">
        <thead>
          <tr>
            <th class="cell-check">
              <span class="visually-hidden">Selected</span>
            </th>
            <Show when={props.ordered}>
              <th class="cell-position">#</th>
            </Show>
            <th class="cell-thumb">
              <span class="visually-hidden">Thumbnail</span>
            </th>
            <th>Name</th>
            <th class="cell-type">Type</th>
            <Show when={props.ordered}>
              <th class="cell-duration">Duration (s)</th>
            </Show>
            <th class="cell-warning">Problems</th>
            <th class="cell-remove">
              <span class="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody ref={body} onMouseDown={() => (keepFocus = null)}>
          <For each={props.items}>
            {(item, index) => (
              <tr
                data-testid="collection-item"
                data-item-id={item.id}
                tabIndex={0}
                draggable={props.ordered}
                classList={{
                  'is-dragging': dragging() === item.id,
                  'has-warning': itemWarning(item) !== null,
                }}
                aria-label={`${index() + 1}. ${item.name}`}
                onKeyDown={(e) => {
                  if (!props.ordered || !e.altKey) return
                  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return
                  e.preventDefault()
                  props.onMove(item.id, e.key === 'ArrowUp' ? -1 : 1)
                  refocus(item.id)
                }}
                onDragStart={(e) => {
                  e.dataTransfer?.setData(DRAG_TYPE, String(item.id))
                  setDragging(item.id)
                }}
                onDragEnd={() => setDragging(null)}
                onDragOver={(e) => {
                  if (dragging() !== null) e.preventDefault()
                }}
                onDrop={(e) => {
                  e.preventDefault()
                  const id = Number(e.dataTransfer?.getData(DRAG_TYPE) || dragging())
                  setDragging(null)
                  if (id) props.onMoveTo(id, index())
                }}
              >
                <td class="cell-check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${item.name}`}
                    checked={props.checked.has(item.id)}
                    onChange={() => props.onToggle(item.id)}
                  />
                </td>
                <Show when={props.ordered}>
                  <td class="cell-position">{index() + 1}</td>
                </Show>
                <td class="cell-thumb">
                  <Show
                    when={item.kind === 'asset' && item.sha256}
                    fallback={
                      item.kind === 'asset' ? (
                        <span class="collection-thumb" />
                      ) : (
                        <ItemKindIcon item={item} />
                      )
                    }
                  >
                    {(sha) => (
                      <img
                        class="collection-thumb"
                        src={variantUrl(sha(), 'small')}
                        alt=""
                        loading="lazy"
                        onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
                      />
                    )}
                  </Show>
                </td>
                <td class="cell-name" title={item.name}>
                  {item.name}
                </td>
                <td class="cell-type">
                  {item.kind === 'url'
                    ? 'web page'
                    : item.kind === 'integration'
                      ? item.integration!.kind
                      : item.type}
                </td>
                <Show when={props.ordered}>
                  <td class="cell-duration">
                    <input
                      class="input input--inline"
                      inputMode="decimal"
                      aria-label={`Duration of ${item.name} in seconds`}
                      value={item.durationMs === null ? '' : String(item.durationMs / 1000)}
                      placeholder={`${formatDuration(item.effectiveDurationMs)} (default)`}
                      onChange={(e) => {
                        const ms = parseSeconds(e.currentTarget.value)
                        if (ms === undefined) e.currentTarget.setCustomValidity('At least 0.1 s')
                        else props.onDuration(item.id, ms)
                      }}
                    />
                  </td>
                </Show>
                <td class="cell-warning">
                  <Show when={itemWarning(item)}>
                    {(text) => (
                      <span class="collection-warning" title={text()}>
                        {text()}
                      </span>
                    )}
                  </Show>
                </td>
                <td class="cell-remove">
                  <button
                    type="button"
                    class="button button--small button--quiet"
                    aria-label={`Remove ${item.name}`}
                    onClick={() => props.onRemove(item.id)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  )
}

import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js'
import type { CollectionItem } from '../../../../shared/domain'
import type { ItemCompliance } from '../../../../shared/profiles'
import { formatDuration } from '../../lib/format'
import { variantUrl } from '../../lib/media'
import { rowWindow } from '../../lib/row-window'
import { ComplianceBadge } from './ComplianceBadge'
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
  /** What the export does with each item for the collection's player profile. */
  verdictOf?: (itemId: number) => ItemCompliance | undefined
}

const DRAG_TYPE = 'application/x-marquee-item'
/** Rows rendered beyond each edge of the view. */
const OVERSCAN = 8
/** Until a row has been measured (the CSS gives every row the same height). */
const ROW_HEIGHT = 57

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
  let scroller: HTMLDivElement | undefined

  // Only the rows in view (and a few around them) are in the page: a 5,000-item playlist
  // scrolls like a 50-item one.
  const [scrollTop, setScrollTop] = createSignal(0)
  const [viewport, setViewport] = createSignal(800)
  const [rowHeight, setRowHeight] = createSignal(ROW_HEIGHT)
  const win = createMemo(() =>
    rowWindow(scrollTop(), viewport(), props.items.length, rowHeight(), OVERSCAN),
  )
  const shown = createMemo(() => props.items.slice(win().first, win().end))
  const columns = () => (props.ordered ? 8 : 6) + (props.verdictOf ? 1 : 0)
  onMount(() => {
    if (!scroller) return
    const observer = new ResizeObserver(() => setViewport(scroller!.clientHeight))
    observer.observe(scroller)
    onCleanup(() => observer.disconnect())
  })
  createEffect(
    on(shown, () => {
      const row = body?.querySelector<HTMLElement>('tr[data-item-id]')
      if (row && row.offsetHeight > 0) setRowHeight(row.offsetHeight)
    }),
  )

  // The focused row's item. A move re-renders the table at once, and the core's answer again
  // (new rows): each time the focused row can be replaced and focus falls to the page, so it is
  // put back on the same item's row, and Alt+↓ can be pressed again and again. Focus that went
  // elsewhere (a duration field, the sidebar) is left alone.
  let keepFocus: number | null = null
  const refocus = (itemId: number): void => {
    keepFocus = itemId
  }
  const trackFocus = (e: FocusEvent): void => {
    const row = e.target instanceof HTMLElement ? e.target.closest('tr[data-item-id]') : null
    keepFocus = row === e.target ? Number((row as HTMLElement).dataset.itemId) : null
  }
  const leave = (e: FocusEvent): void => {
    if (e.relatedTarget instanceof Node && !body?.contains(e.relatedTarget)) keepFocus = null
  }
  createEffect(
    on(
      () => props.items,
      () => {
        if (keepFocus === null) return
        const active = document.activeElement
        if (active && active !== document.body) return
        body?.querySelector<HTMLElement>(`tr[data-item-id="${keepFocus}"]`)?.focus()
      },
    ),
  )

  return (
    <div
      class="table-frame collection-items-scroll"
      ref={scroller}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table
        class="table collection-items"
        data-testid="collection-items"
        aria-rowcount={props.items.length + 1}
      >
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
            <Show when={props.verdictOf}>
              <th class="cell-compliance">On the player</th>
            </Show>
            <th class="cell-warning">Problems</th>
            <th class="cell-remove">
              <span class="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody ref={body} onFocusIn={trackFocus} onFocusOut={leave}>
          <Show when={win().before > 0}>
            <tr class="collection-items__spacer" aria-hidden="true">
              <td colSpan={columns()} style={{ height: `${win().before}px` }} />
            </tr>
          </Show>
          <For each={shown()}>
            {(item, offset) => {
              const index = () => win().first + offset()
              return (
                <tr
                  data-testid="collection-item"
                  data-item-id={item.id}
                  aria-rowindex={index() + 2}
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
                    // Before the move: the moved list re-renders at once, and focus must follow
                    // this row then (not the last one moved), or a quick second press is lost.
                    refocus(item.id)
                    props.onMove(item.id, e.key === 'ArrowUp' ? -1 : 1)
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
                        // The default in grey, as a placeholder; "(default)" in the tooltip, where
                        // a narrow column cannot cut it off.
                        placeholder={formatDuration(item.effectiveDurationMs)}
                        title={
                          item.durationMs === null
                            ? `${formatDuration(item.effectiveDurationMs)} (default) — type seconds to set`
                            : undefined
                        }
                        onChange={(e) => {
                          const ms = parseSeconds(e.currentTarget.value)
                          if (ms === undefined) e.currentTarget.setCustomValidity('At least 0.1 s')
                          else props.onDuration(item.id, ms)
                        }}
                      />
                    </td>
                  </Show>
                  <Show when={props.verdictOf}>
                    {(verdictOf) => (
                      <td class="cell-compliance">
                        <Show
                          when={item.kind === 'asset'}
                          fallback={
                            <span class="compliance-badge compliance-badge--plays">
                              {item.kind === 'url' ? 'shown as a web page' : 'snapshot at export'}
                            </span>
                          }
                        >
                          <ComplianceBadge verdict={verdictOf()(item.id)} />
                        </Show>
                      </td>
                    )}
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
              )
            }}
          </For>
          <Show when={win().after > 0}>
            <tr class="collection-items__spacer" aria-hidden="true">
              <td colSpan={columns()} style={{ height: `${win().after}px` }} />
            </tr>
          </Show>
        </tbody>
      </table>
    </div>
  )
}

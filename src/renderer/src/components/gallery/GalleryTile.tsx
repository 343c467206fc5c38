import { createEffect, createMemo, For, Show } from 'solid-js'
import type { AssetRow } from '../../../../shared/domain'
import type { TileBox } from '../../lib/grid-layout'
import { bestVariant, variantUrl } from '../../lib/media'
import { clockDuration, placeholderText, placeholderTitle, tileLabel } from './tile-text'

/** What every tile reads from the grid; one object, so a tile costs a prop, not twenty. */
export interface TileContext {
  rowAt: (index: number) => AssetRow | undefined
  /** Where the tile sits in the grid's layer. */
  boxOf: (index: number) => TileBox
  isSelected: (index: number, id: number | undefined) => boolean
  focusIndex: () => number
  /** On screen now (not only in the margin): its thumbnail loads first. */
  isVisible: (index: number) => boolean
  gridFocused: () => boolean
  /** False while the view flies past: new tiles wait before asking for their thumbnail. */
  settled: () => boolean
  hovered: () => number
  setHovered: (index: number) => void
  variant: () => 'small' | 'medium'
  isOffline: (rootId: number) => boolean
  total: () => number
  /** The focused tile is being recycled for another index: focus goes to the grid. */
  releaseFocus: () => void
  /** Drags this tile (and the selection it is part of): onto a collection, or out of the window. */
  dragStart: (index: number, id: number, event: DragEvent) => void
}

const STARS = [1, 2, 3, 4, 5]

/**
 * One recycled slot of the grid. `index` changes as the slot is reused (-1: unused, hidden);
 * the image is keyed by its URL, so a reused slot never shows the previous asset's picture while
 * the next one loads, and a slot that leaves the screen drops its image (the load is cancelled).
 */
export function GalleryTile(props: { index: number; ctx: TileContext }) {
  let el: HTMLDivElement | undefined
  // The grid hands every tile the same context object for its whole life.
  // eslint-disable-next-line solid/reactivity
  const ctx = props.ctx
  const active = () => props.index >= 0
  const row = createMemo(() => (active() ? ctx.rowAt(props.index) : undefined))
  const box = createMemo(() => (active() ? ctx.boxOf(props.index) : null))
  const offline = () => {
    const r = row()
    return r ? ctx.isOffline(r.rootId) : false
  }
  // A tile that arrives while the view flies past waits for it to settle; one that already
  // shows its thumbnail keeps it.
  let placedIndex = -2
  const mayLoad = createMemo<boolean>((before) => {
    const index = props.index
    const settled = ctx.settled()
    if (index === placedIndex) return before || settled
    placedIndex = index
    return settled
  }, false)
  const thumbnail = createMemo(() => {
    const r = row()
    const variant = r?.sha256 ? bestVariant(r.variants, ctx.variant()) : null
    return r?.sha256 && variant ? variantUrl(r.sha256, variant) : undefined
  })
  const src = () => (mayLoad() ? thumbnail() : undefined)
  const preview = createMemo(() => {
    const r = row()
    if (!r?.sha256 || r.type !== 'video' || !r.variants.includes('preview')) return undefined
    return ctx.hovered() === props.index ? variantUrl(r.sha256, 'preview') : undefined
  })
  const focused = () => active() && ctx.focusIndex() === props.index
  const selected = () => active() && ctx.isSelected(props.index, row()?.id)

  createEffect(() => {
    if (!el) return
    if (focused() && ctx.gridFocused() && document.activeElement !== el) {
      el.focus({ preventScroll: true })
    } else if (!focused() && document.activeElement === el) ctx.releaseFocus()
  })

  return (
    <div
      ref={el}
      class="tile"
      classList={{ 'is-selected': selected(), 'is-focused': focused() }}
      hidden={!active()}
      role="option"
      data-testid={active() ? 'gallery-item' : undefined}
      data-index={props.index}
      data-asset-id={row()?.id}
      data-status={row()?.status}
      data-type={row()?.type}
      aria-selected={selected()}
      aria-posinset={props.index + 1}
      aria-setsize={ctx.total()}
      aria-label={row() ? tileLabel(row()!, offline()) : 'Loading'}
      tabIndex={focused() ? 0 : -1}
      draggable={row() !== undefined}
      onDragStart={(event) => {
        const r = row()
        if (r) ctx.dragStart(props.index, r.id, event)
        else event.preventDefault()
      }}
      style={{
        transform: `translate3d(${box()?.x ?? 0}px, ${box()?.y ?? 0}px, 0)`,
        width: `${box()?.width ?? 0}px`,
        height: `${box()?.height ?? 0}px`,
      }}
      onPointerEnter={() => ctx.setHovered(props.index)}
      onPointerLeave={() => ctx.hovered() === props.index && ctx.setHovered(-1)}
    >
      <Show when={row()} fallback={<div class="tile__skeleton" />}>
        {(r) => (
          <>
            <Show
              when={src()}
              keyed
              fallback={
                <Show when={!thumbnail()} fallback={<div class="tile__skeleton" />}>
                  <div class="tile__placeholder" title={placeholderTitle(r(), offline())}>
                    <span class="tile__ext">{extensionOf(r().name)}</span>
                    <span class="tile__why" data-status={r().status}>
                      {placeholderText(r(), offline())}
                    </span>
                  </div>
                </Show>
              }
            >
              {(url) => (
                <img
                  class="tile__img"
                  src={url}
                  alt=""
                  loading="lazy"
                  decoding="async"
                  fetchpriority={ctx.isVisible(props.index) ? 'high' : 'low'}
                  draggable={false}
                />
              )}
            </Show>
            <Show when={preview()} keyed>
              {(url) => <video class="tile__video" src={url} muted autoplay loop playsinline />}
            </Show>
            <Show when={src() && (r().status === 'failed' || r().status === 'missing')}>
              <span
                class="tile__flag"
                data-status={r().status}
                title={placeholderTitle(r(), false)}
              >
                {placeholderText(r(), false)}
              </span>
            </Show>
            <Show when={offline()}>
              <span class="tile__flag tile__flag--offline" title={placeholderTitle(r(), true)}>
                Offline
              </span>
            </Show>
            <Show when={r().durationMs !== null && r().type !== 'image'}>
              <span class="tile__duration">{clockDuration(r().durationMs!)}</span>
            </Show>
            <Show when={r().rating}>
              {(rating) => (
                <span class="tile__rating" aria-hidden="true">
                  <For each={STARS.slice(0, rating())}>{() => '★'}</For>
                </span>
              )}
            </Show>
            <span class="tile__name">{r().name}</span>
          </>
        )}
      </Show>
      <span class="tile__check" aria-hidden="true" />
    </div>
  )
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toUpperCase() : ''
}

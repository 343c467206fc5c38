import { createMemo, For, Show } from 'solid-js'
import { formatCount } from '../../lib/format'
import { headersIn, sectionAtY, type GridLayout } from '../../lib/grid-layout'

interface HeaderProps {
  layout: GridLayout
  /** Virtual top of the viewport. */
  top: number
  height: number
  /** What the layer's positions are relative to (see GalleryGrid). */
  base: number
}

/** The group headers in view, in the grid's layer, placed from the layout's counts. */
export function GroupHeaders(props: HeaderProps) {
  const headers = createMemo(() => headersIn(props.layout, props.top, props.top + props.height))
  return (
    <For each={headers()}>
      {(section) => (
        <div
          class="group-header"
          role="presentation"
          style={{ transform: `translateY(${section.top - props.base}px)` }}
        >
          <GroupTitle label={section.label} count={section.count} />
        </div>
      )}
    </For>
  )
}

/**
 * The header of the group at the top of the viewport. It sits on its in-flow twin until that
 * scrolls away, stays put while its group scrolls under it, and the next header pushes it up.
 */
export function StickyHeader(props: HeaderProps) {
  const sticky = createMemo(() => {
    const l = props.layout
    if (!l.header) return null
    const section = sectionAtY(l, props.top)
    if (!section?.hasHeader) return null
    const next = l.sections[l.sections.indexOf(section) + 1]
    const own = Math.max(0, section.top - props.top)
    const push = next ? Math.min(own, next.top - props.top - l.header) : own
    return { section, push }
  })
  return (
    <div class="gallery-grid__sticky" aria-hidden="true">
      <Show when={sticky()}>
        {(s) => (
          <div
            class="group-header group-header--sticky"
            style={{ transform: `translateY(${s().push}px)` }}
          >
            <GroupTitle label={s().section.label} count={s().section.count} />
          </div>
        )}
      </Show>
    </div>
  )
}

function GroupTitle(props: { label: string; count: number }) {
  return (
    <>
      <span class="group-header__label">{props.label || 'Other'}</span>
      <span class="group-header__count">{formatCount(props.count)}</span>
    </>
  )
}

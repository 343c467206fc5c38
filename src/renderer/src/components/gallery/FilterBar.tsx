import { For, Show, type JSX } from 'solid-js'
import {
  ASSET_TYPES,
  GALLERY_SORTS,
  type GallerySortKey,
  type Tag,
} from '../../../../shared/domain'
import type {
  Arrangement,
  Filters,
  Grouping,
  StatusFilter,
  Zoom,
} from '../../stores/gallery-query.store'
import { ZOOMS } from '../../stores/gallery-query.store'
import { ColorFilter } from './ColorFilter'

const TYPE_TEXT = {
  image: 'Images',
  video: 'Videos',
  audio: 'Audio',
  document: 'Documents',
  other: 'Other',
}
const STATUS_TEXT: Record<StatusFilter, string> = {
  ready: 'Ready',
  waiting: 'Waiting',
  failed: 'Failed',
  missing: 'Missing',
}
const SORT_TEXT: Record<GallerySortKey, string> = {
  name: 'Name',
  date: 'Date',
  size: 'Size',
  duration: 'Duration',
  type: 'Type',
  rating: 'Rating',
  added: 'Added',
}
const ZOOM_TEXT: Record<Zoom, string> = { small: 'S', medium: 'M', large: 'L' }
const ZOOM_NAME: Record<Zoom, string> = {
  small: 'Small tiles',
  medium: 'Medium tiles',
  large: 'Large tiles',
}

export interface FilterBarProps {
  filters: Filters
  onFilter: <K extends keyof Filters>(key: K, value: Filters[K]) => void
  onClear: () => void
  hasFilters: boolean
  tags: readonly Tag[]
  sort: GallerySortKey
  desc: boolean
  onSort: (sort: GallerySortKey) => void
  onDesc: (desc: boolean) => void
  grouping: Grouping
  onGrouping: (grouping: Grouping) => void
  zoom: Zoom
  onZoom: (zoom: Zoom) => void
  arrangement: Arrangement
  onArrangement: (arrangement: Arrangement) => void
  inspector: boolean
  onInspector: () => void
}

/** Narrows the gallery and says how to show it; every control is a labelled native one. */
export function FilterBar(props: FilterBarProps) {
  const pick = <T,>(value: string, parse: (v: string) => T): T | null =>
    value === '' ? null : parse(value)

  return (
    <div
      class="filter-bar"
      role="toolbar"
      aria-label="Filters and display"
      data-testid="filter-bar"
    >
      <Choice
        label="Type"
        value={props.filters.type ?? ''}
        onChange={(v) =>
          props.onFilter(
            'type',
            pick(v, (t) => t as Filters['type']),
          )
        }
      >
        <option value="">All types</option>
        <For each={ASSET_TYPES}>{(t) => <option value={t}>{TYPE_TEXT[t]}</option>}</For>
      </Choice>
      <Choice
        label="Status"
        value={props.filters.status ?? ''}
        onChange={(v) =>
          props.onFilter(
            'status',
            pick(v, (s) => s as StatusFilter),
          )
        }
      >
        <option value="">Any status</option>
        <For each={Object.keys(STATUS_TEXT) as StatusFilter[]}>
          {(s) => <option value={s}>{STATUS_TEXT[s]}</option>}
        </For>
      </Choice>
      <Choice
        label="Orientation"
        value={props.filters.orientation ?? ''}
        onChange={(v) =>
          props.onFilter(
            'orientation',
            pick(v, (o) => o as Filters['orientation']),
          )
        }
      >
        <option value="">Any shape</option>
        <option value="landscape">Landscape</option>
        <option value="portrait">Portrait</option>
        <option value="square">Square</option>
      </Choice>
      <Choice
        label="Rating"
        value={String(props.filters.minRating ?? '')}
        onChange={(v) => props.onFilter('minRating', pick(v, Number))}
      >
        <option value="">Any rating</option>
        <For each={[1, 2, 3, 4, 5]}>
          {(n) => (
            <option value={n} aria-label={`${n} stars or more`}>
              {'★'.repeat(n)}+
            </option>
          )}
        </For>
      </Choice>
      <Choice
        label="Tag"
        value={String(props.filters.tagId ?? '')}
        onChange={(v) => props.onFilter('tagId', pick(v, Number))}
      >
        <option value="">Any tag</option>
        <For each={props.tags}>{(tag) => <option value={tag.id}>{tag.name}</option>}</For>
      </Choice>
      <label class="filter-bar__check">
        <input
          type="checkbox"
          checked={props.filters.duplicates}
          onChange={(e) => props.onFilter('duplicates', e.currentTarget.checked)}
        />
        Duplicates
      </label>
      <ColorFilter value={props.filters.color} onChange={(hex) => props.onFilter('color', hex)} />
      <label
        class="filter-bar__check"
        title="Files whose bytes changed while size and date did not"
      >
        <input
          type="checkbox"
          checked={props.filters.changedOnDisk}
          onChange={(e) => props.onFilter('changedOnDisk', e.currentTarget.checked)}
        />
        Changed on disk
      </label>
      <Show when={props.hasFilters}>
        <button
          type="button"
          class="button button--small button--quiet"
          onClick={() => props.onClear()}
        >
          Clear filters
        </button>
      </Show>
      <span class="filter-bar__spacer" />
      <Choice
        label="Sort by"
        value={props.grouping === 'none' ? props.sort : props.grouping}
        disabled={props.grouping !== 'none'}
        title={props.grouping === 'none' ? undefined : 'Groups set the order'}
        onChange={(v) => props.onSort(v as GallerySortKey)}
      >
        <Show when={props.grouping !== 'none'}>
          <option value={props.grouping}>{props.grouping === 'folder' ? 'Folder' : 'Month'}</option>
        </Show>
        <For each={GALLERY_SORTS}>{(s) => <option value={s}>{SORT_TEXT[s]}</option>}</For>
      </Choice>
      <button
        type="button"
        class="icon-button filter-bar__direction"
        aria-label={
          props.desc ? 'Descending; switch to ascending' : 'Ascending; switch to descending'
        }
        title={props.desc ? 'Descending' : 'Ascending'}
        onClick={() => props.onDesc(!props.desc)}
      >
        {props.desc ? '↓' : '↑'}
      </button>
      <Choice
        label="Group by"
        value={props.grouping}
        onChange={(v) => props.onGrouping(v as Grouping)}
      >
        <option value="none">No groups</option>
        <option value="folder">By folder</option>
        <option value="month">By month</option>
      </Choice>
      <button
        type="button"
        class="icon-button filter-bar__toggle"
        aria-pressed={props.arrangement === 'justified'}
        aria-label="Justified rows"
        title="Justified rows: tiles as wide as their pictures"
        onClick={() =>
          props.onArrangement(props.arrangement === 'justified' ? 'grid' : 'justified')
        }
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <path
            d="M2 3h5v4H2zM9 3h5v4H9zM2 9h8v4H2zM12 9h2v4h-2z"
            fill="none"
            stroke="currentColor"
            stroke-width="1.3"
          />
        </svg>
      </button>
      <div class="segmented" role="group" aria-label="Zoom">
        <For each={ZOOMS}>
          {(z) => (
            <button
              type="button"
              class="segmented__button"
              aria-pressed={props.zoom === z}
              aria-label={ZOOM_NAME[z]}
              title={`${ZOOM_NAME[z]} (+/−)`}
              onClick={() => props.onZoom(z)}
            >
              {ZOOM_TEXT[z]}
            </button>
          )}
        </For>
      </div>
      <button
        type="button"
        class="icon-button filter-bar__toggle"
        aria-pressed={props.inspector}
        aria-label="Inspector"
        title="Inspector (i)"
        onClick={() => props.onInspector()}
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <rect
            x="2"
            y="2.5"
            width="12"
            height="11"
            rx="1.5"
            fill="none"
            stroke="currentColor"
            stroke-width="1.3"
          />
          <path d="M10 2.5v11" stroke="currentColor" stroke-width="1.3" />
        </svg>
      </button>
    </div>
  )
}

function Choice(props: {
  label: string
  value: string
  onChange: (value: string) => void
  children: JSX.Element
  disabled?: boolean
  title?: string
}) {
  return (
    <label class="filter-bar__field">
      <span class="visually-hidden">{props.label}</span>
      <select
        class="input select filter-bar__select"
        aria-label={props.label}
        disabled={props.disabled}
        title={props.title ?? props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.children}
      </select>
    </label>
  )
}

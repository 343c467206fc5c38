import { For, Show } from 'solid-js'
import { ASSET_TYPES, type AssetType } from '../../../shared/domain'
import { formatCount } from '../lib/format'

export interface IndexCounts {
  /** Files present at the last scan (missing ones not included). */
  present: number
  waiting: number
  ready: number
  failed: number
  missing: number
  byType: Record<AssetType, number>
}

const TYPE_TEXT: Record<AssetType, string> = {
  image: 'Images',
  video: 'Videos',
  audio: 'Audio',
  document: 'Documents',
  other: 'Other files',
}

/** What the index holds for one folder: by status, then by type. */
export function IndexStats(props: { counts: IndexCounts }) {
  const statuses = () => [
    {
      key: 'present',
      label: 'Indexed',
      value: props.counts.present,
      hint: 'Present at the last scan',
    },
    { key: 'waiting', label: 'Waiting', value: props.counts.waiting, hint: 'For processing' },
    { key: 'ready', label: 'Processed', value: props.counts.ready, hint: 'Ready to use' },
    { key: 'missing', label: 'Missing', value: props.counts.missing, hint: 'Kept in the library' },
    { key: 'failed', label: 'Failed', value: props.counts.failed, hint: 'Could not be read' },
  ]
  const types = () => ASSET_TYPES.filter((type) => props.counts.byType[type] > 0)

  return (
    <div class="index-stats">
      <dl class="stats" data-testid="index-stats">
        <For each={statuses()}>
          {(stat) => (
            <div
              class="stats__item"
              data-stat={stat.key}
              classList={{ 'stats__item--zero': stat.value === 0 }}
            >
              <dt class="stats__label">{stat.label}</dt>
              <dd class="stats__value">{formatCount(stat.value)}</dd>
              <dd class="stats__hint">{stat.hint}</dd>
            </div>
          )}
        </For>
      </dl>
      <Show when={types().length > 0}>
        <p class="index-stats__types">
          <span class="visually-hidden">By type: </span>
          <For each={types()}>
            {(type, index) => (
              <>
                <Show when={index() > 0}>
                  <span aria-hidden="true"> · </span>
                </Show>
                <span>
                  {TYPE_TEXT[type]} <strong>{formatCount(props.counts.byType[type])}</strong>
                </span>
              </>
            )}
          </For>
          <Show when={props.counts.missing > 0}>
            <span class="index-stats__note"> (missing files included)</span>
          </Show>
        </p>
      </Show>
    </div>
  )
}

import { For } from 'solid-js'
import type { GraphFilters as Filters } from '../../lib/graph-elements'
import { relationColourVar } from './graph-style'

const KIND_LABELS: Record<string, string> = {
  asset: 'Assets',
  folder: 'Folders',
  root: 'Library folders',
  collection: 'Collections',
  bundle: 'Bundles',
  integration: 'Integrations',
  media: 'Integration media',
  rendition: 'Renditions',
}

/** Relations walked only when asked for (each asset has several renditions). */
const ON_REQUEST: Array<[string, string]> = [
  ['derived_from', 'Renditions (derived from)'],
  ['fetched_by', 'Integration media (fetched by)'],
]

export const relationLabel = (relation: string): string => relation.replaceAll('_', ' ')

/**
 * Which relations and node types are drawn. Each checkbox says how many of its kind were
 * loaded, so hiding one says what goes; the relation swatches double as the edge legend.
 */
export function GraphFilters(props: {
  filters: Filters
  relations: Array<[string, number]>
  kinds: Array<[string, number]>
  onRelation: (relation: string) => void
  onKind: (kind: string) => void
  include: string[]
  onInclude: (relation: string) => void
}) {
  return (
    <div class="graph-filters" data-testid="graph-filters">
      <fieldset class="graph-filters__group">
        <legend>Relations</legend>
        <For each={props.relations}>
          {([relation, count]) => (
            <label class="graph-filters__option">
              <input
                type="checkbox"
                checked={!props.filters.hiddenRelations.has(relation)}
                onChange={() => props.onRelation(relation)}
              />
              <span
                class="graph-filters__swatch"
                style={{ background: `var(${relationColourVar(relation)})` }}
                aria-hidden="true"
              />
              {relationLabel(relation)} <span class="graph-filters__count">{count}</span>
            </label>
          )}
        </For>
      </fieldset>
      <fieldset class="graph-filters__group" data-testid="graph-include">
        <legend>Also walk</legend>
        <For each={ON_REQUEST}>
          {([relation, label]) => (
            <label class="graph-filters__option">
              <input
                type="checkbox"
                checked={props.include.includes(relation)}
                onChange={() => props.onInclude(relation)}
              />
              <span
                class="graph-filters__swatch"
                style={{ background: `var(${relationColourVar(relation)})` }}
                aria-hidden="true"
              />
              {label}
            </label>
          )}
        </For>
      </fieldset>
      <fieldset class="graph-filters__group">
        <legend>Types</legend>
        <For each={props.kinds}>
          {([kind, count]) => (
            <label class="graph-filters__option">
              <input
                type="checkbox"
                checked={!props.filters.hiddenKinds.has(kind)}
                onChange={() => props.onKind(kind)}
              />
              <span
                class={`graph-filters__shape graph-filters__shape--${kind}`}
                aria-hidden="true"
              />
              {KIND_LABELS[kind] ?? kind} <span class="graph-filters__count">{count}</span>
            </label>
          )}
        </For>
      </fieldset>
    </div>
  )
}

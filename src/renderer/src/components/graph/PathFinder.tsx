import { For, Match, Show, Switch } from 'solid-js'
import type { Crumb } from '../../lib/graph-elements'
import { relationLabel } from './GraphFilters'

/**
 * Two picked nodes and the shortest chain between them, read as breadcrumbs
 * (`Root › contains › Folder › includes › Asset`); each node crumb selects that node.
 */
export function PathFinder(props: {
  from: { node: string; label: string } | null
  to: { node: string; label: string } | null
  selected: string | null
  crumbs: Crumb[]
  message: string | null
  busy: boolean
  onPick: (end: 'from' | 'to') => void
  onFind: () => void
  onClear: () => void
  onCrumb: (node: string) => void
}) {
  const end = (which: 'from' | 'to', label: string) => {
    const picked = () => props[which]
    return (
      <div class="graph-path__end">
        <span class="graph-path__end-label">{label}</span>
        <span class="graph-path__end-node" data-testid={`path-${which}`}>
          {picked()?.label ?? 'not picked'}
        </span>
        <button
          type="button"
          class="button button--small"
          disabled={!props.selected || props.selected === picked()?.node}
          onClick={() => props.onPick(which)}
        >
          Use selected
        </button>
      </div>
    )
  }
  return (
    <section class="graph-path" aria-label="Path finder">
      <h2 class="graph-side__heading">Path</h2>
      {end('from', 'From')}
      {end('to', 'To')}
      <div class="graph-path__actions">
        <button
          type="button"
          class="button button--small button--primary"
          disabled={!props.from || !props.to || props.from.node === props.to.node || props.busy}
          onClick={() => props.onFind()}
        >
          Find path
        </button>
        <Show when={props.crumbs.length > 0}>
          <button type="button" class="button button--small" onClick={() => props.onClear()}>
            Clear
          </button>
        </Show>
      </div>
      <Show when={props.message}>
        <p class="graph-path__message" role="status">
          {props.message}
        </p>
      </Show>
      <Show when={props.crumbs.length > 0}>
        <nav aria-label="Path found">
          <ol class="graph-path__crumbs" data-testid="graph-path">
            <For each={props.crumbs}>
              {(crumb) => (
                <Switch>
                  <Match when={crumb.type === 'node' && crumb}>
                    {(c) => (
                      <li>
                        <button
                          type="button"
                          class="graph-path__crumb"
                          onClick={() => props.onCrumb(c().node)}
                        >
                          {c().label}
                        </button>
                      </li>
                    )}
                  </Match>
                  <Match when={crumb.type === 'relation' && crumb}>
                    {(c) => (
                      <li class="graph-path__relation">
                        {c().direction === 'out'
                          ? `› ${relationLabel(c().relation)} ›`
                          : `‹ ${relationLabel(c().relation)} ‹`}
                      </li>
                    )}
                  </Match>
                </Switch>
              )}
            </For>
          </ol>
        </nav>
      </Show>
    </section>
  )
}

import { createResource, For, Show } from 'solid-js'
import type { GraphNeighbour, ImpactResult } from '../../../../shared/graph'
import { call, messageOf } from '../../lib/api'
import { plural } from '../../lib/format'
import { hrefOf } from '../../stores/router.store'

/** How a neighbour is related, in words, seen from the asset. */
function relationText(n: GraphNeighbour): string {
  const words: Record<string, [string, string]> = {
    contains: ['contains', 'in folder'],
    duplicate_of: ['same content as', 'same content as'],
    includes: ['includes', 'in'],
    exported_in: ['exported in', 'exported with'],
    replaces: ['replaces', 'replaced by'],
    related_to: ['related to', 'related to'],
  }
  const [out, inward] = words[n.relation] ?? [n.relation, `${n.relation} (from)`]
  return n.direction === 'out' ? out : inward
}

/** A node's name as people read it: `collection:3` → "collection 3", a folder by its path. */
function nodeText(node: string): string {
  const [kind, ...rest] = node.split(':')
  if (kind === 'folder') return `folder ${rest.slice(1).join(':') || '(root)'}`
  return `${kind} ${rest.join(':')}`
}

/**
 * What the asset is connected to (its immediate neighbours) and what depends on it (impact:
 * the playlists, albums and bundles that would change if it were replaced or removed).
 */
export function GraphTab(props: { assetId: number }) {
  const node = () => `asset:${props.assetId}`
  const [neighbours] = createResource(node, (n) => call('graph.neighbours', { node: n, depth: 1 }))
  const [impact] = createResource(node, (n) => call('graph.impact', { node: n }))
  const usedBy = (i: ImpactResult): string =>
    i.counts.collections + i.counts.bundles === 0
      ? 'Not used by any playlist, album or exported bundle.'
      : `Used by ${plural(i.counts.collections, 'collection')} and ${plural(i.counts.bundles, 'exported bundle')}.`

  return (
    <div class="inspector-graph" data-testid="inspector-graph">
      <a class="button button--small" href={hrefOf({ name: 'graph', node: node() })}>
        Open in graph
      </a>
      <Show when={impact.error || neighbours.error}>
        <p class="inspector__placeholder" role="alert">
          {messageOf(impact.error ?? neighbours.error)}
        </p>
      </Show>
      <Show when={impact()}>
        {(i) => (
          <section aria-label="Impact">
            <p class="inspector-graph__impact">{usedBy(i())}</p>
            <ul class="inspector-graph__list">
              <For each={i().collections}>
                {(c) => (
                  <li>
                    {c.kind} <strong>{c.name}</strong>
                  </li>
                )}
              </For>
              <For each={i().bundles}>
                {(b) => (
                  <li>
                    bundle <strong>{b.dir}</strong>
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </Show>
      <Show when={neighbours()}>
        {(n) => (
          <section aria-label="Neighbours">
            <h3 class="inspector-graph__heading">
              Connected to {plural(n().neighbours.length, 'node')}
              {n().truncated ? ' (and more)' : ''}
            </h3>
            <ul class="inspector-graph__list">
              <For each={n().neighbours}>
                {(neighbour) => (
                  <li>
                    <span class="inspector-graph__relation">{relationText(neighbour)}</span>{' '}
                    {nodeText(neighbour.node)}
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </Show>
    </div>
  )
}

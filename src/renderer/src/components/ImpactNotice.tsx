import { For, Show } from 'solid-js'
import type { ImpactResult } from '../../../shared/graph'
import { bundleName, usedByCounts } from '../lib/impact-text'
import { createImpact, graphImpact } from '../stores/impact.store'

const LISTED = 6

/**
 * Impact before change (issue 12): before a folder or a collection goes, what uses it — "Used
 * by 2 playlists and 1 exported bundle: Lobby, Menu Board, lobby-2026" — or nothing when
 * nothing does.
 */
export function ImpactNotice(props: {
  node: string
  what: string
  /** Where the impact comes from when the node is no graph node (an integration). */
  load?: (node: string) => Promise<ImpactResult>
}) {
  const impact = createImpact(
    () => props.node,
    (node) => (props.load ?? graphImpact)(node),
  )
  const names = () => {
    const i = impact()
    if (!i) return []
    return [
      ...i.collections.map((c) => `${c.kind === 'album' ? 'Album' : 'Playlist'} “${c.name}”`),
      ...i.bundles.map((b) => `Exported bundle “${bundleName(b.dir)}”`),
    ]
  }
  return (
    <Show when={impact() && usedByCounts(impact()!)}>
      {(counts) => (
        <div class="dialog__warning impact-notice" role="alert" data-testid="impact-notice">
          <p>
            {props.what} is used by {counts()}:
          </p>
          <ul class="impact-list">
            <For each={names().slice(0, LISTED)}>{(name) => <li>{name}</li>}</For>
            <Show when={names().length > LISTED}>
              <li>and {names().length - LISTED} more</li>
            </Show>
          </ul>
        </div>
      )}
    </Show>
  )
}

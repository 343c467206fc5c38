import { For, Show } from 'solid-js'
import type { BundleHistoryEntry } from '../../../../shared/exports'

/**
 * The playlists a bundle was made from and, when they changed since, "Outdated" with what
 * changed ("Lobby: 2 items added, 1 replaced") — the stick needs a new export.
 */
export function BundlePlaylists(props: { bundle: BundleHistoryEntry }) {
  return (
    <div data-testid="bundle-playlists">
      <Show
        when={props.bundle.playlists.length > 0}
        fallback={<span class="export-note">a search or a selection</span>}
      >
        {props.bundle.playlists.map((p) => p.name).join(', ')}
      </Show>
      <Show when={props.bundle.outdated}>
        <span class="bundle-outdated" data-testid="bundle-outdated">
          Outdated
        </span>
        <ul class="bundle-changes">
          <For each={props.bundle.playlists.filter((p) => p.summary)}>
            {(p) => <li>{p.summary}</li>}
          </For>
        </ul>
      </Show>
    </div>
  )
}

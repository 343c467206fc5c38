import { For, Show } from 'solid-js'
import type { BundleHistoryEntry } from '../../../../shared/exports'

/** The playlists a bundle was made from, and "Outdated" when they changed since. */
export function BundlePlaylists(props: { bundle: BundleHistoryEntry }) {
  return (
    <>
      <span class="bundle-source" data-testid="bundle-playlists">
        <Show when={props.bundle.playlists.length > 0} fallback="a search or a selection">
          {props.bundle.playlists.map((p) => `${p.kind} ${p.name}`).join(', ')}
        </Show>
      </span>
      <Show when={props.bundle.outdated}>
        <span class="bundle-outdated" data-testid="bundle-outdated">
          Outdated
        </span>
      </Show>
    </>
  )
}

/** What changed since the bundle was made ("Lobby: 2 items added, 1 replaced"): export again. */
export function BundleChanges(props: { bundle: BundleHistoryEntry }) {
  return (
    <div data-testid="bundle-changes">
      <ul class="bundle-changes">
        <For each={props.bundle.playlists.filter((p) => p.summary)}>
          {(p) => <li>{p.summary}</li>}
        </For>
      </ul>
      <p class="export-note">
        Changed since this bundle was made: export the playlist to this folder again to bring it up
        to date (only what is new is copied).
      </p>
    </div>
  )
}

import { For, Show } from 'solid-js'
import type { Collection } from '../../../../shared/domain'
import { plural } from '../../lib/format'
import { hrefOf } from '../../stores/router.store'

/** The albums inside this one, each a link: an album's page shows what it holds, albums too. */
export function SubAlbums(props: { albums: Collection[] }) {
  return (
    <Show when={props.albums.length > 0}>
      <nav class="sub-albums" aria-label="Albums inside" data-testid="sub-albums">
        <span class="sub-albums__label">Albums inside</span>
        <For each={props.albums}>
          {(album) => (
            <a
              class="sub-albums__album"
              href={hrefOf({ name: 'collections', open: { kind: 'album', name: album.name } })}
            >
              {album.name}
              <span class="sub-albums__count">{plural(album.itemCount, 'item')}</span>
            </a>
          )}
        </For>
      </nav>
    </Show>
  )
}

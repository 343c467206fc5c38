import { For, Show } from 'solid-js'
import type { Collection, CollectionKind } from '../../../shared/domain'
import { treeOrder } from '../lib/album-tree'
import { createDropTarget } from '../lib/drop-target'
import { galleryDragOf, isGalleryDrag, type GalleryDrag } from '../lib/gallery-drag'
import { hrefOf, type Route } from '../stores/router.store'
import '../styles/albums.css'

export interface SidebarCollectionsProps {
  playlists: readonly Collection[]
  albums: readonly Collection[]
  /** This collection's page is the one shown. */
  isOpen: (kind: CollectionKind, name: string) => boolean
  /** Tiles dropped from the gallery. */
  onDrop: (kind: CollectionKind, name: string, drag: GalleryDrag) => void
}

/**
 * The playlists and the album tree in the sidebar: a link to each, and a place to drop tiles
 * dragged from the gallery (it lights up while a gallery drag is over it; file drags from the
 * desktop are the import drop zone's and pass by).
 */
export function SidebarCollections(props: SidebarCollectionsProps) {
  const Entry = (p: { collection: Collection; depth: number }) => {
    const route = (): Route => ({
      name: 'collections',
      open: { kind: p.collection.kind, name: p.collection.name },
    })
    const target = createDropTarget(isGalleryDrag, (transfer) => {
      const drag = galleryDragOf(transfer)
      if (drag) props.onDrop(p.collection.kind, p.collection.name, drag)
    })
    return (
      <li>
        <a
          class="nav-item nav-item--collection"
          href={hrefOf(route())}
          aria-current={props.isOpen(p.collection.kind, p.collection.name) ? 'page' : undefined}
          data-testid="sidebar-collection"
          data-kind={p.collection.kind}
          data-drop={target.over() ? 'over' : undefined}
          style={{ '--depth': String(p.depth) }}
          title={`${p.collection.name} — drop media here to add them`}
          {...target.handlers}
        >
          <span class="nav-item__label">{p.collection.name}</span>
          <span class="nav-item__count">{p.collection.itemCount}</span>
        </a>
      </li>
    )
  }

  return (
    <Show when={props.playlists.length + props.albums.length > 0}>
      <div class="sidebar-collections" data-testid="sidebar-collections">
        <Show when={props.playlists.length > 0}>
          <p class="sidebar-collections__title">Playlists</p>
          <ul class="sidebar-collections__list" aria-label="Playlists">
            <For each={props.playlists}>{(c) => <Entry collection={c} depth={0} />}</For>
          </ul>
        </Show>
        <Show when={props.albums.length > 0}>
          <p class="sidebar-collections__title">Albums</p>
          <ul class="sidebar-collections__list" aria-label="Albums">
            <For each={treeOrder(props.albums)}>
              {(row) => <Entry collection={row.collection} depth={row.depth} />}
            </For>
          </ul>
        </Show>
      </div>
    </Show>
  )
}

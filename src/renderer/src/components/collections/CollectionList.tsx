import { createSignal, For, Show } from 'solid-js'
import type { Collection, CollectionKind } from '../../../../shared/domain'
import { selfAndInside, treeOrder, type TreeRow } from '../../lib/album-tree'
import { createDropTarget } from '../../lib/drop-target'
import { plural } from '../../lib/format'
import { CollectionRowCells } from './CollectionRow'
import { MoveAlbumDialog } from './MoveAlbumDialog'

export interface CollectionListProps {
  kind: CollectionKind
  items: readonly Collection[]
  hrefOf: (name: string) => string
  onCreate: (name: string) => Promise<boolean>
  onRename: (name: string, newName: string) => Promise<boolean>
  onDelete: (collection: Collection) => void
  /** Albums: put one inside another (null: the top level). */
  onMove?: (name: string, parent: string | null) => Promise<boolean>
}

const TITLE = { playlist: 'Playlists', album: 'Albums' } as const
const ONE = { playlist: 'playlist', album: 'album' } as const
/** An album dragged onto another, to go inside it. */
const ALBUM_DRAG_TYPE = 'application/x-marquee-album'

/**
 * One kind's collections: a form to create one, then a row each with its collage, rename and
 * delete. Albums show as a tree; drag one onto another, or use "Move to…", to nest it.
 */
export function CollectionList(props: CollectionListProps) {
  const [draft, setDraft] = createSignal('')
  const [renaming, setRenaming] = createSignal<number | null>(null)
  const [moving, setMoving] = createSignal<Collection | null>(null)
  const [dragged, setDragged] = createSignal<Collection | null>(null)
  const nests = () => props.kind === 'album' && props.onMove !== undefined

  const rows = (): TreeRow[] =>
    props.kind === 'album'
      ? treeOrder(props.items)
      : props.items.map((collection) => ({ collection, depth: 0 }))

  const create = async (e: Event): Promise<void> => {
    e.preventDefault()
    if (draft().trim() && (await props.onCreate(draft().trim()))) setDraft('')
  }

  const AlbumRow = (row: TreeRow) => {
    // A changed list builds new rows (treeOrder makes new objects), so this row's album is fixed.
    // eslint-disable-next-line solid/reactivity
    const c = row.collection
    // An album cannot go inside itself or its own sub-albums; those rows do not light up.
    const target = createDropTarget(
      (transfer) => {
        const from = dragged()
        return (
          nests() &&
          from !== null &&
          [...(transfer?.types ?? [])].includes(ALBUM_DRAG_TYPE) &&
          !selfAndInside(props.items, from.id).has(c.id) &&
          from.parentId !== c.id
        )
      },
      () => {
        const from = dragged()
        setDragged(null)
        if (from) void props.onMove?.(from.name, c.name)
      },
      'move',
    )
    return (
      <tr
        data-testid="collection-row"
        data-depth={row.depth}
        data-drop={target.over() ? 'over' : undefined}
        draggable={nests() && renaming() !== c.id}
        onDragStart={(e) => {
          if (!nests()) return
          e.dataTransfer?.setData(ALBUM_DRAG_TYPE, c.name)
          if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move'
          setDragged(c)
        }}
        onDragEnd={() => setDragged(null)}
        {...target.handlers}
      >
        <CollectionRowCells
          collection={c}
          depth={row.depth}
          href={props.hrefOf(c.name)}
          renaming={renaming() === c.id}
          onRenameStart={() => setRenaming(c.id)}
          onRenameEnd={() => setRenaming(null)}
          onRename={(newName) => props.onRename(c.name, newName)}
          onDelete={() => props.onDelete(c)}
          onMoveStart={nests() ? () => setMoving(c) : undefined}
        />
      </tr>
    )
  }

  return (
    <section class="collections-section" data-testid={`${props.kind}-list`}>
      <div class="collections-section__head">
        <h2 class="collections-section__title">{TITLE[props.kind]}</h2>
        <form class="collections-create" onSubmit={create}>
          <input
            class="input"
            aria-label={`New ${ONE[props.kind]} name`}
            placeholder={`New ${ONE[props.kind]}`}
            value={draft()}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" class="button" disabled={!draft().trim()}>
            Create {ONE[props.kind]}
          </button>
        </form>
      </div>
      <Show
        when={props.items.length > 0}
        fallback={
          <p class="collections-empty">
            No {TITLE[props.kind].toLowerCase()} yet. Create one here, or select media in the
            library and choose “Add to {ONE[props.kind]}”.
          </p>
        }
      >
        <Show when={nests()}>
          <p class="collections-hint">Drag an album onto another, or use “Move to…”, to nest it.</p>
        </Show>
        <div class="table-frame">
          <table class="table">
            <thead>
              <tr>
                <th>Name</th>
                <th class="cell-count">Items</th>
                <Show when={props.kind === 'playlist'}>
                  <th class="cell-count">Running time</th>
                </Show>
                <th class="cell-date">Changed</th>
                <th class="cell-actions">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>{(row) => AlbumRow(row)}</For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={moving()}>
        {(album) => (
          <MoveAlbumDialog
            album={album()}
            albums={props.items}
            onClose={() => setMoving(null)}
            onMove={(parent) => {
              void props.onMove?.(album().name, parent)
              setMoving(null)
            }}
          />
        )}
      </Show>
      <p class="visually-hidden" aria-live="polite">
        {plural(props.items.length, ONE[props.kind])}
      </p>
    </section>
  )
}

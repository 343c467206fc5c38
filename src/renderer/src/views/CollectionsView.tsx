import { createSignal, For, Show } from 'solid-js'
import type { Collection } from '../../../shared/domain'
import { Banner } from '../components/Banner'
import { CollectionList } from '../components/collections/CollectionList'
import { DeleteCollectionDialog } from '../components/collections/DeleteCollectionDialog'
import { IconCollections } from '../components/icons'
import { PageHeader } from '../components/PageHeader'
import { useStore } from '../stores'
import { hrefOf } from '../stores/router.store'
import { CollectionPage } from './CollectionPage'
import '../styles/gallery-chrome.css'
import '../styles/collections.css'
import '../styles/albums.css'

/** `#/collections`: playlists and albums; with `?playlist=` or `?album=`, that one's page. */
export function CollectionsView() {
  const { router } = useStore()
  const open = () => {
    const route = router.route()
    return route.name === 'collections' ? route.open : undefined
  }
  return (
    <Show when={open()} keyed fallback={<CollectionsIndex />}>
      {(o) => <CollectionPage kind={o.kind} name={o.name} />}
    </Show>
  )
}

function CollectionsIndex() {
  const { collections: store } = useStore()
  // Items may have been added or removed on a page since the list was read.
  void store.reload()
  const [deleting, setDeleting] = createSignal<Collection | null>(null)
  return (
    <>
      <PageHeader
        title="Collections"
        leading={<IconCollections class="icon icon--large" />}
        description="Playlists play in order, each item for its duration; albums gather media from any folder. Nothing is copied until you export."
      />
      <Show when={store.error()}>
        {(message) => (
          <Banner tone="error" onDismiss={store.dismissError}>
            {message()}
          </Banner>
        )}
      </Show>
      <Show when={store.loaded()}>
        <For each={['playlist', 'album'] as const}>
          {(kind) => (
            <CollectionList
              kind={kind}
              items={store.list(kind)}
              hrefOf={(name) => hrefOf({ name: 'collections', open: { kind, name } })}
              onCreate={(name) => store.create(kind, name)}
              onRename={(name, newName) => store.rename(kind, name, newName)}
              onDelete={setDeleting}
              onMove={kind === 'album' ? store.move : undefined}
            />
          )}
        </For>
      </Show>
      <Show when={deleting()}>
        {(c) => (
          <DeleteCollectionDialog
            collection={c()}
            onClose={() => setDeleting(null)}
            onConfirm={() => {
              void store.remove(c().kind, c().name)
              setDeleting(null)
            }}
          />
        )}
      </Show>
    </>
  )
}

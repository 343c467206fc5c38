import { createSignal, Show } from 'solid-js'
import type { CollectionKind } from '../../../shared/domain'
import { Banner } from '../components/Banner'
import { CollectionItems, parseSeconds } from '../components/collections/CollectionItems'
import { CoverButton } from '../components/collections/CoverButton'
import { ExportDialog } from '../components/collections/ExportDialog'
import { ProfilePicker } from '../components/collections/ProfilePicker'
import { itemWarning } from '../components/collections/item-warning'
import { AddIntegrationDialog } from '../components/collections/AddIntegrationDialog'
import { AddWebPageDialog } from '../components/collections/AddWebPageDialog'
import { PlaylistActions } from '../components/collections/PlaylistActions'
import { PreviewOverlay } from '../components/collections/PreviewOverlay'
import { SubAlbums } from '../components/collections/SubAlbums'
import { PageHeader } from '../components/PageHeader'
import { formatDuration, plural } from '../lib/format'
import { createCollectionStore } from '../stores/collection.store'
import { useStore } from '../stores'
import { createComplianceStore } from '../stores/compliance.store'
import { hrefOf } from '../stores/router.store'

/** One playlist or album: its items, the running time, what will not play, bulk actions. */
export function CollectionPage(props: { kind: CollectionKind; name: string }) {
  // The route is keyed by name: another collection mounts a new page with its own store.
  // eslint-disable-next-line solid/reactivity
  const store = createCollectionStore(props.kind, props.name)
  const [bulkSeconds, setBulkSeconds] = createSignal('')
  const [exporting, setExporting] = createSignal(false)
  // Root-level: the export goes on (and is shown) after this page or its dialog closes.
  // eslint-disable-next-line solid/reactivity
  const exports = useStore().exportJobs.forCollection(props.kind, props.name)
  const collections = useStore().collections
  const subAlbums = () => {
    const id = store.detail()?.id
    return props.kind === 'album' && id !== undefined
      ? collections.list('album').filter((a) => a.parentId === id)
      : []
  }
  const [adding, setAdding] = createSignal<'url' | 'integration' | null>(null)
  const [previewing, setPreviewing] = createSignal(false)
  const ordered = () => props.kind === 'playlist'
  const items = () => store.detail()?.items ?? []
  // Integration warnings (stale, needs re-auth) do not stop an export: the snapshot goes as is.
  const warned = () => items().filter((i) => i.kind === 'asset' && itemWarning(i) !== null).length
  const checkedIds = () => [...store.checked()]
  const compliance = createComplianceStore(store.detail, () =>
    items()
      .map((i) => i.assetId)
      .join(','),
  )

  const applyBulk = (e: Event): void => {
    e.preventDefault()
    const ms = parseSeconds(bulkSeconds())
    if (ms === undefined || checkedIds().length === 0) return
    void store.setDuration(checkedIds(), ms)
  }

  return (
    <>
      <p class="collection-back">
        <a href={hrefOf({ name: 'collections' })}>← All collections</a>
      </p>
      <PageHeader
        title={store.detail()?.name ?? props.name}
        actions={
          <>
            <Show when={ordered()}>
              <PlaylistActions
                canPreview={items().length > 0}
                onAdd={setAdding}
                onPreview={() => setPreviewing(true)}
              />
            </Show>
            <Show when={store.detail()}>
              {(d) => (
                <a class="button" href={hrefOf({ name: 'graph', node: `collection:${d().id}` })}>
                  Open in graph
                </a>
              )}
            </Show>
            <button
              type="button"
              class="button button--primary"
              disabled={items().length === 0}
              onClick={() => setExporting(true)}
            >
              Export…
            </button>
          </>
        }
        description={
          <Show when={store.detail()}>
            {(d) => (
              <span data-testid="collection-summary">
                {ordered() ? 'Playlist' : 'Album'} · {plural(d().itemCount, 'item')}
                {ordered() ? ` · ${formatDuration(d().durationMs)} running time` : ''}
              </span>
            )}
          </Show>
        }
      />
      <SubAlbums albums={subAlbums()} />
      <Show when={exporting()}>
        <ExportDialog
          kind={props.kind}
          name={store.detail()?.name ?? props.name}
          store={exports}
          profile={compliance.profile() ?? undefined}
          profiles={compliance.profiles().map((p) => ({
            id: p.id,
            label: p.builtIn ? p.label : `${p.id} — ${p.label}`,
          }))}
          onClose={() => setExporting(false)}
        />
      </Show>
      <Show when={adding() === 'url'}>
        <AddWebPageDialog onAdd={store.addItems} onClose={() => setAdding(null)} />
      </Show>
      <Show when={adding() === 'integration'}>
        <AddIntegrationDialog onAdd={store.addItems} onClose={() => setAdding(null)} />
      </Show>
      <Show when={previewing() && store.detail()}>
        {(d) => (
          <PreviewOverlay
            playlistId={d().id}
            name={d().name}
            onClose={() => setPreviewing(false)}
          />
        )}
      </Show>
      <Show when={store.error()}>
        {(message) => (
          <Banner tone="error" onDismiss={store.dismissError}>
            {message()}
          </Banner>
        )}
      </Show>
      <Show when={compliance.error()}>
        {(message) => (
          <Banner tone="error" onDismiss={compliance.dismissError}>
            {message()}
          </Banner>
        )}
      </Show>
      <Show when={items().length > 0}>
        <ProfilePicker
          profiles={compliance.profiles()}
          profile={compliance.profile()}
          report={compliance.report()}
          onChoose={(id) => void compliance.choose(id)}
        />
      </Show>
      <Show when={warned() > 0}>
        <Banner tone="warning" testId="collection-warnings">
          {plural(warned(), 'item')} cannot be exported as {warned() === 1 ? 'it is' : 'they are'}:
          see Problems below. Fix or remove {warned() === 1 ? 'it' : 'them'} before exporting.
        </Banner>
      </Show>
      <Show
        when={items().length > 0}
        fallback={
          <Show when={store.detail()}>
            <p class="collections-empty">
              Nothing here yet. Select media in the library and choose “Add to {props.kind}”.
            </p>
          </Show>
        }
      >
        <form class="collection-bulk" onSubmit={applyBulk} data-testid="collection-bulk">
          <label class="collection-bulk__all">
            <input
              type="checkbox"
              checked={store.checked().size === items().length}
              onChange={(e) => store.checkAll(e.currentTarget.checked)}
            />
            {store.checked().size > 0 ? `${store.checked().size} selected` : 'Select all'}
          </label>
          <Show when={ordered()}>
            <input
              class="input input--inline"
              inputMode="decimal"
              aria-label="Duration for the selected items, in seconds"
              placeholder="Seconds"
              value={bulkSeconds()}
              onInput={(e) => setBulkSeconds(e.currentTarget.value)}
            />
            <button
              type="submit"
              class="button button--small"
              disabled={store.checked().size === 0 || parseSeconds(bulkSeconds()) === undefined}
            >
              Set duration
            </button>
          </Show>
          <button
            type="button"
            class="button button--small"
            disabled={store.checked().size === 0}
            onClick={() => void store.removeItems(checkedIds())}
          >
            Remove selected
          </button>
          <CoverButton
            items={items()}
            checked={checkedIds()}
            coverAssetId={store.detail()?.coverAssetId ?? null}
            onCover={(assetId) => void store.setCover(assetId)}
          />
          <Show when={ordered()}>
            <span class="collection-bulk__hint">Drag rows, or Alt+↑/↓, to reorder</span>
          </Show>
        </form>
        <CollectionItems
          items={items()}
          ordered={ordered()}
          checked={store.checked()}
          onToggle={store.toggle}
          onMove={store.move}
          onMoveTo={store.moveTo}
          onDuration={(id, ms) => void store.setDuration([id], ms)}
          onRemove={(id) => void store.removeItems([id])}
          verdictOf={(id) => compliance.byItem().get(id)}
        />
      </Show>
    </>
  )
}

import { createSignal, Show } from 'solid-js'
import type { CollectionKind } from '../../../shared/domain'
import { Banner } from '../components/Banner'
import { CollectionItems, parseSeconds } from '../components/collections/CollectionItems'
import { ExportDialog } from '../components/collections/ExportDialog'
import { itemWarning } from '../components/collections/item-warning'
import { PageHeader } from '../components/PageHeader'
import { formatDuration, plural } from '../lib/format'
import { createCollectionStore } from '../stores/collection.store'
import { createExportStore } from '../stores/export.store'
import { hrefOf } from '../stores/router.store'

/** One playlist or album: its items, the running time, what will not play, bulk actions. */
export function CollectionPage(props: { kind: CollectionKind; name: string }) {
  // The route is keyed by name: another collection mounts a new page with its own store.
  // eslint-disable-next-line solid/reactivity
  const store = createCollectionStore(props.kind, props.name)
  const [bulkSeconds, setBulkSeconds] = createSignal('')
  const [exporting, setExporting] = createSignal(false)
  const exports = createExportStore()
  const ordered = () => props.kind === 'playlist'
  const items = () => store.detail()?.items ?? []
  const warned = () => items().filter((i) => itemWarning(i) !== null).length
  const checkedIds = () => [...store.checked()]

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
      <Show when={exporting()}>
        <ExportDialog
          kind={props.kind}
          name={store.detail()?.name ?? props.name}
          store={exports}
          onClose={() => setExporting(false)}
        />
      </Show>
      <Show when={store.error()}>
        {(message) => (
          <Banner tone="error" onDismiss={store.dismissError}>
            {message()}
          </Banner>
        )}
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
        />
      </Show>
    </>
  )
}

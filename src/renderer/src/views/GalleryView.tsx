import { createEffect, createSignal, lazy, Match, onCleanup, onMount, Show, Switch } from 'solid-js'
import { Banner } from '../components/Banner'
import { CollectDialog } from '../components/gallery/CollectDialog'
import { FilterBar } from '../components/gallery/FilterBar'
import { GalleryGrid } from '../components/gallery/GalleryGrid'
import { GalleryHeader } from '../components/gallery/GalleryHeader'
import { gridKeyAction, type GridKeyAction } from '../components/gallery/grid-keys'
import { RemoveDialog } from '../components/gallery/RemoveDialog'
import { SelectionBar } from '../components/gallery/SelectionBar'
import { TagDialog } from '../components/gallery/TagDialog'
import { dropBlocked, type DropBlocked } from '../components/import/drop-blocked'
import { ImportDropTarget } from '../components/import/ImportDropTarget'
// Loaded when first opened: the gallery's first tiles do not wait for them.
const Inspector = lazy(() =>
  import('../components/inspector/Inspector').then((m) => ({ default: m.Inspector })),
)
const Viewer = lazy(() =>
  import('../components/viewer/Viewer').then((m) => ({ default: m.Viewer })),
)
import { call, dragOut, messageOf } from '../lib/api'
import { beginGalleryDrag, dragOfTile } from '../lib/gallery-drag'
import { useStore } from '../stores'
import type { ImportTarget } from '../../../shared/contract'
import type { HeldBy } from '../stores/gallery-actions.store'
import { TILE_SIZE } from '../stores/gallery-query.store'
import '../styles/gallery.css'
import '../styles/gallery-chrome.css'

type DialogName = 'tag' | 'remove' | 'collect'

const PLAIN_CLICK = { toggle: false, range: false }

/** The library as a gallery: wires the gallery, selection and action stores to what renders. */
export function GalleryView() {
  const { gallery, galleryQuery: q, selection, actions, roots, router, collections } = useStore()
  const [dialog, setDialog] = createSignal<DialogName | null>(null)
  const [heldBy, setHeldBy] = createSignal<HeldBy | null>(null)
  const [inspectorOpen, setInspectorOpen] = createSignal(false)
  const [openId, setOpenId] = createSignal<number | null>(null)

  const scope = () => router.scope() ?? {}
  const root = () => {
    const id = scope().rootId
    return id === undefined ? undefined : roots.byId(id)
  }
  const focusedId = () => gallery.rowAt(selection.focusIndex())?.id

  // The viewer needs an id; positions beyond the loaded rows are asked for.
  createEffect(() => {
    const index = gallery.openIndex()
    if (index === null) return setOpenId(null)
    const id = gallery.rowAt(index)?.id
    if (id !== undefined) return setOpenId(id)
    void gallery.idAt(index).then((found) => {
      if (found !== null && gallery.openIndex() === index) setOpenId(found)
    })
  })

  const openDialog = (name: DialogName): void => {
    actions.dismiss()
    setHeldBy(null)
    setDialog(name)
  }
  const act = (action: GridKeyAction): void => {
    const focus = selection.focusIndex()
    switch (action.kind) {
      case 'open':
      case 'quickLook':
        gallery.setOpenIndex(focus)
        break
      case 'toggle': {
        const row = gallery.rowAt(focus)
        if (row) selection.toggleAt(focus, row.id)
        break
      }
      case 'selectAll':
        selection.selectAll()
        break
      case 'clear':
        selection.clear()
        break
      case 'delete':
        if (selection.isEmpty()) selection.click(focus, gallery.rowAt(focus)?.id ?? -1, PLAIN_CLICK)
        openDialog('remove')
        break
      case 'zoom':
        if (action.step > 0) q.zoomIn()
        else q.zoomOut()
        break
      case 'inspector':
        setInspectorOpen((open) => !open)
        break
    }
  }

  // Zoom, select-all and Esc also work while nothing in particular has focus.
  onMount(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null
      if (
        event.defaultPrevented ||
        (target && target !== document.body && target.id !== 'main-content')
      )
        return
      const action = gridKeyAction(event)
      if (
        !action ||
        action.kind === 'move' ||
        action.kind === 'open' ||
        action.kind === 'quickLook'
      )
        return
      event.preventDefault()
      act(action)
    }
    document.addEventListener('keydown', onKey)
    onCleanup(() => document.removeEventListener('keydown', onKey))
  })

  // Files dropped on the gallery go to the folder it shows, else to the inbox of its root (or
  // of the first library folder that is not offline, when it shows everything).
  const blocked = (): DropBlocked | null => dropBlocked(roots.roots, root(), roots.loaded)
  const dropTarget = (): { into: ImportTarget; label: string } | null => {
    const place = scope()
    const shown = root()
    if (blocked()) return null
    if (shown && place.folder)
      return {
        into: { path: `${shown.path}/${place.folder}` },
        label: `${shown.label} › ${place.folder.split('/').join(' › ')}`,
      }
    // A root being scanned takes files as well as an idle one; an offline one cannot.
    const target = shown ?? roots.roots.find((r) => r.status !== 'offline')
    if (!target) return null
    return { into: { rootId: target.id }, label: `${target.label} › ${target.inbox}` }
  }
  // "Show in gallery": the inbox of the drop's root, newest first.
  const showImported = (): void => {
    const target = dropTarget()
    if (!target) return
    const rootId = 'rootId' in target.into ? target.into.rootId : root()?.id
    const inbox = rootId === undefined ? undefined : roots.byId(rootId)?.inbox
    q.setSort('added')
    q.setDesc(true)
    if (rootId !== undefined)
      router.go({
        name: 'library',
        rootId,
        folder: 'rootId' in target.into ? inbox : scope().folder,
      })
  }

  // A tile drag carries the selection it is part of (else the tile) to a playlist or an album;
  // in the desktop app it is also the OS drag of the files, out to the desktop.
  const dragTile = (index: number, id: number, event: DragEvent): void => {
    const drag = dragOfTile(
      selection.model(),
      gallery.query(),
      gallery.total() ?? 0,
      index,
      id,
      (i) => gallery.rowAt(i)?.id,
    )
    if (!dragOut) return beginGalleryDrag(event.dataTransfer, drag)
    // The OS drag of the files replaces the page's own drag of the element.
    event.preventDefault()
    beginGalleryDrag(null, drag)
    dragTiles(index, id)
  }

  // Dragging a selected tile out takes the selection along (up to 100 files), else the tile alone.
  const dragTiles = (index: number, id: number): void => {
    void (async () => {
      const ids = selection.isSelected(index, id)
        ? await call('assets.ids', { selection: await selection.resolve(), limit: 100 })
        : [id]
      const refused = await dragOut!(ids)
      if (refused) actions.report(refused)
    })().catch((error: unknown) => actions.report(messageOf(error)))
  }

  const removeSelection = async (confirm: boolean): Promise<void> => {
    const answer = await actions.remove(confirm)
    if (!answer) return
    if (answer.removed.length === 0 && answer.heldBy.length) return void setHeldBy(answer.heldBy)
    setDialog(null)
    selection.clear()
  }
  const finish = (done: Promise<unknown>): void => {
    void done.then((answer) => answer && setDialog(null))
  }

  return (
    <div class="gallery-view">
      <GalleryHeader
        root={root()}
        folder={scope().folder ?? null}
        total={gallery.total()}
        text={q.query().text ?? null}
      />
      <FilterBar
        filters={q.filters()}
        onFilter={q.setFilter}
        onClear={q.clearFilters}
        hasFilters={q.hasFilters()}
        tags={actions.tags()}
        sort={q.sort()}
        desc={q.desc()}
        onSort={q.setSort}
        onDesc={q.setDesc}
        grouping={q.grouping()}
        onGrouping={q.setGrouping}
        zoom={q.zoom()}
        onZoom={q.setZoom}
        arrangement={q.arrangement()}
        onArrangement={q.setArrangement}
        inspector={inspectorOpen()}
        onInspector={() => setInspectorOpen((open) => !open)}
      />
      <Show when={gallery.error()}>
        {(message) => (
          <Banner tone="error" onDismiss={gallery.dismissError}>
            {message()}
          </Banner>
        )}
      </Show>
      <Show when={actions.error()}>
        {(message) => (
          <Banner tone="error" onDismiss={actions.dismiss}>
            {message()}
          </Banner>
        )}
      </Show>
      <Show when={actions.notice()}>
        {(message) => (
          <Banner tone="info" onDismiss={actions.dismiss} testId="gallery-notice">
            {message()}
          </Banner>
        )}
      </Show>
      <ImportDropTarget
        into={dropTarget()?.into ?? null}
        targetLabel={dropTarget()?.label ?? 'No library folder can take files now'}
        blocked={blocked()}
        onShowInGallery={showImported}
      >
        <div class="gallery-view__body">
          <Switch>
            <Match when={gallery.total() === null}>
              <p class="loading gallery-view__empty">Loading the gallery…</p>
            </Match>
            <Match when={gallery.total() === 0}>
              <div class="gallery-view__empty" role="status" data-testid="gallery-empty">
                <p class="placeholder-panel__title">Nothing here.</p>
                <p class="placeholder-panel__text">
                  {q.hasFilters() || q.query().text
                    ? 'No asset matches these filters and this search.'
                    : 'No media has been found in this place yet; files appear here as they are indexed.'}
                </p>
              </div>
            </Match>
          </Switch>
          <div class="gallery-view__grid" hidden={!gallery.total()}>
            <GalleryGrid
              label={root()?.label ?? 'Library'}
              total={gallery.total() ?? 0}
              groups={gallery.groups()}
              generation={gallery.generation()}
              tileSize={TILE_SIZE[q.zoom()]}
              justified={q.arrangement() === 'justified'}
              focusIndex={selection.focusIndex()}
              rowAt={gallery.rowAt}
              isSelected={selection.isSelected}
              isOffline={(rootId) => roots.byId(rootId)?.status === 'offline'}
              onView={gallery.setView}
              onSelect={selection.click}
              onMoveFocus={selection.moveFocus}
              onAction={act}
              onOpen={(index) => gallery.setOpenIndex(index)}
              onBandBegin={selection.beginBand}
              onBand={selection.band}
              onBandEnd={selection.endBand}
              onTileDrag={dragTile}
            />
          </div>
          <Show when={inspectorOpen() && focusedId()}>
            {(id) => (
              <aside class="gallery-view__inspector" aria-label="Inspector">
                <Inspector assetId={id()} />
              </aside>
            )}
          </Show>
        </div>
      </ImportDropTarget>
      <Show when={!selection.isEmpty()}>
        <SelectionBar
          count={selection.count()}
          all={selection.isAll()}
          busy={actions.busy()}
          onTag={() => openDialog('tag')}
          onRate={(n) => void actions.rate(n)}
          onRetry={() => void actions.retry()}
          onCollect={() => openDialog('collect')}
          onRemove={() => openDialog('remove')}
          onSelectAll={selection.selectAll}
          onClear={selection.clear}
        />
      </Show>
      <Switch>
        <Match when={dialog() === 'tag'}>
          <TagDialog
            count={selection.count()}
            tags={actions.tags()}
            busy={actions.busy()}
            onApply={(add, remove) => finish(actions.tag(add, remove))}
            onClose={() => setDialog(null)}
          />
        </Match>
        <Match when={dialog() === 'remove'}>
          <RemoveDialog
            count={selection.count()}
            heldBy={heldBy()}
            busy={actions.busy()}
            onRemove={(confirm) => void removeSelection(confirm)}
            onClose={() => setDialog(null)}
          />
        </Match>
        <Match when={dialog() === 'collect'}>
          <CollectDialog
            count={selection.count()}
            busy={actions.busy()}
            list={actions.collections}
            onAdd={(kind, name, create) =>
              finish(actions.addToCollection(kind, name, create).finally(collections.reload))
            }
            onClose={() => setDialog(null)}
          />
        </Match>
      </Switch>
      <Show when={gallery.openIndex() !== null && openId()}>
        {(id) => (
          <Viewer
            assetId={id()}
            index={gallery.openIndex() ?? 0}
            total={gallery.total() ?? 0}
            idAt={gallery.idAt}
            onNavigate={(index) => {
              selection.moveFocus(index, false)
              gallery.setOpenIndex(index)
            }}
            onClose={() => gallery.setOpenIndex(null)}
          />
        )}
      </Show>
    </div>
  )
}

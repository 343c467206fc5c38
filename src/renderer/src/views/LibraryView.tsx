import { Match, Show, Switch } from 'solid-js'
import { Banner } from '../components/Banner'
import { IconLibrary } from '../components/icons'
import { dropBlocked } from '../components/import/drop-blocked'
import { RefusingDropZone } from '../components/import/RefusingDropZone'
import { useStore } from '../stores'
import { AddFolder } from './AddFolder'
import { GalleryView } from './GalleryView'

/** `#/library`: the gallery of everything once a folder exists; until then, "Add a folder". */
export function LibraryView() {
  const { roots } = useStore()
  return (
    <Switch>
      <Match when={!roots.loaded}>
        <RootsLoading />
      </Match>
      <Match when={roots.roots.length === 0}>
        <RefusingDropZone blocked={NO_FOLDER}>
          <EmptyLibrary />
        </RefusingDropZone>
      </Match>
      <Match when={roots.roots.length > 0}>
        <GalleryView />
      </Match>
    </Switch>
  )
}

// Files dropped before any folder exists: the form to add one is on this page.
const NO_FOLDER = {
  ...dropBlocked([], undefined)!,
  advice: 'Add a folder below first, then drop the files again.',
}

/** While the folder list loads, or why it did not. */
export function RootsLoading() {
  const { roots } = useStore()
  return (
    <Show when={roots.loadError()} fallback={<p class="loading">Loading the library…</p>}>
      {(message) => (
        <Banner
          tone="error"
          action={
            <button type="button" class="button button--small" onClick={() => void roots.reload()}>
              Try again
            </button>
          }
        >
          {message()}
        </Banner>
      )}
    </Show>
  )
}

export function EmptyLibrary() {
  return (
    <section class="empty-state" aria-labelledby="page-title">
      <div class="empty-state__icon" aria-hidden="true">
        <IconLibrary class="icon icon--large" />
      </div>
      <h1 class="empty-state__title" id="page-title" tabIndex={-1}>
        Add a folder
      </h1>
      <p class="empty-state__text">
        Marquee indexes the media you already have — on this computer or on a NAS — right where it
        is. It never moves, renames or changes your files, keeps working when a share is unplugged,
        and exports verified bundles your signage players can play offline.
      </p>
      <div class="empty-state__form panel">
        <AddFolder />
      </div>
    </section>
  )
}

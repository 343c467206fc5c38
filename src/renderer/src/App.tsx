import { createEffect, lazy, Match, on, onCleanup, Show, Switch } from 'solid-js'
import { Banner } from './components/Banner'
import { Sidebar } from './components/Sidebar'
import { SidebarCollections } from './components/SidebarCollections'
import { StatusBar } from './components/StatusBar'
import { TopBar, type Crumb } from './components/TopBar'
import { setDocumentTitle } from './lib/document'
import { installShortcuts } from './lib/keyboard'
import { scansAnnouncement, scansText, type LabelledProgress } from './lib/scan-text'
import { useStore } from './stores'
import { hrefOf, type Route } from './stores/router.store'
import { FoldersView } from './views/FoldersView'
import { LibraryView } from './views/LibraryView'
import { RootView } from './views/RootView'

// Views away from the gallery load when first opened, so the start page comes up sooner.
const IntegrationsView = lazy(() =>
  import('./views/IntegrationsView').then((m) => ({ default: m.IntegrationsView })),
)
const CollectionsView = lazy(() =>
  import('./views/CollectionsView').then((m) => ({ default: m.CollectionsView })),
)
const ExportsView = lazy(() =>
  import('./views/ExportsView').then((m) => ({ default: m.ExportsView })),
)
const ProfilesView = lazy(() =>
  import('./views/ProfilesView').then((m) => ({ default: m.ProfilesView })),
)
// The graph explorer brings cytoscape; only those who open it load it.
const GraphView = lazy(() => import('./views/GraphView').then((m) => ({ default: m.GraphView })))

/** The frame of the app: sidebar, top bar, the current view, status bar. */
export default function App() {
  const { app, roots, router, search, addFolder, scans, storage, folders, imports } = useStore()
  const { exportJobs } = useStore()
  const { collections, actions } = useStore()
  let searchInput: HTMLInputElement | undefined
  let main: HTMLElement | undefined

  onCleanup(installShortcuts({ onSearch: () => searchInput?.select() }))

  const crumbsOf = (route: Route): Crumb[] => {
    switch (route.name) {
      case 'library': {
        const crumbs: Crumb[] = [{ label: 'Library', href: hrefOf({ name: 'library' }) }]
        const { rootId, folder } = route
        if (rootId === undefined) return crumbs
        crumbs.push({
          label: roots.byId(rootId)?.label ?? 'Folder not found',
          href: hrefOf({ name: 'library', rootId }),
        })
        const parts = (folder ?? '').split('/').filter(Boolean)
        parts.forEach((part, i) =>
          crumbs.push({
            label: part,
            href: hrefOf({ name: 'library', rootId, folder: parts.slice(0, i + 1).join('/') }),
          }),
        )
        return crumbs
      }
      case 'folders':
        return [{ label: 'Folders' }]
      case 'root':
        return [
          { label: 'Folders', href: hrefOf({ name: 'folders' }) },
          { label: roots.byId(route.rootId)?.label ?? 'Folder not found' },
        ]
      case 'collections':
        return route.open
          ? [
              { label: 'Collections', href: hrefOf({ name: 'collections' }) },
              { label: route.open.name },
            ]
          : [{ label: 'Collections' }]
      case 'integrations':
        return [{ label: 'Integrations' }]
      case 'exports':
        return [{ label: 'Exports' }]
      case 'profiles':
        return [{ label: 'Player profiles' }]
      case 'graph':
        return [{ label: 'Graph' }]
    }
  }
  // Counts in the sidebar's collections change on their pages: read them again on the way out.
  createEffect(on(router.route, () => void collections.reload(), { defer: true }))
  const crumbs = (): Crumb[] => crumbsOf(router.route())
  createEffect(() => setDocumentTitle(crumbs().at(-1)?.label ?? null))

  // A folder opened from elsewhere (a link, a reload) shows where it is in the sidebar.
  createEffect(() => {
    const scope = router.scope()
    if (scope?.rootId !== undefined && scope.folder) folders.reveal(scope.rootId, scope.folder)
  })
  const showsGallery = () => router.route().name === 'library' && roots.roots.length > 0

  /** Search is the gallery's: from another view, Enter goes there. */
  const submitSearch = (): void => {
    search.submit()
    if (router.route().name !== 'library') router.go({ name: 'library' })
  }

  const runningScans = (): LabelledProgress[] =>
    scans.visible().map((progress) => ({
      label: roots.byId(progress.rootId)?.label ?? 'a folder',
      progress,
    }))

  const addFromSidebar = (): void => {
    if (addFolder.canPick) {
      void addFolder.choose()
      return
    }
    router.go({ name: 'folders' })
    addFolder.show()
  }

  return (
    <div class="app" data-testid="app-shell">
      <a
        class="skip-link"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault()
          main?.focus()
        }}
      >
        Skip to content
      </a>
      <Sidebar
        roots={roots.roots}
        loaded={roots.loaded}
        statusOf={scans.statusOf}
        isCurrent={router.isCurrent}
        addLabel={addFolder.canPick ? 'Add folder…' : 'Add folder'}
        onAddFolder={addFromSidebar}
        folders={{
          treeOf: folders.treeOf,
          errorOf: folders.errorOf,
          isOpen: folders.isOpen,
          onToggle: folders.toggle,
        }}
      >
        <SidebarCollections
          playlists={collections.list('playlist')}
          albums={collections.list('album')}
          isOpen={(kind, name) => {
            const route = router.route()
            return (
              route.name === 'collections' &&
              route.open?.kind === kind &&
              route.open.name.toLowerCase() === name.toLowerCase()
            )
          }}
          onDrop={(kind, name, drag) =>
            void actions.addDragged(kind, name, drag).then(() => collections.reload())
          }
        />
      </Sidebar>
      <div class="workspace">
        <TopBar
          crumbs={crumbs()}
          query={search.query()}
          onQuery={search.setQuery}
          onSubmit={submitSearch}
          onClear={search.clear}
          searchRef={(el) => (searchInput = el)}
          shortcutHint="/"
        />
        <main
          class="main"
          classList={{ 'main--gallery': showsGallery() }}
          id="main-content"
          tabIndex={-1}
          ref={main}
        >
          <div class="main__inner">
            <Show when={app.connection() === 'disconnected'}>
              <Banner
                tone="warning"
                action={
                  <button type="button" class="button button--small" onClick={app.retryConnection}>
                    Retry now
                  </button>
                }
              >
                Marquee’s server cannot be reached, so changes cannot be saved. It keeps trying; if
                the server was restarted, open the new address it printed.
              </Banner>
            </Show>
            <Show when={storage.pausedMessage()}>
              {(message) => (
                <Banner tone="warning" testId="storage-banner">
                  {message()}
                </Banner>
              )}
            </Show>
            <Show when={roots.error()}>
              {(message) => (
                <Banner tone="error" onDismiss={roots.dismissError}>
                  {message()}
                </Banner>
              )}
            </Show>
            <Switch>
              <Match when={router.route().name === 'library'}>
                <LibraryView />
              </Match>
              <Match when={router.route().name === 'folders'}>
                <FoldersView />
              </Match>
              <Match when={router.rootId()}>{(id) => <RootView rootId={id()} />}</Match>
              <Match when={router.route().name === 'collections'}>
                <CollectionsView />
              </Match>
              <Match when={router.route().name === 'integrations'}>
                <IntegrationsView />
              </Match>
              <Match when={router.route().name === 'exports'}>
                <ExportsView />
              </Match>
              <Match when={router.route().name === 'profiles'}>
                <ProfilesView />
              </Match>
              <Match when={router.route().name === 'graph'}>
                <GraphView />
              </Match>
            </Switch>
          </div>
        </main>
      </div>
      <StatusBar
        connection={app.connection()}
        wasConnected={app.wasConnected()}
        face={app.face}
        rootCount={roots.loaded ? roots.roots.length : null}
        version={app.info()?.version ?? null}
        dataDir={app.info()?.dataDir ?? null}
        scans={scansText(runningScans())}
        scansAnnouncement={scansAnnouncement(runningScans())}
        imports={imports.text()}
        exports={exportJobs.text()}
      />
    </div>
  )
}

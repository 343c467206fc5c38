import { createContext, useContext, type ParentProps } from 'solid-js'
import { createAddFolderStore } from './add-folder.store'
import { createAppStore } from './app.store'
import { createGalleryActionsStore } from './gallery-actions.store'
import { createGalleryFoldersStore } from './gallery-folders.store'
import { createGalleryQueryStore } from './gallery-query.store'
import { createGalleryStore } from './gallery.store'
import { createRescansStore } from './rescans.store'
import { createRootIndexStore } from './root-index.store'
import { createRootsStore } from './roots.store'
import { createRouterStore } from './router.store'
import { createScansStore } from './scans.store'
import { createSearchStore } from './search.store'
import { createSelectionStore } from './selection.store'
import { createImportsStatusStore } from './imports-status.store'
import { createStorageStore } from './storage.store'
import { createExportJobsStore } from './export-jobs.store'
import { createCollectionsStore } from './collections.store'

function createRootStore() {
  const app = createAppStore()
  const roots = createRootsStore()
  const router = createRouterStore()
  const search = createSearchStore()
  const addFolder = createAddFolderStore(roots)
  const scans = createScansStore()
  const rescans = createRescansStore(roots, scans)
  const rootIndex = createRootIndexStore()
  const storage = createStorageStore()
  const imports = createImportsStatusStore()
  const galleryQuery = createGalleryQueryStore(router, search)
  const gallery = createGalleryStore(galleryQuery)
  const selection = createSelectionStore(gallery)
  const actions = createGalleryActionsStore(selection)
  const folders = createGalleryFoldersStore()
  const exportJobs = createExportJobsStore()
  const collections = createCollectionsStore()

  return {
    app,
    roots,
    router,
    search,
    addFolder,
    scans,
    rescans,
    rootIndex,
    storage,
    imports,
    galleryQuery,
    gallery,
    selection,
    actions,
    folders,
    exportJobs,
    collections,
  }
}

export type Store = ReturnType<typeof createRootStore>

const StoreContext = createContext<Store>()

export function StoreProvider(props: ParentProps) {
  const store = createRootStore()
  return <StoreContext.Provider value={store}>{props.children}</StoreContext.Provider>
}

export function useStore(): Store {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStore() needs a <StoreProvider> above it.')
  return store
}

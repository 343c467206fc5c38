import { createContext, createEffect, on, useContext, type ParentProps } from 'solid-js'
import { createAddFolderStore } from './add-folder.store'
import { createAppStore } from './app.store'
import { createRescansStore } from './rescans.store'
import { createRootIndexStore } from './root-index.store'
import { createRootsStore } from './roots.store'
import { createRouterStore } from './router.store'
import { createScansStore } from './scans.store'
import { createSearchStore } from './search.store'
import { createStorageStore } from './storage.store'

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

  // A search notice belongs to the view it was asked from.
  createEffect(on(router.route, () => search.dismiss(), { defer: true }))

  return { app, roots, router, search, addFolder, scans, rescans, rootIndex, storage }
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

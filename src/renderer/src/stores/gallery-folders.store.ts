import { createSignal, onCleanup, untrack } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type { FolderNode } from '../../../shared/domain'
import { call, messageOf, on, onReconnect } from '../lib/api'

/** Folder counts move with every added or removed asset: refetched at most this often. */
const REFRESH_MS = 2000

/**
 * The sidebar's folder trees: fetched for a root the first time it is expanded, kept fresh
 * while expanded. Which nodes are open is remembered per path ("<rootId>:<folder>").
 */
export function createGalleryFoldersStore() {
  const [trees, setTrees] = createStore<Record<number, FolderNode | undefined>>({})
  const [errors, setErrors] = createStore<Record<number, string | undefined>>({})
  const [open, setOpen] = createSignal<ReadonlySet<string>>(new Set())

  const load = async (rootId: number): Promise<void> => {
    try {
      const tree = await call('folders.tree', { rootId })
      setTrees(rootId, reconcile(tree, { key: 'path' }))
      setErrors(rootId, undefined)
    } catch (e) {
      setErrors(rootId, `Its folders could not be loaded. ${messageOf(e)}`)
    }
  }
  const expandedRoots = (): number[] =>
    [...open()].filter((key) => key.endsWith(':')).map((key) => Number(key.slice(0, -1)))

  let timer: ReturnType<typeof setTimeout> | undefined
  const refresh = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => expandedRoots().forEach((id) => void load(id)), REFRESH_MS)
  }
  onCleanup(() => clearTimeout(timer))
  onCleanup(
    on('assets.changed', (c) => (c.resync || c.added.length || c.removed.length) && refresh()),
  )
  onCleanup(on('scan.progress', (p) => p.phase === 'done' && refresh()))
  onCleanup(onReconnect(refresh))

  const keyOf = (rootId: number, folder: string): string => `${rootId}:${folder}`

  return {
    treeOf: (rootId: number): FolderNode | undefined => trees[rootId],
    errorOf: (rootId: number): string | undefined => errors[rootId],
    isOpen: (rootId: number, folder: string) => open().has(keyOf(rootId, folder)),
    toggle(rootId: number, folder: string) {
      const key = keyOf(rootId, folder)
      const next = new Set(open())
      if (next.has(key)) next.delete(key)
      else next.add(key)
      setOpen(next)
      if (folder === '' && next.has(key) && !trees[rootId]) void load(rootId)
    },
    /** Opens the root and every folder above `folder`, so the current folder shows. */
    reveal(rootId: number, folder: string) {
      // Called from an effect that follows the route: reading `open` there would make every
      // reveal re-run that effect (a new Set each time), an endless loop of updates.
      untrack(() => {
        const next = new Set(open())
        const parts = folder.split('/').filter(Boolean)
        for (let i = 0; i < parts.length; i++) next.add(keyOf(rootId, parts.slice(0, i).join('/')))
        if (next.size !== open().size) setOpen(next)
        if (!trees[rootId]) void load(rootId)
      })
    },
  }
}

export type GalleryFoldersStore = ReturnType<typeof createGalleryFoldersStore>

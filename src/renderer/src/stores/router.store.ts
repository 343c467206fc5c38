import { createSignal, onCleanup } from 'solid-js'
import type { CollectionKind } from '../../../shared/domain'
import { currentHash, onHashChange, pushHash, replaceHash } from '../lib/location'

export type Route =
  /** The gallery: everything, one root, or one folder of a root (and its subfolders). */
  | { name: 'library'; rootId?: number; folder?: string }
  /** The library folders: add, rename, rescan, remove. */
  | { name: 'folders' }
  | { name: 'root'; rootId: number }
  /** Albums and playlists; `open` names the one whose page is shown. */
  | { name: 'collections'; open?: { kind: CollectionKind; name: string } }
  | { name: 'integrations' }
  | { name: 'exports' }
  /** Player profiles: what each accepts, and custom ones. */
  | { name: 'profiles' }
  /** The graph explorer around one node (`asset:12`, `folder:1:Menus`…); none: an empty state. */
  | { name: 'graph'; node?: string }

const LIBRARY: Route = { name: 'library' }

const ID = /^[1-9]\d*$/

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'root':
      return `#/folders/${route.rootId}`
    case 'library': {
      if (route.rootId === undefined) return '#/library'
      const params = new URLSearchParams({ root: String(route.rootId) })
      if (route.folder) params.set('folder', route.folder)
      return `#/library?${params}`
    }
    case 'collections':
      return route.open
        ? `#/collections?${new URLSearchParams({ [route.open.kind]: route.open.name })}`
        : '#/collections'
    case 'graph':
      return route.node ? `#/graph?${new URLSearchParams({ node: route.node })}` : '#/graph'
    default:
      return `#/${route.name}`
  }
}

function parseLibrary(search: string): Route | null {
  const params = new URLSearchParams(search)
  const root = params.get('root')
  if (root === null) return params.size === 0 ? LIBRARY : null
  if (!ID.test(root)) return null
  const folder = params.get('folder')
  return folder
    ? { name: 'library', rootId: Number(root), folder }
    : { name: 'library', rootId: Number(root) }
}

/** `?playlist=<name>` or `?album=<name>`: one collection's page. */
function parseCollection(search: string): Route | null {
  const params = new URLSearchParams(search)
  if (params.size !== 1) return null
  for (const kind of ['playlist', 'album'] as const) {
    const name = params.get(kind)
    if (name) return { name: 'collections', open: { kind, name } }
  }
  return null
}

/** `#/graph[?node=<node>]`: which node the explorer starts from (checked by the core). */
function parseGraph(search: string | undefined): Route | null {
  if (search === undefined) return { name: 'graph' }
  const params = new URLSearchParams(search)
  const node = params.get('node')
  return params.size === 1 && node ? { name: 'graph', node } : null
}

/**
 * `#/graph[?node=<node>]`, `#/collections[?playlist=<name>|?album=<name>]`,
 * `#/library[?root=<id>[&folder=<path>]]`, `#/folders`, `#/folders/<id>`, `#/collections`,
 * `#/integrations`, `#/exports`; `#/library/<id>` (a root's page before the gallery) still
 * opens that page. Anything else is null.
 */
export function parseHash(hash: string): Route | null {
  const [path = '', search, ...more] = hash.replace(/^#\/?/, '').split('?')
  if (more.length) return null
  const [head, id, ...rest] = path.split('/').filter(Boolean)
  if (rest.length) return null
  if (head === undefined) return search === undefined ? LIBRARY : null
  if (head === 'library' && id === undefined) return parseLibrary(search ?? '')
  if (head === 'collections' && id === undefined && search !== undefined)
    return parseCollection(search)
  if (head === 'graph' && id === undefined) return parseGraph(search)
  if (search !== undefined) return null
  if ((head === 'library' || head === 'folders') && ID.test(id ?? '')) {
    return { name: 'root', rootId: Number(id) }
  }
  if (id !== undefined) return null
  if (head === 'folders' || head === 'collections' || head === 'integrations' || head === 'exports')
    return { name: head }
  if (head === 'profiles') return { name: head }
  return null
}

/** The view lives in the URL hash, so a reload (or a bookmark) opens the same view. */
export function createRouterStore() {
  const resolve = (hash: string): Route => {
    const route = parseHash(hash)
    if (route && hash === hrefOf(route)) return route
    replaceHash(hrefOf(route ?? LIBRARY))
    return route ?? LIBRARY
  }
  const [route, setRoute] = createSignal<Route>(resolve(currentHash()), {
    equals: (a, b) => hrefOf(a) === hrefOf(b),
  })
  onCleanup(onHashChange((hash) => setRoute(resolve(hash))))

  return {
    route,
    /** The folder whose page is shown, or null. */
    rootId: () => {
      const current = route()
      return current.name === 'root' ? current.rootId : null
    },
    /** The gallery's place: which root and folder it shows (none: everything). */
    scope: (): { rootId?: number; folder?: string } | null => {
      const current = route()
      if (current.name !== 'library') return null
      return { rootId: current.rootId, folder: current.folder }
    },
    go: (next: Route) => pushHash(hrefOf(next)),
    /** True for the current route's own nav item; a root's page also highlights nothing else. */
    isCurrent: (target: Route) =>
      hrefOf(route()) === hrefOf(target) ||
      // A playlist's page still belongs to the Collections nav item.
      (target.name === 'collections' && route().name === 'collections'),
  }
}

export type RouterStore = ReturnType<typeof createRouterStore>

import { createSignal, onCleanup } from 'solid-js'
import { currentHash, onHashChange, pushHash, replaceHash } from '../lib/location'

export type Route =
  | { name: 'library' }
  | { name: 'root'; rootId: number }
  | { name: 'collections' }
  | { name: 'integrations' }
  | { name: 'exports' }

const LIBRARY: Route = { name: 'library' }

export function hrefOf(route: Route): string {
  return route.name === 'root' ? `#/library/${route.rootId}` : `#/${route.name}`
}

/** `#/library`, `#/library/<id>`, `#/collections`, `#/integrations`, `#/exports`; else null. */
export function parseHash(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean)
  const [head, id, ...rest] = parts
  if (rest.length) return null
  if (head === undefined) return LIBRARY
  if (head === 'library' && id === undefined) return LIBRARY
  if (head === 'library' && /^[1-9]\d*$/.test(id ?? '')) return { name: 'root', rootId: Number(id) }
  if (id !== undefined) return null
  if (head === 'collections' || head === 'integrations' || head === 'exports') return { name: head }
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
    go: (next: Route) => pushHash(hrefOf(next)),
    /** True for the current route's own nav item; a root's page also highlights nothing else. */
    isCurrent: (target: Route) => hrefOf(route()) === hrefOf(target),
  }
}

export type RouterStore = ReturnType<typeof createRouterStore>

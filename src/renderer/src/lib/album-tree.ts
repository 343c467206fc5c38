import type { Collection } from '../../../shared/domain'

export interface TreeRow {
  collection: Collection
  depth: number
}

/**
 * Albums in tree order: each parent followed by its sub-albums (by name), indented by depth. An
 * album whose parent is not in the list shows at the top level; a cycle (never stored, but
 * guarded) cannot loop, as each album is placed once.
 */
export function treeOrder(albums: readonly Collection[]): TreeRow[] {
  const known = new Set(albums.map((a) => a.id))
  const children = new Map<number | null, Collection[]>()
  for (const album of albums) {
    const parent = album.parentId !== null && known.has(album.parentId) ? album.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), album])
  }
  const rows: TreeRow[] = []
  const placed = new Set<number>()
  const visit = (parent: number | null, depth: number): void => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))
    for (const album of list) {
      if (placed.has(album.id)) continue
      placed.add(album.id)
      rows.push({ collection: album, depth })
      visit(album.id, depth + 1)
    }
  }
  visit(null, 0)
  // Albums only reachable through a cycle still show, at the top.
  for (const album of albums) if (!placed.has(album.id)) rows.push({ collection: album, depth: 0 })
  return rows
}

/** The album and everything inside it: where it cannot be moved to. */
export function selfAndInside(albums: readonly Collection[], id: number): Set<number> {
  const out = new Set([id])
  let grew = true
  while (grew) {
    grew = false
    for (const a of albums)
      if (a.parentId !== null && out.has(a.parentId) && !out.has(a.id)) {
        out.add(a.id)
        grew = true
      }
  }
  return out
}

/** The cover first, then the other first items: the up to four pictures of a collage. */
export function collageOf(collection: Pick<Collection, 'coverSha256' | 'preview'>): string[] {
  const cover = collection.coverSha256
  const rest = collection.preview.filter((sha) => sha !== cover)
  return (cover ? [cover, ...rest] : rest).slice(0, 4)
}

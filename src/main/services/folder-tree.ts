import type { FolderNode } from '../../shared/domain'

/**
 * The folders of a root as a tree, from the count of assets directly in each folder. Folders
 * with no asset of their own but with some below them appear too (they are on the way).
 */
export function folderTree(rootName: string, counts: Record<string, number>): FolderNode {
  const root: FolderNode = {
    path: '',
    name: rootName,
    own: counts[''] ?? 0,
    total: 0,
    children: [],
  }
  const nodes = new Map<string, FolderNode>([['', root]])
  const nodeAt = (path: string): FolderNode => {
    let node = nodes.get(path)
    if (node) return node
    const cut = path.lastIndexOf('/')
    const parent = nodeAt(cut < 0 ? '' : path.slice(0, cut))
    node = { path, name: path.slice(cut + 1), own: 0, total: 0, children: [] }
    parent.children.push(node)
    nodes.set(path, node)
    return node
  }
  for (const [path, n] of Object.entries(counts)) if (path !== '') nodeAt(path).own = n
  const total = (node: FolderNode): number => {
    node.children.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }))
    node.total = node.own + node.children.reduce((sum, child) => sum + total(child), 0)
    return node.total
  }
  total(root)
  return root
}

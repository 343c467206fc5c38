import type { GraphNodeInfo } from '../../shared/graph'
import { AppError } from '../errors'
import { nodeName, parseNode, type GraphNode } from '../graph/node'
import type { GraphNodesRepository } from '../repositories/graph-nodes.repository'

/** Labels and thumbnails for graph nodes, so the explorer can draw names instead of ids. */
export class GraphNodesService {
  constructor(private readonly repo: GraphNodesRepository) {}

  describe(values: string[]): GraphNodeInfo[] {
    const nodes = values.map((value): GraphNode => {
      let parsed
      try {
        parsed = parseNode(value)
      } catch (error) {
        throw new AppError('INVALID_ARGUMENT', (error as Error).message)
      }
      if (parsed.kind === 'path')
        throw new AppError('INVALID_ARGUMENT', 'Describe nodes by name (asset:<id>), not by path.')
      return parsed
    })
    const ids = (kind: GraphNode['kind']): number[] =>
      nodes.filter((n) => n.kind === kind).map((n) => n.num)
    const assets = new Map(this.repo.assets(ids('asset')).map((a) => [a.id, a]))
    const collections = new Map(this.repo.collections(ids('collection')).map((c) => [c.id, c]))
    const roots = new Map(this.repo.roots(ids('root').concat(ids('folder'))).map((r) => [r.id, r]))
    const bundleIds = nodes.filter((n) => n.kind === 'bundle').map((n) => n.text)
    const bundles = new Map(this.repo.bundles(bundleIds).map((b) => [b.id, b]))

    return nodes.map((n): GraphNodeInfo => {
      const node = nodeName(n)
      switch (n.kind) {
        case 'asset': {
          const a = assets.get(n.num)
          if (!a) return { node, kind: n.kind, label: `Asset ${n.num} (removed)`, exists: false }
          return {
            node,
            kind: n.kind,
            label: a.name,
            exists: true,
            assetType: a.type,
            sha256: a.sha256,
            variants: a.variants ? a.variants.split(',') : [],
          }
        }
        case 'collection': {
          const c = collections.get(n.num)
          return c
            ? { node, kind: n.kind, label: `${c.kind} ${c.name}`, exists: true }
            : { node, kind: n.kind, label: `Collection ${n.num} (removed)`, exists: false }
        }
        case 'bundle': {
          const b = bundles.get(n.text)
          return b
            ? { node, kind: n.kind, label: b.name || b.dir, exists: true }
            : { node, kind: n.kind, label: `Bundle ${n.text} (removed)`, exists: false }
        }
        case 'root': {
          const r = roots.get(n.num)
          return { node, kind: n.kind, label: r?.label ?? `Root ${n.num}`, exists: r !== undefined }
        }
        case 'folder': {
          // A folder exists while it holds a file; its label is its last path part.
          const r = roots.get(n.num)
          return { node, kind: n.kind, label: n.text.split('/').at(-1) ?? n.text, exists: !!r }
        }
      }
    })
  }
}

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
    const texts = (kind: GraphNode['kind']): string[] =>
      nodes.filter((n) => n.kind === kind).map((n) => n.text)
    const integrations = new Map(this.repo.integrations(ids('integration')).map((i) => [i.id, i]))
    const media = new Map(this.repo.media(texts('media')).map((m) => [m.sha256, m]))
    const renditions = new Map(this.repo.renditions(texts('rendition')).map((r) => [r.key, r]))

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
        case 'integration': {
          const i = integrations.get(n.num)
          return i
            ? { node, kind: n.kind, label: `${i.kind} ${i.name}`, exists: true }
            : { node, kind: n.kind, label: `Integration ${n.num} (removed)`, exists: false }
        }
        case 'media': {
          // Its source URL says what it is; the hash alone says nothing to an operator.
          const m = media.get(n.text)
          return m
            ? {
                node,
                kind: n.kind,
                label: m.url ?? `${m.mime} ${n.text.slice(0, 8)}`,
                exists: true,
              }
            : { node, kind: n.kind, label: `Media ${n.text.slice(0, 8)} (gone)`, exists: false }
        }
        case 'rendition': {
          const r = renditions.get(n.text)
          const variant = n.text.slice(65)
          if (!r) return { node, kind: n.kind, label: `${variant} (gone)`, exists: false }
          const size = r.width && r.height ? ` ${r.width}×${r.height}` : ''
          return { node, kind: n.kind, label: `${variant}${size}`, exists: true }
        }
      }
    })
  }
}

/**
 * Rings (a radial tree around the node the explorer opened on, lib/radial-layout.ts) is linear
 * and the default; cytoscape's tree (breadthfirst) and force (cose) layouts are offered for
 * small graphs only, where they finish in well under a second.
 */
import type { Core, LayoutOptions } from 'cytoscape'
import { radialTree } from '../../lib/radial-layout'

export type LayoutName = 'rings' | 'tree' | 'force'

/**
 * Above these many nodes a layout takes seconds (measured at 1,000 nodes / 5,000 edges by
 * test/bench/graph-explorer.mjs: force ~50 s, tree ~2.7 s), so it is not offered; rings always is.
 */
export const FORCE_LIMIT = 200
export const TREE_LIMIT = 300

export function layoutOptions(name: LayoutName, center: string, cy: Core): LayoutOptions {
  switch (name) {
    case 'rings': {
      const positions = radialTree(
        center,
        cy.nodes().map((n) => n.id()),
        cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() })),
      )
      return {
        name: 'preset',
        animate: false,
        fit: true,
        padding: 30,
        positions: (node: { id(): string }) => positions.get(node.id()) ?? { x: 0, y: 0 },
      } as LayoutOptions
    }
    case 'tree':
      return {
        name: 'breadthfirst',
        animate: false,
        fit: true,
        padding: 30,
        directed: false,
        roots: [center],
        spacingFactor: 1.2,
      }
    case 'force':
      return {
        name: 'cose',
        animate: false,
        fit: true,
        padding: 30,
        randomize: false,
        numIter: 600,
        idealEdgeLength: () => 70,
        nodeRepulsion: () => 6000,
      }
  }
}

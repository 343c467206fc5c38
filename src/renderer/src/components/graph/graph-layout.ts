/**
 * Layouts that stay fast at a thousand nodes: rings by distance from the node the explorer
 * opened on (concentric) and a tree (breadthfirst) are linear-ish; the force layout (cose) is
 * only offered for small graphs, where it finishes in well under a second.
 */
import type { LayoutOptions } from 'cytoscape'

export type LayoutName = 'rings' | 'tree' | 'force'

/** Above this many nodes the force layout takes seconds, so it is not offered. */
export const FORCE_LIMIT = 200

export function layoutOptions(name: LayoutName, center: string, maxDepth: number): LayoutOptions {
  switch (name) {
    case 'rings':
      return {
        name: 'concentric',
        animate: false,
        fit: true,
        padding: 30,
        // Room for the labels under the nodes, which the layout does not measure.
        minNodeSpacing: 48,
        concentric: (node) => maxDepth + 1 - Number(node.data('depth')),
        levelWidth: () => 1,
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

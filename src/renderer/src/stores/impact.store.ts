import { createResource } from 'solid-js'
import type { ImpactResult } from '../../../shared/graph'
import { call } from '../lib/api'

/**
 * What uses a node (graph.impact, or `load` for what is no graph node, such as an
 * integration), asked once when something is about to go.
 */
export function createImpact(
  node: () => string,
  load: (node: string) => Promise<ImpactResult> = graphImpact,
) {
  const [impact] = createResource(node, load)
  return impact
}

export const graphImpact = (node: string): Promise<ImpactResult> => call('graph.impact', { node })

import { createResource } from 'solid-js'
import { call } from '../lib/api'

/** What uses a node (graph.impact), asked once when something is about to go. */
export function createImpact(node: () => string) {
  const [impact] = createResource(node, (name) => call('graph.impact', { node: name }))
  return impact
}

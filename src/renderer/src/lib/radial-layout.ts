/**
 * The explorer's default layout: a radial tree. The node the explorer opened on sits in the
 * middle, each ring is one step further out, and each node's children share the slice of the
 * circle their parent got (in proportion to how many leaves they carry), so a node sits near
 * what it was reached from and edges rarely cross. Linear in nodes and edges: a thousand nodes
 * take a few milliseconds, where force layouts take seconds.
 */

export interface Position {
  x: number
  y: number
}

/** Distance between rings, and the arc each node needs on a crowded ring (label room). */
const RING_GAP = 130
const NODE_ARC = 58

export function radialTree(
  center: string,
  nodes: readonly string[],
  edges: ReadonlyArray<{ source: string; target: string }>,
): Map<string, Position> {
  const adjacent = new Map<string, string[]>()
  const link = (a: string, b: string): void => {
    const list = adjacent.get(a)
    if (list) list.push(b)
    else adjacent.set(a, [b])
  }
  for (const e of edges) {
    if (e.source === e.target) continue
    link(e.source, e.target)
    link(e.target, e.source)
  }
  // Breadth-first from the centre: each node's parent is the first node that reached it.
  const children = new Map<string, string[]>()
  const depth = new Map([[center, 0]])
  const order = [center]
  for (let i = 0; i < order.length; i++) {
    const at = order[i]!
    for (const next of (adjacent.get(at) ?? []).sort()) {
      if (depth.has(next)) continue
      depth.set(next, depth.get(at)! + 1)
      const siblings = children.get(at)
      if (siblings) siblings.push(next)
      else children.set(at, [next])
      order.push(next)
    }
  }
  // Whatever no edge joins to the centre goes on one ring past the rest.
  const outer = (order.length ? Math.max(...depth.values()) : 0) + 1
  const strays = nodes.filter((n) => !depth.has(n))
  for (const n of strays) depth.set(n, outer)

  const leaves = new Map<string, number>()
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!
    const sum = (children.get(n) ?? []).reduce((s, c) => s + leaves.get(c)!, 0)
    leaves.set(n, Math.max(1, sum))
  }

  const perRing = new Map<number, number>()
  for (const d of depth.values()) perRing.set(d, (perRing.get(d) ?? 0) + 1)
  const radius = [0]
  for (let d = 1; d <= outer; d++) {
    const crowded = ((perRing.get(d) ?? 0) * NODE_ARC) / (2 * Math.PI)
    radius.push(Math.max(radius[d - 1]! + RING_GAP, crowded))
  }

  const positions = new Map<string, Position>()
  const at = (r: number, angle: number): Position => ({
    x: r * Math.cos(angle),
    y: r * Math.sin(angle),
  })
  const slices = new Map([[center, [-Math.PI / 2, (3 * Math.PI) / 2] as [number, number]]])
  for (const n of order) {
    const [start, end] = slices.get(n)!
    positions.set(n, at(radius[depth.get(n)!]!, (start + end) / 2))
    let from = start
    for (const c of children.get(n) ?? []) {
      const share = ((end - start) * leaves.get(c)!) / leaves.get(n)!
      slices.set(c, [from, from + share])
      from += share
    }
  }
  strays.forEach((n, i) =>
    positions.set(n, at(radius[outer]!, -Math.PI / 2 + (2 * Math.PI * i) / strays.length)),
  )
  return positions
}

import type { PlaylistChanges } from '../../shared/exports'

/** One item of a playlist as a bundle recorded it, and as it is compared later. */
export interface SnapshotItem {
  /** collection_items.id: stays when an item is reordered, re-timed or its asset replaced. */
  id: number
  /** Null for a web page or integration item. */
  assetId: number | null
  sha256: string | null
  /** What the player shows it for (its own duration or the default). */
  durationMs: number
}

/**
 * What changed in a playlist between a bundle's snapshot and now, item by item (by item id, so a
 * playlist that holds the same asset twice is still told apart). An item whose asset was swapped
 * (assets.replace rewrites the item's asset) or whose file's content changed counts as replaced.
 */
export function diffPlaylist(before: SnapshotItem[], now: SnapshotItem[]): PlaylistChanges {
  const then = new Map(before.map((i) => [i.id, i]))
  const current = new Map(now.map((i) => [i.id, i]))
  let replaced = 0
  let durationsChanged = 0
  for (const item of now) {
    const old = then.get(item.id)
    if (!old) continue
    if (old.assetId !== item.assetId || old.sha256 !== item.sha256) replaced++
    if (old.durationMs !== item.durationMs) durationsChanged++
  }
  const keptBefore = before.filter((i) => current.has(i.id)).map((i) => i.id)
  const keptNow = now.filter((i) => then.has(i.id)).map((i) => i.id)
  return {
    added: now.filter((i) => !then.has(i.id)).length,
    removed: before.filter((i) => !current.has(i.id)).length,
    replaced,
    durationsChanged,
    reordered: keptBefore.some((id, index) => keptNow[index] !== id),
    nameNow: null,
    deleted: false,
  }
}

export function hasChanges(c: PlaylistChanges): boolean {
  return (
    c.deleted ||
    c.nameNow !== null ||
    c.added + c.removed + c.replaced + c.durationsChanged > 0 ||
    c.reordered
  )
}

/** "Lobby: 2 items added, 1 replaced, durations changed" — what an operator reads in the list. */
export function describeChanges(name: string, c: PlaylistChanges): string {
  if (c.deleted) return `${name}: deleted since`
  const parts: string[] = []
  if (c.nameNow !== null) parts.push(`renamed to ${c.nameNow}`)
  if (c.added) parts.push(`${c.added} ${c.added === 1 ? 'item' : 'items'} added`)
  if (c.removed) parts.push(`${c.removed} removed`)
  if (c.replaced) parts.push(`${c.replaced} replaced`)
  if (c.durationsChanged)
    parts.push(c.durationsChanged === 1 ? '1 duration changed' : 'durations changed')
  if (c.reordered) parts.push('order changed')
  return `${name}: ${parts.join(', ')}`
}

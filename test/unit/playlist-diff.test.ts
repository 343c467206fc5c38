import { describe, expect, it } from 'vitest'
import { describeChanges, diffPlaylist, hasChanges } from '../../src/main/export/playlist-diff'

const item = (id: number, assetId = id, durationMs = 10_000, sha256 = `h${assetId}`) => ({
  id,
  assetId,
  sha256,
  durationMs,
})

describe('what changed in a playlist since its bundle', () => {
  const before = [item(1), item(2), item(3)]

  it('finds nothing in the same playlist', () => {
    expect(hasChanges(diffPlaylist(before, [...before]))).toBe(false)
  })

  it('counts added, removed, replaced, re-timed and reordered items', () => {
    const now = [item(3), item(1, 9), item(4), item(5), item(2, 2, 4000)]
    const changes = diffPlaylist(before, now)
    expect(changes).toMatchObject({
      added: 2,
      removed: 0,
      replaced: 1,
      durationsChanged: 1,
      reordered: true,
    })
    expect(describeChanges('Lobby', changes)).toBe(
      'Lobby: 2 items added, 1 replaced, 1 duration changed, order changed',
    )
  })

  it('counts an item whose file was edited in place as replaced', () => {
    const changes = diffPlaylist(before, [item(1), item(2, 2, 10_000, 'new'), item(3)])
    expect(describeChanges('Lobby', changes)).toBe('Lobby: 1 replaced')
  })

  it('does not call a removal a reorder', () => {
    const changes = diffPlaylist(before, [item(1), item(3)])
    expect(changes.reordered).toBe(false)
    expect(describeChanges('Lobby', changes)).toBe('Lobby: 1 removed')
  })
})

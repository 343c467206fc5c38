import { describe, expect, it } from 'vitest'
import type { Collection } from '../../src/shared/domain'
import { collageOf, selfAndInside, treeOrder } from '../../src/renderer/src/lib/album-tree'

const album = (id: number, name: string, parentId: number | null = null): Collection => ({
  id,
  kind: 'album',
  name,
  itemCount: 0,
  durationMs: 0,
  profile: 'fhd-h264',
  createdAt: 0,
  updatedAt: 0,
  parentId,
  coverAssetId: null,
  coverSha256: null,
  preview: [],
})

describe('the album tree', () => {
  it('lists each album under its parent, by name, with its depth', () => {
    const rows = treeOrder([
      album(1, 'Venues'),
      album(2, 'Lobby', 1),
      album(3, 'Atrium', 1),
      album(4, '2024', 2),
      album(5, 'Archive'),
    ])
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.collection.name}`)).toEqual([
      'Archive',
      'Venues',
      '  Atrium',
      '  Lobby',
      '    2024',
    ])
  })

  it('shows an album whose parent is gone, or that sits in a cycle, at the top level once', () => {
    const rows = treeOrder([album(1, 'A', 2), album(2, 'B', 1), album(3, 'C', 99)])
    expect(rows.map((r) => [r.collection.name, r.depth])).toEqual([
      ['C', 0],
      ['A', 0],
      ['B', 0],
    ])
  })

  it('knows which albums a move cannot target: itself and everything inside it', () => {
    const albums = [album(1, 'A'), album(2, 'B', 1), album(3, 'C', 2), album(4, 'D')]
    expect([...selfAndInside(albums, 1)].sort()).toEqual([1, 2, 3])
  })

  it('puts the chosen cover first in the collage, without showing it twice', () => {
    expect(collageOf({ coverSha256: 'c', preview: ['a', 'b', 'c', 'd'] })).toEqual([
      'c',
      'a',
      'b',
      'd',
    ])
    expect(collageOf({ coverSha256: null, preview: [] })).toEqual([])
  })
})

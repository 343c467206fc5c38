import { describe, expect, it } from 'vitest'
import { nodeName, parseNode } from '../../src/main/graph/node'

describe('graph node names', () => {
  it('reads every kind of node and names it back the same way', () => {
    for (const name of [
      'asset:12',
      'collection:3',
      'root:1',
      'bundle:6f1c2a9e-1b2c-4d3e-8f00-0123456789ab',
      'folder:1:Menus',
      'folder:2:Menus/Summer 2026/Week 1',
      'integration:4',
      `media:${'f'.repeat(64)}`,
      `rendition:${'a'.repeat(64)}:small`,
      `rendition:${'a'.repeat(64)}:export:lobby-tv@3:silent`,
    ]) {
      const node = parseNode(name)
      expect(node.kind).not.toBe('path')
      if (node.kind !== 'path') expect(nodeName(node)).toBe(name)
    }
    expect(parseNode('folder:7:a/b')).toEqual({ kind: 'folder', num: 7, text: 'a/b' })
    expect(parseNode(`rendition:${'a'.repeat(64)}:large`)).toEqual({
      kind: 'rendition',
      num: 0,
      text: `${'a'.repeat(64)}:large`,
    })
  })

  it('takes an absolute path as the asset indexed there', () => {
    expect(parseNode('/media/lobby/a.jpg')).toEqual({ kind: 'path', path: '/media/lobby/a.jpg' })
  })

  it('reads a folder with an empty path as its root', () => {
    expect(parseNode('folder:4:')).toEqual({ kind: 'root', num: 4, text: '' })
  })

  it('refuses what is not a node, saying what one looks like', () => {
    for (const bad of [
      'asset:',
      'asset:0',
      'asset:1.5',
      'asset:-1',
      'asset:01',
      'collection:x',
      'root:1:2',
      'bundle:',
      'bundle:a/b',
      'integration:x',
      'media:abc',
      `media:${'A'.repeat(64)}`,
      `rendition:${'a'.repeat(64)}`,
      `rendition:${'a'.repeat(64)}:`,
      `rendition:${'a'.repeat(63)}:small`,
      'folder:1',
      'folder:x:a',
      'folder:1:/a',
      'folder:1:a/',
      'folder:1:a//b',
      'folder:1:a/../b',
      'tag:1',
      'relative/path.jpg',
      '',
    ])
      expect(() => parseNode(bad), bad).toThrow(/is not a node\. Use asset:<id>/)
  })
})

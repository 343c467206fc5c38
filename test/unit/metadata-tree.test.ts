import { describe, expect, it } from 'vitest'
import { groupFlatTags } from '../../src/renderer/src/components/inspector/exif-groups'
import {
  buildTree,
  filterTree,
  formatLeaf,
  leafCount,
  namespacesOf,
  type MetaNode,
} from '../../src/renderer/src/components/inspector/metadata-tree'

const keys = (nodes: MetaNode[]): string[] => nodes.map((n) => n.key)

const camera = {
  Make: 'Canon',
  Model: 'EOS R5',
  LensModel: 'RF24-70mm F2.8 L IS USM',
  ExposureTime: '1/200',
  FNumber: 5.6,
  ISO: 400,
  DateTimeOriginal: '2024-05-01T09:00:00.000Z',
  GPSLatitude: 52.37,
  GPSLongitude: 4.89,
  ImageWidth: 8192,
  ImageHeight: 5464,
  Orientation: 1,
  FileType: 'JPEG',
  MIMEType: 'image/jpeg',
  Keywords: ['lobby', 'spring'],
  Title: 'Lobby, morning',
  Flash: 'Off, Did not fire',
  ColorSpace: 'sRGB',
  XMPToolkit: 'Adobe XMP Core',
}

describe('metadata tree', () => {
  it('lists the namespaces that hold something, EXIF first, empties left out', () => {
    const metadata = { identify: { mime: 'image/jpeg' }, zeta: { a: 1 }, exif: camera, xmp: {} }
    expect(namespacesOf({ ...metadata, warnings: [] })).toEqual(['exif', 'identify', 'zeta'])
  })

  it('groups a large flat tag set the way a photographer reads it', () => {
    const tree = buildTree('exif', camera)
    expect(keys(tree)).toEqual([
      'Description',
      'Camera',
      'Exposure',
      'Dates',
      'Location',
      'Image',
      'File',
      'Other',
    ])
    const exposure = tree.find((n) => n.key === 'Exposure')!
    expect(keys(exposure.children!)).toEqual(['ExposureTime', 'Flash', 'FNumber', 'ISO'])
    expect(tree.find((n) => n.key === 'Location')!.children!.map((c) => c.value)).toEqual([
      '52.37',
      '4.89',
    ])
    expect(leafCount(tree)).toBe(Object.keys(camera).length)
  })

  it('groups only what exiftool wrote: other flat namespaces keep their own keys', () => {
    const streams = Object.fromEntries(Object.keys(camera).map((k, i) => [k, i]))
    expect(keys(buildTree('ffprobe', streams))).toEqual(Object.keys(camera))
  })

  it('leaves a short namespace as it is', () => {
    expect(groupFlatTags({ mime: 'image/png', extensionMatches: true })).toEqual({
      mime: 'image/png',
      extensionMatches: true,
    })
    const tree = buildTree('identify', { mime: 'image/png', extensionMatches: true })
    expect(tree.map((n) => [n.key, n.value])).toEqual([
      ['mime', 'image/png'],
      ['extensionMatches', 'Yes'],
    ])
  })

  it('names nested stream objects by their kind', () => {
    const tree = buildTree('ffprobeRaw', {
      streams: [
        { codec_type: 'video', width: 640 },
        { codec_type: 'audio', channels: 2 },
      ],
      format: { duration: '3.000000' },
    })
    expect(keys(tree)).toEqual(['streams', 'format'])
    expect(keys(tree[0]!.children!)).toEqual(['#0 · video', '#1 · audio'])
    expect(tree[0]!.children![1]!.children![1]).toMatchObject({ key: 'channels', value: '2' })
  })

  it('shows a list of warnings as one row per warning', () => {
    const tree = buildTree('warnings', ['Animated: first frame only', 'CMYK converted'])
    expect(tree).toHaveLength(1)
    expect(tree[0]!.value).toBe('Animated: first frame only, CMYK converted')
  })

  it('filters by key or value, keeping the groups that lead to a match', () => {
    const tree = buildTree('exif', camera)
    const byValue = filterTree(tree, 'canon')
    expect(keys(byValue)).toEqual(['Camera'])
    expect(keys(byValue[0]!.children!)).toEqual(['Make'])
    const byKey = filterTree(tree, 'gps')
    expect(leafCount(byKey)).toBe(2)
    const byGroup = filterTree(tree, 'exposure')
    expect(leafCount(byGroup)).toBe(4)
    expect(filterTree(tree, '  ')).toHaveLength(tree.length)
    expect(filterTree(tree, 'nothing like this')).toEqual([])
  })

  it('writes values readably and cuts what would flood the panel', () => {
    expect(formatLeaf(null)).toBe('—')
    expect(formatLeaf(false)).toBe('No')
    expect(formatLeaf(['a', 'b'])).toBe('a, b')
    const long = formatLeaf(Array.from({ length: 40 }, (_, i) => i))
    expect(long).toMatch(/^0, 1, 2, .*, 11, … \(40 items\)$/)
    expect(formatLeaf('x'.repeat(1000))).toMatch(/… \(1000 characters\)$/)
  })
})
